"""Buying seasonality: do purchases cluster in one quarter, year after year?

One purchase is not a season, and neither is a busy quarter in a single year: a quarter
counts only when it holds most purchases and recurs in at least two years.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from persona.models import Seasonality, Signal
from persona.signals.common import confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts

MIN_PURCHASES = 3
SEASON_SHARE = 0.6
MIN_YEARS = 2
SPREAD_MIN_PURCHASES = 4
SPREAD_MIN_QUARTERS = 3
SPREAD_MAX_SHARE = 0.5


def quarter_of(month: int) -> str:
    return f"Q{(month - 1) // 3 + 1}"


def seasonality(facts: Facts) -> Signal[Seasonality]:
    purchases = sorted(facts.purchases, key=lambda p: p.timestamp)
    n = len(purchases)
    if n < MIN_PURCHASES:
        return unknown(f"only {plural(n, 'purchase')}: not enough to see a season", n)
    by_quarter: dict[str, list[str]] = defaultdict(list)
    years: dict[str, set[int]] = defaultdict(set)
    for purchase in purchases:
        quarter = quarter_of(purchase.timestamp.month)
        by_quarter[quarter].append(purchase.id)
        years[quarter].add(purchase.timestamp.year)
    counts = Counter({q: len(ids) for q, ids in by_quarter.items()})
    top, top_count = counts.most_common(1)[0]
    share = top_count / n
    spread = ", ".join(f"{q} {counts[q]}" for q in sorted(counts))
    detail = f"{plural(n, 'purchase')} by quarter: {spread}"
    if share >= SEASON_SHARE and len(years[top]) >= MIN_YEARS:
        return Signal(
            value=top,
            confidence=confidence(top_count, share, scale=2.5),
            data_points=n,
            evidence=recent_ids(by_quarter[top]),
            detail=f"{detail}; {top} in {len(years[top])} different years",
        )
    if n >= SPREAD_MIN_PURCHASES and len(counts) >= SPREAD_MIN_QUARTERS and share <= SPREAD_MAX_SHARE:
        return Signal(
            value="none",
            confidence=confidence(n, 1 - share, scale=3.0),
            data_points=n,
            evidence=recent_ids(p.id for p in purchases),
            detail=f"{detail}: spread across the year",
        )
    return unknown(f"no clear pattern: {detail}", n)
