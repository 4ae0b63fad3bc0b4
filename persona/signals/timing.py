"""Best time to reach: when the contact actually writes, calls or meets (their local time)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from crm.models import Interaction
from persona.models import BestTime, Signal
from persona.signals.common import confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts

DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WINDOW_HOURS = 3
MIN_POINTS = 5
MIN_WINDOW_SHARE = 0.6
MAX_DAYS = 3
MIN_DAYS_SHARE = 0.6
DAY_SHARE = 0.15  # a day with less than this share of engagements is not a best day


def best_time(facts: Facts) -> tuple[Signal[str], BestTime]:
    points = facts.engaged
    n = len(points)
    if n < MIN_POINTS:
        return unknown(f"only {plural(n, 'timed engagement')}", n), BestTime()
    hours = Counter(i.timestamp.hour for i in points)
    start, in_window = max(
        ((h, sum(hours[(h + k) % 24] for k in range(WINDOW_HOURS))) for h in range(24)),
        key=lambda hw: (hw[1], -hw[0]),
    )
    window_share = in_window / n
    if window_share < MIN_WINDOW_SHARE:
        return unknown(f"no consistent time across {plural(n, 'engagement')}", n), BestTime()
    days = _best_days(Counter(i.timestamp.weekday() for i in points), n)
    while hours[start % 24] == 0:  # trim empty edges: "11:00–12:00", not "09:00–12:00"
        start += 1
    end = start + WINDOW_HOURS
    while hours[(end - 1) % 24] == 0:
        end -= 1
    start %= 24
    label = f"{start:02d}:00–{end % 24:02d}:00 {_zone(points)}"
    value = f"{_day_range(days)}, {label}" if days else label
    ids = [i.id for i in points if (i.timestamp.hour - start) % 24 < end - start]
    signal = Signal[str](
        value=value,
        confidence=confidence(n, window_share, scale=5.0),
        data_points=n,
        evidence=recent_ids(ids),
        detail=f"{in_window} of {plural(n, 'engagement')} fell in {label}",
    )
    detail = BestTime(value=value, days=[DAY_NAMES[d] for d in days], start_hour=start, end_hour=min(end, 24))
    return signal, detail


def _best_days(counts: Counter[int], n: int) -> list[int]:
    """The weekdays (at most three) that each hold a real share and together most engagements."""
    busy = [day for day, count in counts.most_common() if count >= max(2, DAY_SHARE * n)]
    if not busy or len(busy) > MAX_DAYS or sum(counts[d] for d in busy) / n < MIN_DAYS_SHARE:
        return []
    return sorted(busy)


def _day_range(days: list[int]) -> str:
    if len(days) > 1 and days == list(range(days[0], days[-1] + 1)):
        return f"{DAY_NAMES[days[0]]}–{DAY_NAMES[days[-1]]}"
    return ", ".join(DAY_NAMES[d] for d in days)


def _zone(points: list[Interaction]) -> str:
    offsets = Counter(i.timestamp.utcoffset() or timedelta(0) for i in points)
    offset = offsets.most_common(1)[0][0]
    if offset == timedelta(0):
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
