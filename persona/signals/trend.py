"""Engagement trend: is the contact engaging more or less lately than they used to?

The recent window (the last third of the history, at most 180 days) is compared with the
rate before it, so a contact who went quiet while we kept writing reads as declining.
"""

from __future__ import annotations

from datetime import timedelta

from crm.models import Direction, InteractionType
from persona.models import Signal, Trend
from persona.signals.common import confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts

MIN_POINTS = 6
MIN_SPAN_DAYS = 90
MAX_RECENT = timedelta(days=180)
RISING = 1.75  # recent rate at least this many times the earlier one
DECLINING = 0.4  # recent rate at most this share of the earlier one
MIN_RECENT_RISING = 3
SILENT_TOUCHES = 3  # our unanswered touches since their last engagement ...
SILENT_FOR = timedelta(days=60)  # ... over at least this long: they have gone quiet


def engagement_trend(facts: Facts) -> Signal[Trend]:
    engaged = facts.engaged
    n = len(engaged)
    if n < MIN_POINTS:
        return unknown(f"only {plural(n, 'engagement')}", n)
    start, end = facts.interactions[0].timestamp, facts.interactions[-1].timestamp
    silence = _unanswered_since_last_engagement(facts)
    if silence is not None:
        return silence
    span = end - start
    if span.days < MIN_SPAN_DAYS:
        return unknown(f"history spans only {span.days} days", n)
    window = min(MAX_RECENT, span / 3)
    cut = end - window
    earlier = [i for i in engaged if i.timestamp < cut]
    recent = [i for i in engaged if i.timestamp >= cut]
    earlier_rate = len(earlier) / ((span - window).total_seconds() / 86400 / 30)
    recent_rate = len(recent) / (window.total_seconds() / 86400 / 30)
    detail = f"{recent_rate:.1f} engagements a month in the last {window.days} days vs {earlier_rate:.1f} before"
    if earlier_rate == 0:
        value: Trend = "rising" if len(recent) >= MIN_RECENT_RISING else "steady"
        ratio = float("inf")
    else:
        ratio = recent_rate / earlier_rate
        if ratio >= RISING and len(recent) >= MIN_RECENT_RISING:
            value = "rising"
        elif ratio <= DECLINING and len(earlier) >= MIN_POINTS // 2:
            value = "declining"
        else:
            value = "steady"
    ids = [i.id for i in (recent if value == "rising" else earlier if value == "declining" else engaged)]
    strength = 1.0 if value != "steady" or ratio == float("inf") else 1 - abs(1 - ratio) / 2
    return Signal(
        value=value,
        confidence=confidence(n, max(0.5, min(1.0, strength)), scale=6.0),
        data_points=n,
        evidence=recent_ids(ids),
        detail=detail,
    )


def _unanswered_since_last_engagement(facts: Facts) -> Signal[Trend] | None:
    """Declining when we keep reaching out and the contact has stopped responding."""
    last = facts.engaged[-1]
    after = [
        i
        for i in facts.interactions
        if i.timestamp > last.timestamp and i.direction is Direction.outbound and i.type is not InteractionType.note
    ]
    quiet = facts.interactions[-1].timestamp - last.timestamp
    if len(after) < SILENT_TOUCHES or quiet < SILENT_FOR:
        return None
    return Signal(
        value="declining",
        confidence=confidence(len(after), 1.0, scale=3.0),
        data_points=len(after),
        evidence=recent_ids(i.id for i in after),
        detail=f"no response to our last {len(after)} touches over {quiet.days} days",
    )
