"""A small CRM export for the Slack tests: two "Ana"s, a hostile record, an external contact."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HOSTILE = "<!channel> *Mal* _ory_ <@U999> <https://evil.example|click> @here"
START = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)


def _emails(prefix: str, count: int, *, reply_hours: float = 2.0) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(count):
        sent = START + timedelta(days=7 * i)
        out.append(
            {
                "id": f"{prefix}-o{i}",
                "type": "email",
                "direction": "outbound",
                "timestamp": sent.isoformat(),
                "subject": "Proposal",
                "thread_id": f"{prefix}{i}",
                "body": "Dear Ana, please find the proposal attached. Kind regards.",
            }
        )
        out.append(
            {
                "id": f"{prefix}-i{i}",
                "type": "email",
                "direction": "inbound",
                "timestamp": (sent + timedelta(hours=reply_hours)).isoformat(),
                "subject": "Re: Proposal",
                "thread_id": f"{prefix}{i}",
                "body": "Dear team, thank you. Best regards.",
            }
        )
    return out


def _contact(cid: str, name: str, email: str, company: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "name": name,
        "email": email,
        "company": company,
        "title": "Head of Procurement",
        "interactions": _emails(cid, 6),
        "deals": [
            {
                "id": f"{cid}-d1",
                "name": "Renewal",
                "amount": 24000,
                "status": "won",
                "created_at": START.isoformat(),
                "closed_at": (START + timedelta(days=12)).isoformat(),
            }
        ],
        "purchases": [],
        **extra,
    }


CONTACTS = [
    _contact("c-ana", "Ana Souza", "ana.souza@acme.example", "Acme Corp"),
    _contact("c-ana2", "Ana Lima", "ana.lima@globex.example", "Globex"),
    _contact("c-bruno", "Bruno Costa", "bruno@initech.example", "Initech"),
    _contact("c-erin", "Erin Extern", "erin@partner.example", "Partner Inc"),
    _contact("c-evil", HOSTILE, "mallory@evil.example", HOSTILE, title=HOSTILE),
]


def write_export(directory: Path) -> Path:
    path = directory / "crm.json"
    path.write_text(json.dumps({"contacts": CONTACTS}), encoding="utf-8")
    return path
