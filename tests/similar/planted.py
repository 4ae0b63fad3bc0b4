"""A CRM export with planted behaviors: two groups of contacts that behave in opposite ways.

"Fast" contacts reply by email within hours, close deals within days at deep discounts and
buy in Q4; "slow" contacts need reminders, take months to close at list price and buy in Q2.
Small per-contact variations keep the numbers from being identical.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crm.models import History
from tests.builders import deal, email_threads, history, purchase

FORMAL = "Dear Tom, thank you for the update. I will review it with the team. Kind regards, Ana"
CASUAL = "hey! sounds good, thx :) talk soon"


def fast(name: str, variant: int) -> History:
    items = email_threads(8, reply_after=timedelta(hours=1 + variant), body=FORMAL)
    deals = [
        deal(4 + variant, discount=20 + variant, amount=50_000),
        deal(9 + variant, discount=18, amount=60_000, start=datetime(2024, 3, 1, tzinfo=UTC)),
    ]
    buys = [purchase(datetime(2021 + y, 11, 10 + variant, tzinfo=UTC), amount=20_000) for y in range(4)]
    return history(items, deals, buys, name=name)


def slow(name: str, variant: int) -> History:
    items = email_threads(8, reply_after=timedelta(days=6 + variant), chasers=2, body=CASUAL)
    deals = [
        deal(120 + 10 * variant, discount=0, amount=2_000),
        deal(150, discount=1, amount=2_500, start=datetime(2024, 2, 1, tzinfo=UTC)),
    ]
    buys = [purchase(datetime(2021 + y, 5, 3 + variant, tzinfo=UTC), amount=900) for y in range(4)]
    return history(items, deals, buys, name=name)


def planted() -> tuple[list[History], list[History]]:
    fast_group = [fast(n, v) for v, n in enumerate(["Ana Souza", "Bea Costa", "Carla Dias", "Dora Lima"])]
    slow_group = [slow(n, v) for v, n in enumerate(["Emil Berg", "Finn Holm", "Gus Lund", "Hugo Falk"])]
    return fast_group, slow_group
