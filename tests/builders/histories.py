"""CRM histories built by hand: item by item (`history` of `msg`, `deal`, `purchase`,
`email_threads`), a realistic long one (`make_history`), a small one for storage keys
(`email_history`), and the export file a JSON adapter reads (`export_json`)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from crm.models import Contact, Deal, DealStatus, Direction, History, Interaction, InteractionType, Purchase

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


_SUBJECTS = (
    "Re: Renewal quote for the analytics tier",
    "Following up on Tuesday's call",
    "Pricing question about the 3-year option",
    "Onboarding schedule for the new team",
    "Re: Invoice INV-2291 and PO number",
)
_BODIES = (
    "Hi Marta, thanks for sending the revised quote. Before I take it to our CFO I need to "
    "understand whether the 12% discount also applies to the add-on seats we discussed, and "
    "whether we can move the start date to the first of next month. Best regards, Jonas",
    "Quick one: can we do a 20-minute call Thursday morning? I have questions on the SSO "
    "setup and the data retention settings. Thanks!",
    "Left a voicemail about the renewal; no answer yet. Will try again next week.",
    "Great meeting today. Action items: send the security questionnaire, confirm pricing "
    "for 40 seats, book the technical deep-dive with their IT lead.",
)
_TYPES = ("email", "email", "call", "meeting", "chat", "note")


def make_history(
    n: int,
    *,
    contact_id: str = "c-1",
    name: str = "Jonas Weiß",
    deals: int = 3,
    purchases: int = 4,
    start: datetime | None = None,
) -> History:
    """A history of `n` interactions, one every ~9 hours, newest last."""
    start = start or datetime(2021, 1, 4, 9, 0, tzinfo=UTC)
    interactions = [
        Interaction(
            id=f"i-{k}",
            type=_TYPES[k % len(_TYPES)],
            direction="inbound" if k % 3 else "outbound",
            timestamp=start + timedelta(hours=9 * k),
            subject=_SUBJECTS[k % len(_SUBJECTS)],
            body=_BODIES[k % len(_BODIES)],
            duration_seconds=900 if _TYPES[k % len(_TYPES)] == "call" else None,
            outcome="connected" if _TYPES[k % len(_TYPES)] == "call" else None,
        )
        for k in range(n)
    ]
    deal_list = [
        Deal(
            id=f"d-{k}",
            name=f"Analytics tier, year {k + 1}",
            amount=24_000 + 1_000 * k,
            currency="EUR",
            stage="closed",
            status="won" if k % 2 == 0 else "lost",
            created_at=start + timedelta(days=90 * k),
            closed_at=start + timedelta(days=90 * k + 30),
            discount_percent=10.0 if k % 2 == 0 else None,
        )
        for k in range(deals)
    ]
    purchase_list = [
        Purchase(
            id=f"p-{k}",
            timestamp=start + timedelta(days=365 * k + 60),
            amount=1_200.0,
            currency="EUR",
            product="Add-on seats",
            quantity=10,
        )
        for k in range(purchases)
    ]
    return History(
        contact=Contact(
            id=contact_id,
            name=name,
            email="jonas.weiss@example.com",
            company="Nordlicht Logistik GmbH",
            title="Head of Operations",
        ),
        interactions=interactions,
        deals=deal_list,
        purchases=purchase_list,
    )


def email_history(contact_id: str = "c-1", interactions: int = 3) -> History:
    """A few emails and one won deal: enough for a fingerprint or a storage key."""
    return History(
        contact=Contact(id=contact_id, name="Ada Lovelace", email="ada@example.com"),
        interactions=[
            Interaction(
                id=f"i{n}",
                type=InteractionType.email,
                direction=Direction.inbound if n % 2 else Direction.outbound,
                timestamp=datetime(2025, 1, 1 + n, 9, 0, tzinfo=UTC),
                subject=f"Subject {n}",
            )
            for n in range(interactions)
        ],
        deals=[
            Deal(
                id="d1",
                name="Renewal",
                amount=24000,
                status=DealStatus.won,
                created_at=datetime(2024, 10, 1, tzinfo=UTC),
            )
        ],
    )
