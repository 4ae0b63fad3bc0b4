"""An export's histories held as their JSON, parsed when asked.

As pydantic models a history takes ~15 KB (7 interactions: every model carries its own dict and
field set); as JSON ~2 KB, and parsing one back takes ~25 µs. With 10,000 contacts that is
the difference between 150 MB and 20 MB for a process that holds the whole export
(`bench/bulk.py --memory-contacts 10000`). The last histories asked for stay parsed, so a
contact shown again is the same object (its fingerprint is computed once) and costs nothing.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterator, Mapping

from crm.models import Contact, History

KEEP_PARSED = 256


class PackedHistories(Mapping[str, History]):
    """Histories by contact id; the contacts themselves (for lookups) stay parsed."""

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}
        self._recent: OrderedDict[str, History] = OrderedDict()
        self._contacts: dict[str, Contact] = {}

    @property
    def contacts(self) -> list[Contact]:
        return list(self._contacts.values())

    def put(self, history: History) -> None:
        """Adds the history, or replaces the one held for its contact."""
        contact_id = history.contact.id
        self._recent.pop(contact_id, None)
        self._contacts[contact_id] = history.contact
        self._packed[contact_id] = history.__pydantic_serializer__.to_json(history)

    def marker(self, contact_id: str) -> str | None:
        """Differs whenever the history held for the contact does (a hash of its JSON), so a
        refresh cycle can tell what changed without parsing and fingerprinting every history."""
        packed = self._packed.get(contact_id)
        return hashlib.sha256(packed).hexdigest() if packed is not None else None

    def __getitem__(self, contact_id: str) -> History:
        history = self._recent.pop(contact_id, None)
        if history is None:
            history = History.model_validate_json(self._packed[contact_id])  # KeyError if unknown
        self._recent[contact_id] = history  # most recent last
        if len(self._recent) > KEEP_PARSED:
            self._recent.popitem(last=False)
        return history

    def __contains__(self, contact_id: object) -> bool:
        return contact_id in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)
