"""Engagement trend: is the contact engaging more or less than before?"""

from __future__ import annotations

from persona.models import Signal, Trend
from persona.signals.common import confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts

MIN_POINTS = 6
MIN_SPAN_DAYS = 60
CHANGE_RATIO = 1.5  # the later half must differ by half again from the earlier one
MIN_CHANGE = 3  # and by at least this many engagements


def engagement_trend(facts: Facts) -> Signal[Trend]:
    engaged = facts.engaged
    n = len(engaged)
    end = facts.reference
    if n < MIN_POINTS or end is None:
        return unknown(f"only {plural(n, 'engagement')}", n)
    start = facts.interactions[0].timestamp
    span = end - start
    if span.days < MIN_SPAN_DAYS:
        return unknown(f"history spans only {span.days} days", n)
    middle = start + span / 2
    earlier = [i for i in engaged if i.timestamp < middle]
    later = [i for i in engaged if i.timestamp >= middle]
    detail = f"{len(earlier)} engagements in the first half of the history, {len(later)} in the second"
    if len(later) >= CHANGE_RATIO * len(earlier) and len(later) - len(earlier) >= MIN_CHANGE:
        value: Trend = "rising"
        ids = [i.id for i in later]
    elif len(earlier) >= CHANGE_RATIO * len(later) and len(earlier) - len(later) >= MIN_CHANGE:
        value = "declining"
        ids = [i.id for i in earlier]
    else:
        value = "steady"
        ids = [i.id for i in engaged]
    ratio = abs(len(later) - len(earlier)) / n
    agreement = ratio if value != "steady" else 1 - ratio
    return Signal(
        value=value,
        confidence=confidence(n, 0.5 + agreement / 2, scale=6.0),
        data_points=n,
        evidence=recent_ids(ids),
        detail=detail,
    )
