"""A generated CRM export of many contacts (bulk tests and bench/bulk.py).

Deterministic and varied enough that the signals differ: each contact has a few email threads,
sometimes a call or a deal, at dates spread over two years (so `--since` has work to do).
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

START = datetime(2024, 1, 8, 9, tzinfo=UTC)
SPAN_DAYS = 720
FIRST = ["Ana", "Björn", "Chen", "Dara", "Emeka", "Farah", "Gus", "Hana", "Ivo", "Jun", "Kofi", "Lena"]
LAST = ["Souza", "Nilsson", "Wei", "Okafor", "Haddad", "Müller", "Tanaka", "Rossi", "Silva", "Kowalski"]


def contact_record(n: int, rng: random.Random) -> dict[str, Any]:
    cid = f"c{n:05d}"
    name = f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]} {n}"
    begin = START + timedelta(days=rng.randrange(0, SPAN_DAYS - 90))
    interactions: list[dict[str, Any]] = []
    for k in range(rng.randrange(2, 7)):
        sent = begin + timedelta(days=7 * k, hours=rng.randrange(0, 8))
        interactions.append(
            {
                "id": f"{cid}-o{k}",
                "type": "email",
                "direction": "outbound",
                "timestamp": sent.isoformat(),
                "subject": "Proposal",
                "thread_id": f"{cid}-t{k}",
                "body": "Hello, sharing the proposal we discussed. Kind regards, Sam",
            }
        )
        if rng.random() < 0.7:
            interactions.append(
                {
                    "id": f"{cid}-i{k}",
                    "type": "email",
                    "direction": "inbound",
                    "timestamp": (sent + timedelta(hours=rng.randrange(1, 72))).isoformat(),
                    "subject": "Re: Proposal",
                    "thread_id": f"{cid}-t{k}",
                    "body": "Thanks Sam, looks good. Could you do better on the price? Best, " + name.split()[0],
                }
            )
    if rng.random() < 0.4:
        interactions.append(
            {
                "id": f"{cid}-call",
                "type": "call",
                "direction": "outbound",
                "timestamp": (begin + timedelta(days=3)).isoformat(),
                "duration_seconds": rng.randrange(120, 1800),
                "outcome": "connected",
            }
        )
    deals = []
    if rng.random() < 0.5:
        deals.append(
            {
                "id": f"{cid}-d1",
                "name": "Renewal",
                "amount": rng.randrange(5, 80) * 1000,
                "status": "won",
                "created_at": begin.isoformat(),
                "closed_at": (begin + timedelta(days=rng.randrange(5, 60))).isoformat(),
                "discount_percent": rng.choice([None, 5, 10, 15]),
            }
        )
    return {
        "id": cid,
        "name": name,
        "email": f"{cid}@example.com",
        "company": f"Company {n % 97}",
        "interactions": sorted(interactions, key=lambda i: i["timestamp"]),
        "deals": deals,
    }


def write_export(path: Path, contacts: int, *, seed: int = 14) -> Path:
    rng = random.Random(seed)
    records = [contact_record(n, rng) for n in range(contacts)]
    path.write_text(json.dumps({"contacts": records}), encoding="utf-8")
    return path
