"""The "get a persona" use case: find the contact, load its history, reuse or generate, store.

The CLI and the Slack app both call this; nothing else orchestrates CRM, persona and storage.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from crm.base import ContactById, CrmAdapter
from crm.errors import ContactNotFound
from crm.matching import suggest
from crm.models import Contact, History
from crm.references import id_candidate
from persona.corrections import apply_corrections, new_evidence, note_lines
from persona.diff import PersonaDiff, diff_personas
from persona.fingerprint import history_fingerprint
from persona.generators.base import PersonaGenerator
from persona.mail import language
from persona.models import Correction, Persona
from persona.signals import SIGNALS_VERSION, compute_signals
from persona_bot.objections import ContactObjected, email_hash
from persona_bot.settings import ConfigError, Settings
from persona_bot.wiring import build_adapter, build_embedder, lazy_generator
from storage.corrections import FeedbackStore, VoteCount
from storage.errors import DatabaseUnavailable
from storage.records import AuditEvent, PersonaKey, Share, StoredPersona
from storage.repository import PersonaRepository
from storage.suppressions import SuppressionStore
from storage.watches import WatchStore

if TYPE_CHECKING:
    from persona.generators.pacing import Pacer
    from persona_bot.similar import SimilarContact, Similarity

RETRY_FALLBACK_AFTER = timedelta(minutes=10)
PRUNE_EVERY = timedelta(days=1)
log = logging.getLogger(__name__)
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
    # Issue 12: the stored persona with teammates' corrections overlaid (what people see),
    # and the "Accurate?" votes of this version.
    shown: Persona | None = None
    votes: VoteCount = field(default_factory=VoteCount)

    @property
    def persona(self) -> Persona:
        return self.shown or self.stored.persona

    @property
    def fallback_reason(self) -> str | None:
        """Why the model's prose is missing (the card shows it with a Retry button)."""
        return self.stored.persona.generator.fallback_reason


@dataclass(frozen=True)
class SimilarResult:
    """Contacts in the same workspace whose persona resembles the queried contact's."""

    query: PersonaResult  # the queried contact's persona (generated first if it had none)
    matches: list[SimilarContact]  # best first; never the contact itself
    compared: int  # other personas in the workspace that were compared


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
        similarity: Similarity | Callable[[], Similarity] | None = None,
    ) -> None:
        self.crm = crm
        self.repository = repository
        self.generator = generator
        self.retry_fallback_after = retry_fallback_after
        # Built on first use (numpy, maybe an embeddings client): a cached persona needs none.
        self._similarity: Similarity | None = None
        self._make_similarity = similarity if callable(similarity) else None
        if similarity is not None and not callable(similarity):
            self._similarity = similarity
        self.feedback = FeedbackStore(repository.engine)  # issue 12: corrections and votes
        self.watches = WatchStore(repository.engine)  # issue 13: who watches which contact
        self.suppressions = SuppressionStore(repository.engine)  # objections (issue 16)
        self._background: set[asyncio.Task[None]] = set()

    @property
    def similarity(self) -> Similarity:
        if self._similarity is None:
            if self._make_similarity is not None:
                self._similarity = self._make_similarity()
            else:
                from persona_bot.similar import Similarity

                self._similarity = Similarity(self.repository)  # behavior vectors, no text
        return self._similarity

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        """Work the caller need not wait for (indexing vectors); finished before closing."""
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def settle(self) -> None:
        """Wait for background work (tests and shutdown)."""
        while self._background:
            await asyncio.gather(*self._background, return_exceptions=True)

    def key(self, team_id: str, contact_id: str) -> PersonaKey:
        return PersonaKey(team_id=team_id, crm=self.crm.name, contact_id=contact_id)

    async def lookup(self, query: str) -> Lookup:
        by_id = await self.contact_by_reference(query)
        if by_id is not None:
            return Lookup(query, [by_id])
        matches = await self.crm.find(query)
        if matches:
            return Lookup(query, matches)
        return Lookup(query, [], suggest(await self.crm.list_contacts(), query))

    async def contact_by_reference(self, text: str) -> Contact | None:
        """The contact a CRM id or HubSpot record link names (issue 13), else None: a text that
        is not an id, or an id the CRM does not have, goes to the name search instead."""
        contact_id = id_candidate(text)
        if contact_id is None:
            return None
        try:
            if isinstance(self.crm, ContactById):
                return await self.crm.contact(contact_id)
            return (await self.crm.history(contact_id)).contact
        except ContactNotFound:
            return None

    async def get_persona(
        self,
        *,
        team_id: str,
        contact_id: str,
        user_id: str | None,
        regenerate: bool = False,
        on_signals: OnSignals | None = None,
        compare: bool = True,
        history: History | None = None,
    ) -> PersonaResult:
        """The latest persona, generated only if the history changed or a regenerate was asked.

        Concurrent calls for one contact share a single generation (storage single-flight).
        `on_signals` receives the signals-only persona before a language model runs, so a
        card can be shown while the prose is written. `compare=False` skips loading the
        previous version and what changed, for callers that will not show it. `history`:
        already loaded by the caller (a bulk run that filtered on it).
        Raises ContactObjected for a contact who objected to profiling: one indexed read, by id
        and e-mail, before anything is looked up in storage or generated.
        """
        if history is None:
            history = await self.crm.history(contact_id)
        await self.refuse_objected(contact_id, history.contact.email)
        key = self.key(team_id, contact_id)
        measured = cache(lambda: compute_signals(history))  # once, for the early card and the model
        missed = False  # the stored persona could not be used at once

        async def early_card() -> None:  # before waiting for locks: the measured card at once
            nonlocal missed
            missed = True
            if on_signals is not None and self.generator.name != "signals":
                from persona.generators.signals_gen import build_persona  # not for a cached persona

                corrections = await self.feedback.corrections(key)
                await apply_on_signals(on_signals, build_persona(history, measured()), corrections)

        async def generate() -> Persona:
            corrections = await self.feedback.corrections(key)  # the model reads them as notes
            return await self.generator.generate(history, measured(), notes=note_lines(corrections))

        fingerprint = self._fingerprint(history)
        stored, generated = await self.repository.obtain(
            key, fingerprint, generate, user_id=user_id, force=regenerate, on_miss=early_card
        )
        if not generated and self._stale_fallback(stored):
            stored, generated = await self.repository.obtain(
                key, fingerprint, generate, user_id=user_id, force=True, on_miss=early_card
            )
        if not generated:
            self.repository.audit_later(AuditEvent.view, key, user_id, "cached")
        if generated or missed:  # an objection recorded while it was generated: erase it, refuse
            await self.refuse_objected(contact_id, history.contact.email)
        if generated:  # older versions without a vector: the backfill, or the next search
            self._in_background(self.similarity.ensure(stored, fresh=True))  # never raises
        previous = await self._previous(key, stored.version) if compare else None
        changes = diff_personas(previous.persona, stored.persona) if previous else None
        corrections, votes = await self.feedback.load(key, stored.version)
        shown = apply_corrections(stored.persona, corrections, new_evidence(history, corrections, compute_signals))
        return PersonaResult(history.contact, stored, generated, previous, changes, shown, votes)

    async def objected(self, contact_id: str, email: str | None) -> bool:
        """Is this contact (by CRM id, or anyone with the same normalised e-mail) on the list?"""
        return await self.suppressions.find(self.crm.name, contact_id, email_hash(email)) is not None

    async def refuse_objected(self, contact_id: str, email: str | None) -> None:
        """The one do-not-profile check. A refused contact's leftovers (e.g. a duplicate CRM
        record profiled before its twin objected) are erased on the way."""
        if not await self.objected(contact_id, email):
            return
        if await self.repository.keys_for_contact(self.crm.name, contact_id):
            await self.repository.forget(self.crm.name, contact_id, user_id="objection")
        raise ContactObjected(contact_id)

    def _fingerprint(self, history: History) -> str:
        """The history's fingerprint, salted with the generator and the signal rules' version:
        adding an API key, or better rules, upgrades cached personas."""
        generator = f"{self.generator.name}:{self.generator.model or ''}|signals:{SIGNALS_VERSION}"
        return hashlib.sha256(f"{history_fingerprint(history)}|{generator}".encode()).hexdigest()

    def _stale_fallback(self, stored: StoredPersona) -> bool:
        """A signals-only stand-in left by a model failure is retried once it is a while old."""
        return (
            stored.persona.generator.fallback_reason is not None
            and datetime.now(UTC) - stored.created_at >= self.retry_fallback_after
        )

    async def _previous(self, key: PersonaKey, version: int) -> StoredPersona | None:
        if version <= 1:
            return None
        return await self.repository.version_before(key, version)

    async def similar(self, team_id: str, contact_id: str, k: int = 5, *, user_id: str | None = None) -> SimilarResult:
        """The k contacts of this workspace that behave most like this one, best first.

        The contact's persona is generated first if it has none (or its history changed).
        """
        query = await self.get_persona(team_id=team_id, contact_id=contact_id, user_id=user_id, compare=False)
        await self.settle()  # vectors still being indexed in this process count too
        await self.similarity.backfill(self.crm.name, team_id)  # versions stored without one
        matches, compared = await self.similarity.search(query.stored, k, blocked=self.objected)
        return SimilarResult(query, matches, compared)

    async def backfill_vectors(self, team_id: str | None = None) -> int:
        """Vectors for stored personas that have none yet (versions from before issue 7)."""
        return await self.similarity.backfill(self.crm.name, team_id)

    async def versions(self, team_id: str, contact_id: str) -> list[VersionEntry]:
        """Every stored version, oldest first, each with what changed from the one before."""
        stored = await self.repository.versions(self.key(team_id, contact_id))
        await self.refuse_objected(contact_id, stored[-1].persona.contact.email if stored else None)
        entries: list[VersionEntry] = []
        for before, after in zip([None, *stored], stored, strict=False):
            changes = diff_personas(before.persona, after.persona) if before else None
            entries.append(VersionEntry(after, changes))
        return entries

    async def stored_version(self, team_id: str, contact_id: str, version: int | None) -> StoredPersona | None:
        """One stored version (None: the latest), for "How this was made"; refused after an objection."""
        stored = await self.repository.versions(self.key(team_id, contact_id))
        await self.refuse_objected(contact_id, stored[-1].persona.contact.email if stored else None)
        if version is None:
            return stored[-1] if stored else None
        return next((s for s in stored if s.version == version), None)

    def share_later(
        self,
        team_id: str,
        contact_id: str,
        *,
        channel_id: str,
        message_ts: str,
        thread_ts: str | None,
        version: int,
        shared_by: str | None,
    ) -> None:
        """Remember a card posted in a channel (its thread is reused for that contact there):
        written in the background, in a batch with other cards' (storage.later); `find_share`
        in this process sees it at once."""
        key = self.key(team_id, contact_id)
        self.repository.share_later(key, channel_id, message_ts, thread_ts, version, shared_by, audit="posted")

    async def find_share(self, team_id: str, contact_id: str, channel_id: str) -> Share | None:
        return await self.repository.find_share(self.key(team_id, contact_id), channel_id)

    async def forget(self, contact_id: str, team_id: str | None = None) -> int:
        """Erase every version and share of a contact (audit rows without content remain)."""
        return await self.repository.forget(self.crm.name, contact_id, team_id)

    async def warm_up(self) -> None:
        """Pay one-off loading costs before the first request instead of during it."""
        await self.generator.warm_up()
        compute_signals(History(contact=Contact(id="warm-up", name="Warm Up")))
        await asyncio.to_thread(language.warm_up)  # the language model loads in about a second
        _ = self.similarity  # built lazily otherwise (numpy, embeddings): not during a first card

    async def aclose(self) -> None:
        await self.settle()
        await self.generator.aclose()
        await self.crm.aclose()
        if self._similarity is not None and self._similarity.embedder is not None:
            await self._similarity.embedder.aclose()
        await self.repository.close()


async def apply_on_signals(on_signals: OnSignals, persona: Persona, corrections: list[Correction]) -> None:
    """The early signals card shows the corrected values too."""
    await on_signals(apply_corrections(persona, corrections) if corrections else persona)


@asynccontextmanager
async def open_service(settings: Settings, *, pacer: Pacer | None = None) -> AsyncIterator[PersonaService]:
    """Everything wired from settings; closed on exit. `pacer`: see persona.generators.pacing."""
    crm = build_adapter(settings)
    try:
        repository = await open_repository(settings)
    except BaseException:
        await crm.aclose()
        raise

    def similarity() -> Similarity:
        from persona_bot.similar import Similarity

        return Similarity(repository, build_embedder(settings), settings.similar_text_weight)

    # Built on first generation: a cached persona needs no model SDK, tokenizer or signal rules.
    service = PersonaService(crm, repository, lazy_generator(settings, pacer=pacer), similarity=similarity)
    retention = None
    if settings.persona_retention_days:
        retention = asyncio.create_task(_prune_daily(repository, settings.persona_retention_days))
    try:
        yield service
    finally:
        if retention is not None:
            retention.cancel()
            await asyncio.gather(retention, return_exceptions=True)
        await service.aclose()


async def open_repository(settings: Settings) -> PersonaRepository:
    """The repository for DATABASE_URL; ConfigError naming DATABASE_URL when it cannot open."""
    try:
        return await PersonaRepository.open(settings.database_url)
    except DatabaseUnavailable as exc:
        raise ConfigError(f"DATABASE_URL: {exc}") from None


async def _prune_daily(repository: PersonaRepository, retention_days: int) -> None:
    """PERSONA_RETENTION_DAYS: prune now, then once a day for as long as the service runs."""
    while True:
        try:
            pruned = await repository.prune(retention_days)
            if pruned:
                log.info("retention: pruned %d persona versions older than %d days", pruned, retention_days)
        except Exception:
            log.exception("retention pruning failed; will try again tomorrow")
        await asyncio.sleep(PRUNE_EVERY.total_seconds())
