"""Synthetic histories of any size for benchmarks: a realistic mix of channels and text."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from crm.models import Contact, Deal, History, Interaction, Purchase

_BODIES = [
    "Dear Tom,\n\nThank you for the revised proposal. Could you confirm the delivery dates?\n\nKind regards,\nAnna",
    "hey, quick one: can we push the call to thursday? thx",
    "Can you do better on the price? Another vendor quoted us 10% less for the same volume.",
    "Following up on my last note about the renewal terms.",
    "Attached is the signed order form. Please send the invoice to accounts payable.",
]


def synthetic_history(n: int, seed: int = 7) -> History:
    rng = random.Random(seed)
    start = datetime(2022, 1, 3, 8, tzinfo=UTC)
    kinds = ["email", "email", "email", "call", "meeting", "note", "chat"]
    items = []
    for k in range(n):
        kind = rng.choice(kinds)
        items.append(
            Interaction(
                id=f"i{k}",
                type=kind,
                direction=rng.choice(["inbound", "outbound"]),
                timestamp=start + timedelta(hours=k * 7 + rng.randint(0, 5)),
                subject="Re: renewal" if kind == "email" else None,
                body=rng.choice(_BODIES) * rng.randint(1, 3),
                duration_seconds=rng.randint(0, 1800) if kind in ("call", "meeting") else None,
                outcome=rng.choice(["connected", "no_answer", "completed"]) if kind in ("call", "meeting") else None,
            )
        )
    deals = [
        Deal(id=f"d{k}", name=f"Deal {k}", amount=rng.randint(5, 80) * 1000, currency="USD", stage="closed",
             status=rng.choice(["won", "lost"]), created_at=start + timedelta(days=90 * k),
             closed_at=start + timedelta(days=90 * k + rng.randint(5, 120)), discount_percent=rng.randint(0, 25))
        for k in range(max(1, n // 200))
    ]
    purchases = [
        Purchase(id=f"p{k}", timestamp=start + timedelta(days=60 * k), amount=rng.randint(1, 20) * 500,
                 currency="USD", product="Widgets", quantity=rng.randint(1, 50))
        for k in range(max(1, n // 300))
    ]
    contact = Contact(id="bench", name="Bench Contact", email="bench@example.com", company="Example")
    return History(contact=contact, interactions=items, deals=deals, purchases=purchases)
