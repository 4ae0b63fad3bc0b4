"""Small builders for constructed CRM histories (tests and benchmarks)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from crm.models import Contact, Deal, History, Interaction, Purchase

T0 = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)  # a Monday
_ids = itertools.count(1)


def nid(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def msg(kind: str, direction: str, at: datetime, body: str = "", **extra: object) -> Interaction:
    return Interaction(id=nid(kind[0]), type=kind, direction=direction, timestamp=at, body=body or None, **extra)


def deal(
    days: float | None,
    *,
    status: str = "won",
    start: datetime = T0,
    discount: float | None = None,
    amount: float = 10_000,
    currency: str = "USD",
) -> Deal:
    closed = start + timedelta(days=days) if days is not None else None
    return Deal(
        id=nid("d"),
        name="Deal",
        amount=amount,
        currency=currency,
        stage="closed" if closed else "proposal",
        status=status,
        created_at=start,
        closed_at=closed,
        discount_percent=discount,
    )


def purchase(at: datetime, amount: float = 1_000) -> Purchase:
    return Purchase(id=nid("p"), timestamp=at, amount=amount, currency="USD", product="Widgets", quantity=1)


def history(
    interactions: list[Interaction] = (),
    deals: list[Deal] = (),
    purchases: list[Purchase] = (),
    name: str = "Test Contact",
) -> History:
    return History(
        contact=Contact(id=nid("c"), name=name, email="t@example.com", company="Example"),
        interactions=sorted(interactions, key=lambda i: i.timestamp),
        deals=list(deals),
        purchases=list(purchases),
    )


def email_threads(
    n: int,
    *,
    reply_after: timedelta | None,
    chasers: int = 0,
    body: str = "Thanks, noted.",
    every: timedelta = timedelta(days=7),
    start: datetime = T0,
) -> list[Interaction]:
    """n outreach episodes: our email, `chasers` follow-ups a few days apart, then maybe their reply."""
    items: list[Interaction] = []
    for k in range(n):
        at = start + k * every
        items.append(msg("email", "outbound", at, "Hello, sharing the proposal we discussed."))
        for c in range(chasers):
            items.append(msg("email", "outbound", at + timedelta(days=3 * (c + 1)), "Just following up on my note."))
        if reply_after is not None:
            items.append(msg("email", "inbound", at + timedelta(days=3 * chasers) + reply_after, body))
    return items


def export_json(*histories: History) -> str:
    """Histories as a CRM export file's text (the JSON adapter's format)."""
    import json

    contacts = []
    for h in histories:
        record = h.contact.model_dump(mode="json")
        record["interactions"] = [i.model_dump(mode="json") for i in h.interactions]
        record["deals"] = [d.model_dump(mode="json") for d in h.deals]
        record["purchases"] = [p.model_dump(mode="json") for p in h.purchases]
        contacts.append(record)
    return json.dumps({"contacts": contacts})
