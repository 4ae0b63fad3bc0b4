"""Decision speed from deal cycle times. One deal is not a pattern."""

from __future__ import annotations

import statistics

from crm.models import DealStatus
from persona.models import Signal, Speed
from persona.signals.common import confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts

QUICK_DAYS = 30  # closed within a month
DELIBERATE_DAYS = 45  # took (or has been open) at least six weeks
MIN_SIDE = 2  # deals on the winning side
MIN_AGREEMENT = 2 / 3


def decision_speed(facts: Facts) -> tuple[Signal[Speed], float | None]:
    """The signal and the median closed-deal cycle in days."""
    now = facts.reference
    quick: list[str] = []
    deliberate: list[str] = []
    cycles: list[float] = []
    undecided = 0
    for deal in sorted(facts.deals, key=lambda d: d.created_at):
        if deal.status is not DealStatus.open and deal.closed_at is not None:
            days = max(0.0, (deal.closed_at - deal.created_at).total_seconds() / 86400)
            cycles.append(days)
        elif deal.status is DealStatus.open and now is not None:
            days = (now - deal.created_at).total_seconds() / 86400
            if days < DELIBERATE_DAYS:
                continue  # too young to say anything
        else:
            continue
        if days <= QUICK_DAYS:
            quick.append(deal.id)
        elif days >= DELIBERATE_DAYS:
            deliberate.append(deal.id)
        else:
            undecided += 1
    median = round(statistics.median(cycles), 1) if cycles else None
    total = len(quick) + len(deliberate) + undecided
    detail = _detail(cycles, median, len(quick), len(deliberate), total)
    if total == 0:
        return unknown("no closed deals", 0), median
    side, value = (quick, "quick") if len(quick) >= len(deliberate) else (deliberate, "deliberate")
    agreement = len(side) / total
    if len(side) < MIN_SIDE or agreement < MIN_AGREEMENT or len(quick) == len(deliberate):
        return unknown(f"not enough consistent deals: {detail}", total), median
    signal = Signal[Speed](
        value=value,
        confidence=confidence(total, agreement, scale=2.5),
        data_points=total,
        evidence=recent_ids(side),
        detail=detail,
    )
    return signal, median


def _detail(cycles: list[float], median: float | None, quick: int, slow: int, total: int) -> str:
    parts = []
    if cycles:
        parts.append(f"{plural(len(cycles), 'closed deal')}, median cycle {median:.0f} days")
    parts.append(f"{quick} closed within {QUICK_DAYS} days, {slow} took {DELIBERATE_DAYS}+ days")
    if total > len(cycles):
        parts.append(f"{total - len(cycles)} long-open")
    return "; ".join(parts)
