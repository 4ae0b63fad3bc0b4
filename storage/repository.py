"""PersonaRepository: the one storage object the service holds. It opens the database and
hands each call to the module that owns the concern: versions (storage.versions), the cache
with single-flight (storage.cache), shares (storage.shares), the audit trail (storage.audit),
erasure (storage.erasure) and retention (storage.retention). Hands out records from
storage.records, never ORM objects."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from storage import erasure, migrate, retention, shares, versions
from storage.audit import audit_row, write_audit
from storage.cache import Generate, OnMiss, PersonaCache
from storage.coalesce import Coalescer
from storage.connect import open_engine
from storage.later import LaterWrites
from storage.records import AuditEvent, PersonaKey, Share, StoredPersona
from storage.tables import utcnow

__all__ = ["Generate", "PersonaRepository"]


class PersonaRepository:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._cache = PersonaCache(engine)
        self._later = LaterWrites(engine)
        self._shares = Coalescer(lambda spots: shares.find_shares(engine, spots))

    @classmethod
    async def open(cls, database_url: str | None = None) -> PersonaRepository:
        """Connect to DATABASE_URL (default: the SQLite file) and apply pending migrations;
        DatabaseUnavailable (storage.errors) when the database cannot be opened at all."""
        engine = await open_engine(database_url)
        try:
            await migrate.upgrade(engine)
        except BaseException:
            await engine.dispose()
            raise
        return cls(engine)

    async def close(self) -> None:
        await self.flush_writes()
        await self._cache.close()
        await self._engine.dispose()

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    # -- versions ----------------------------------------------------------------------------

    async def latest(self, key: PersonaKey) -> StoredPersona | None:
        return await versions.latest(self._engine, key)

    async def version_before(self, key: PersonaKey, version: int) -> StoredPersona | None:
        return await versions.version_before(self._engine, key, version)

    async def versions(self, key: PersonaKey) -> list[StoredPersona]:
        return await versions.versions(self._engine, key)

    async def keys_for_contact(self, crm: str, contact_id: str) -> list[PersonaKey]:
        return await versions.keys_for_contact(self._engine, crm, contact_id)

    async def obtain(
        self,
        key: PersonaKey,
        fingerprint: str,
        generate: Generate,
        *,
        user_id: str | None,
        force: bool = False,
        on_miss: OnMiss | None = None,
    ) -> tuple[StoredPersona, bool]:
        """See storage.cache.PersonaCache.obtain."""
        return await self._cache.obtain(key, fingerprint, generate, user_id=user_id, force=force, on_miss=on_miss)

    # -- shares ------------------------------------------------------------------------------

    def share_later(
        self,
        key: PersonaKey,
        channel_id: str,
        message_ts: str,
        thread_ts: str | None,
        version: int,
        shared_by: str | None,
        *,
        audit: str | None = None,
    ) -> None:
        """Remember a posted card, off the caller's path (storage.later): a card posted in a burst
        costs no write transaction of its own; `find_share` sees it at once in this process.
        The first card per contact and channel stays canonical. `audit`: also record a share
        event with that outcome, in the same transaction."""
        share = Share(
            key=key,
            channel_id=channel_id,
            message_ts=message_ts,
            thread_ts=thread_ts,
            version=version,
            shared_by=shared_by,
            created_at=utcnow(),
        )
        row = audit_row(AuditEvent.share, key, shared_by, audit) if audit is not None else None
        self._later.share(share, row)

    async def find_share(self, key: PersonaKey, channel_id: str) -> Share | None:
        pending = self._later.pending_share(key, channel_id)  # before the query: a batch may land meanwhile
        stored = await self._shares.get(shares.spot(key, channel_id))  # one query for a burst
        return stored or pending

    async def shares_of(self, key: PersonaKey) -> list[Share]:
        await self.flush_writes()
        return await shares.shares_of(self._engine, key)

    # -- audit -------------------------------------------------------------------------------

    async def audit(
        self,
        event: AuditEvent,
        key: PersonaKey | None,
        user_id: str | None,
        outcome: str,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        cost_usd: float = 0.0,
    ) -> None:
        """Record an event. `outcome` is a short status ("ok", "error: Timeout"), never content."""
        row = audit_row(event, key, user_id, outcome, prompt_tokens, completion_tokens, cost_usd)
        await write_audit(self._engine, row)

    def audit_later(self, event: AuditEvent, key: PersonaKey | None, user_id: str | None, outcome: str) -> None:
        """Record an event off the caller's path (see storage.later); `flush_writes` (and
        `close`) wait for it."""
        self._later.audit(audit_row(event, key, user_id, outcome))

    async def flush_writes(self) -> None:
        """Wait until every audit and share queued by `audit_later`/`share_later` is written."""
        await self._later.flush()

    # -- erasure and retention ---------------------------------------------------------------

    async def forget(self, crm: str, contact_id: str, team_id: str | None = None, *, user_id: str | None = None) -> int:
        await self.flush_writes()  # a share still queued must not outlive the erasure
        return await erasure.forget(self._engine, crm, contact_id, team_id, user_id=user_id)

    async def prune(self, retention_days: int) -> int:
        return await retention.prune(self._engine, retention_days)
