"""The "get a persona" use case: find the contact, load its history, reuse or generate, store.

The CLI and the Slack app both call this; nothing else orchestrates CRM, persona and storage.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from crm.base import CrmAdapter
from crm.factory import build_adapter
from crm.matching import suggest
from crm.models import Contact, History
from persona.diff import PersonaDiff, diff_personas
from persona.fingerprint import history_fingerprint
from persona.generators.base import PersonaGenerator
from persona.generators.chain import build_generator
from persona.generators.signals_gen import build_persona
from persona.models import Persona
from persona.signals import compute_signals
from persona_bot.settings import Settings
from storage.records import AuditEvent, PersonaKey, Share, StoredPersona
from storage.repository import PersonaRepository

RETRY_FALLBACK_AFTER = timedelta(minutes=10)
OnSignals = Callable[[Persona], Awaitable[None]]


@dataclass(frozen=True)
class Lookup:
    """What a free-text query found: one match, several (ask which), or none (suggest)."""

    query: str
    matches: list[Contact]
    suggestions: list[Contact] = field(default_factory=list)


@dataclass(frozen=True)
class PersonaResult:
    contact: Contact
    stored: StoredPersona
    generated: bool  # False: the stored version was reused at no cost
    previous: StoredPersona | None  # the version before `stored`, if any
    changes: PersonaDiff | None  # previous -> stored, when both exist

    @property
    def persona(self) -> Persona:
        return self.stored.persona

    @property
    def fallback_reason(self) -> str | None:
        """Why the model's prose is missing (the card shows it with a Retry button)."""
        return self.stored.persona.generator.fallback_reason


@dataclass(frozen=True)
class VersionEntry:
    stored: StoredPersona
    changes: PersonaDiff | None  # against the version before it


class PersonaService:
    def __init__(
        self,
        crm: CrmAdapter,
        repository: PersonaRepository,
        generator: PersonaGenerator,
        *,
        retry_fallback_after: timedelta = RETRY_FALLBACK_AFTER,
    ) -> None:
        self.crm = crm
        self.repository = repository
        self.generator = generator
        self.retry_fallback_after = retry_fallback_after

    def key(self, team_id: str, contact_id: str) -> PersonaKey:
        return PersonaKey(team_id=team_id, crm=self.crm.name, contact_id=contact_id)

    async def lookup(self, query: str) -> Lookup:
        matches = await self.crm.find(query)
        if matches:
            return Lookup(query, matches)
        return Lookup(query, [], suggest(await self.crm.list_contacts(), query))

    async def get_persona(
        self,
        *,
        team_id: str,
        contact_id: str,
        user_id: str | None,
        regenerate: bool = False,
        on_signals: OnSignals | None = None,
    ) -> PersonaResult:
        """The latest persona, generated only if the history changed or a regenerate was asked.

        Concurrent calls for one contact share a single generation (storage single-flight).
        `on_signals` receives the signals-only persona before a language model runs, so a
        card can be shown while the prose is written.
        """
        history = await self.crm.history(contact_id)
        key = self.key(team_id, contact_id)

        async def generate() -> Persona:
            return await self._generate(history, on_signals)

        fingerprint = self._fingerprint(history)
        stored, generated = await self.repository.obtain(
            key, fingerprint, generate, user_id=user_id, force=regenerate
        )
        if not generated and self._stale_fallback(stored):
            stored, generated = await self.repository.obtain(key, fingerprint, generate, user_id=user_id, force=True)
        if not generated:
            self.repository.audit_later(AuditEvent.view, key, user_id, "cached")
        previous = await self._previous(key, stored.version)
        changes = diff_personas(previous.persona, stored.persona) if previous else None
        return PersonaResult(history.contact, stored, generated, previous, changes)

    def _fingerprint(self, history: History) -> str:
        """The history's fingerprint, salted with the generator: adding an API key upgrades
        cached offline personas."""
        generator = f"{self.generator.name}:{self.generator.model or ''}"
        return hashlib.sha256(f"{history_fingerprint(history)}|{generator}".encode()).hexdigest()

    def _stale_fallback(self, stored: StoredPersona) -> bool:
        """A signals-only stand-in left by a model failure is retried once it is a while old."""
        return (
            stored.persona.generator.fallback_reason is not None
            and datetime.now(UTC) - stored.created_at >= self.retry_fallback_after
        )

    async def _generate(self, history: History, on_signals: OnSignals | None) -> Persona:
        signals = compute_signals(history)
        if on_signals is not None and self.generator.name != "signals":
            await on_signals(build_persona(history, signals))
        return await self.generator.generate(history, signals)

    async def _previous(self, key: PersonaKey, version: int) -> StoredPersona | None:
        if version <= 1:
            return None
        return await self.repository.version_before(key, version)

    async def versions(self, team_id: str, contact_id: str) -> list[VersionEntry]:
        """Every stored version, oldest first, each with what changed from the one before."""
        stored = await self.repository.versions(self.key(team_id, contact_id))
        entries: list[VersionEntry] = []
        for before, after in zip([None, *stored], stored, strict=False):
            changes = diff_personas(before.persona, after.persona) if before else None
            entries.append(VersionEntry(after, changes))
        return entries

    async def record_share(
        self,
        team_id: str,
        contact_id: str,
        *,
        channel_id: str,
        message_ts: str,
        thread_ts: str | None,
        version: int,
        shared_by: str | None,
    ) -> Share:
        key = self.key(team_id, contact_id)
        return await self.repository.record_share(
            key, channel_id, message_ts, thread_ts, version, shared_by, audit="posted"
        )

    async def find_share(self, team_id: str, contact_id: str, channel_id: str) -> Share | None:
        return await self.repository.find_share(self.key(team_id, contact_id), channel_id)

    async def forget(self, contact_id: str, team_id: str | None = None) -> int:
        """Erase every version and share of a contact (audit rows without content remain)."""
        return await self.repository.forget(self.crm.name, contact_id, team_id)

    async def warm_up(self) -> None:
        """Pay one-off loading costs before the first request instead of during it."""
        await self.generator.warm_up()
        compute_signals(History(contact=Contact(id="warm-up", name="Warm Up")))

    async def aclose(self) -> None:
        await self.crm.aclose()
        await self.repository.close()


@asynccontextmanager
async def open_service(settings: Settings) -> AsyncIterator[PersonaService]:
    """Everything wired from settings; closed on exit."""
    crm = build_adapter(settings)
    repository = await PersonaRepository.open(settings.database_url)
    service = PersonaService(crm, repository, build_generator(settings))
    try:
        yield service
    finally:
        await service.aclose()
