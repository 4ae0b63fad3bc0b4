"""A fingerprint of a contact's history: equal histories, equal fingerprints, in any order.

The storage layer compares it with the latest version's to decide whether a stored persona
still describes the contact (the history-aware cache).
"""

from __future__ import annotations

import hashlib
import json
import weakref
from datetime import UTC, datetime
from typing import Any

from crm.models import History


def history_fingerprint(history: History) -> str:
    """sha256 hex of the contact, interactions, deals and purchases, each list sorted by id.

    Histories are frozen: one an adapter keeps in memory (a JSON export keeps the last ones
    asked for parsed) is hashed once, not on every card (while it lives; nothing here keeps it
    alive)."""
    known = _KNOWN.get(id(history))
    if known is not None and known[0]() is history:
        return known[1]
    fingerprint = _fingerprint(history)
    key = id(history)
    _KNOWN[key] = (weakref.ref(history, lambda _: _KNOWN.pop(key, None)), fingerprint)
    return fingerprint


_KNOWN: dict[int, tuple[weakref.ref[History], str]] = {}


def _fingerprint(history: History) -> str:
    canonical = {
        "contact": history.contact.model_dump(),
        "interactions": _sorted(history.interactions),
        "deals": _sorted(history.deals),
        "purchases": _sorted(history.purchases),
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_encode)
    return hashlib.sha256(text.encode()).hexdigest()


def _sorted(records: list[Any]) -> list[dict[str, Any]]:
    return [record.model_dump() for record in sorted(records, key=lambda record: record.id)]


def _encode(value: object) -> str:
    if isinstance(value, datetime):
        # One instant, one spelling, whatever offset the CRM reported it in.
        return value.astimezone(UTC).isoformat()
    raise TypeError(f"cannot fingerprint {type(value).__name__}")
