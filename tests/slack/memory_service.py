"""TEMPORARY in-memory stand-in for PersonaService until storage lands on main."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from crm.json_file import JsonFileAdapter
from crm.matching import suggest
from persona.generators.signals_gen import build_persona
from persona.signals import compute_signals
from storage.records import PersonaKey, Reason, Share, StoredPersona


@dataclass
class _Diff:
    items: list[str]

    @property
    def is_empty(self) -> bool:
        return not self.items

    def lines(self) -> list[str]:
        return self.items


@dataclass(frozen=True)
class Lookup:
    query: str
    matches: list[Any]
    suggestions: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    contact: Any
    stored: StoredPersona
    generated: bool
    previous: StoredPersona | None
    changes: _Diff | None

    @property
    def persona(self) -> Any:
        return self.stored.persona


@dataclass(frozen=True)
class Entry:
    stored: StoredPersona
    changes: _Diff | None


class MemoryService:
    def __init__(self, crm: JsonFileAdapter, delay: float = 0.0, fail: str | None = None) -> None:
        self.crm = crm
        self.delay = delay
        self.fail = fail
        self.generations = 0
        self.store: dict[str, list[StoredPersona]] = {}
        self.shares: dict[tuple[str, str, str], Share] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def lookup(self, query: str) -> Lookup:
        matches = await self.crm.find(query)
        if matches:
            return Lookup(query, matches)
        return Lookup(query, [], suggest(await self.crm.list_contacts(), query))

    async def get_persona(self, *, team_id: str, contact_id: str, user_id: str | None,
                          regenerate: bool = False, on_signals: Any = None) -> Result:
        history = await self.crm.history(contact_id)
        key = f"{team_id}/{contact_id}"
        lock = self.locks.setdefault(key, asyncio.Lock())
        versions = self.store.setdefault(key, [])
        before = len(versions)
        async with lock:
            generated = False
            if not versions or (regenerate and len(versions) == before):
                signals = compute_signals(history)
                persona = build_persona(history, signals)
                if on_signals:
                    await on_signals(persona)
                await asyncio.sleep(self.delay)
                self.generations += 1
                persona = build_persona(history, signals, fallback_reason=self.fail)
                versions.append(StoredPersona(
                    key=PersonaKey(team_id=team_id, crm="json", contact_id=contact_id),
                    version=len(versions) + 1, persona=persona, fingerprint="f",
                    reason=Reason.regenerate if versions else Reason.first,
                    requested_by=user_id, created_at=datetime.now(UTC)))
                generated = True
        stored = versions[-1]
        previous = versions[-2] if len(versions) > 1 else None
        return Result(history.contact, stored, generated, previous,
                      _Diff([]) if previous else None)

    async def versions(self, team_id: str, contact_id: str) -> list[Entry]:
        versions = self.store.get(f"{team_id}/{contact_id}", [])
        return [Entry(v, _Diff([]) if i else None) for i, v in enumerate(versions)]

    async def record_share(self, team_id: str, contact_id: str, *, channel_id: str,
                           message_ts: str, thread_ts: str | None, version: int,
                           shared_by: str | None) -> Share:
        share = Share(key=PersonaKey(team_id=team_id, crm="json", contact_id=contact_id),
                      channel_id=channel_id, message_ts=message_ts, thread_ts=thread_ts,
                      version=version, shared_by=shared_by, created_at=datetime.now(UTC))
        self.shares.setdefault((team_id, contact_id, channel_id), share)
        return share

    async def find_share(self, team_id: str, contact_id: str, channel_id: str) -> Share | None:
        return self.shares.get((team_id, contact_id, channel_id))
