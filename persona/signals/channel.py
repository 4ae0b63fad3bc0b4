"""Preferred channel: what the contact actually uses and answers, not what the rep tried."""

from __future__ import annotations

from collections import defaultdict

from crm.models import InteractionType
from persona.models import Channel, Signal
from persona.signals.common import confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts

_CHANNEL: dict[InteractionType, Channel] = {
    InteractionType.email: "email",
    InteractionType.call: "phone",
    InteractionType.meeting: "meeting",
    InteractionType.chat: "chat",
}
MIN_POINTS = 4  # engagements across all channels
MIN_WINNER = 3  # engagements on the winning channel
MIN_SHARE = 0.5  # the winner's share of all engagements


def preferred_channel(facts: Facts) -> Signal[Channel]:
    used: dict[Channel, list[str]] = defaultdict(list)
    for item in facts.engaged:
        used[_CHANNEL[item.type]].append(item.id)

    total = sum(len(ids) for ids in used.values())
    ranking = sorted(used.items(), key=lambda kv: -len(kv[1]))
    words = ", ".join(f"{ch} {len(ids)}" for ch, ids in ranking) or "none"
    aside = facts.set_aside_note()
    detail = f"{plural(total, 'engagement')} by channel: {words}{aside}"
    if total < MIN_POINTS:
        return unknown(f"only {plural(total, 'engagement')} by the contact{aside}", total)
    winner, ids = ranking[0]
    share = len(ids) / total
    runner_up = len(ranking[1][1]) if len(ranking) > 1 else 0
    if len(ids) < MIN_WINNER or share < MIN_SHARE or len(ids) == runner_up:
        return unknown(f"no clear favourite: {detail}", total)
    return Signal(
        value=winner,
        confidence=confidence(total, share),
        data_points=total,
        evidence=recent_ids(ids),
        detail=detail,
    )
