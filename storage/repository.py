"""PersonaRepository: versions, the history-aware cache with single-flight, shares, audit,
erasure and retention. Hands out records from storage.records, never ORM objects."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import CursorResult, Result, Row
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import aliased

from persona.models import Persona
from storage import migrate
from storage.connect import open_engine
from storage.corrections import erasures as feedback_erasures
from storage.engine import write_transaction
from storage.locks import KeyedLocks, database_lock, lock_engine
from storage.records import AuditEvent, PersonaKey, Reason, Share, StoredPersona
from storage.scrub import scrub_wal
from storage.tables import AuditRow, PersonaVersion, ShareRow, WatchRow, WatchStateRow, utcnow

logger = logging.getLogger(__name__)
_VERSIONS = PersonaVersion.__table__

Generate = Callable[[], Awaitable[Persona]]


class PersonaRepository:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._locks = KeyedLocks()
        self._lock_engine = lock_engine(engine)
        self._audits: list[AuditRow] = []  # queued by audit_later, written by _flusher
        self._flusher: asyncio.Task[None] | None = None

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
        await self.flush_audits()
        await self._lock_engine.dispose()
        await self._engine.dispose()

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    # -- reading -------------------------------------------------------------------------

    async def latest(self, key: PersonaKey) -> StoredPersona | None:
        """The newest version: the hot path, so Core on a prebuilt statement, no ORM session."""
        row = await self._first(_LATEST, _key_params(key))
        return _stored(row) if row else None

    async def version_before(self, key: PersonaKey, version: int) -> StoredPersona | None:
        """The newest version older than `version` (versions may have gaps after pruning)."""
        row = await self._first(_BEFORE, {**_key_params(key), "version": version})
        return _stored(row) if row else None

    async def _first(self, statement: Any, params: dict[str, Any]) -> Row[Any] | None:
        """One row; a pooled connection the server dropped (restart, failover) is retried once."""
        for attempt in (1, 2):
            try:
                async with self._engine.connect() as connection:
                    return (await connection.execute(statement, params)).first()
            except DBAPIError as error:
                if attempt == 2 or not error.connection_invalidated:
                    raise
                logger.info("database connection was dropped; reading again on a new one")
        return None  # unreachable: the loop returns or raises

    async def versions(self, key: PersonaKey) -> list[StoredPersona]:
        """Every stored version of the key, oldest first."""
        async with self._engine.connect() as connection:
            rows = await connection.execute(_VERSIONS_OF_KEY, _key_params(key))
            return [_stored(row) for row in rows]

    async def keys_for_contact(self, crm: str, contact_id: str) -> list[PersonaKey]:
        """The persona lines of one contact across workspaces (what an erasure will touch)."""
        query = (
            select(_VERSIONS.c.team_id)
            .where(_VERSIONS.c.crm == crm, _VERSIONS.c.contact_id == contact_id)
            .distinct()
            .order_by(_VERSIONS.c.team_id)
        )
        async with self._engine.connect() as connection:
            teams = await connection.scalars(query)
            return [PersonaKey(team_id=t, crm=crm, contact_id=contact_id) for t in teams]

    # -- the cache -------------------------------------------------------------------------

    async def obtain(
        self,
        key: PersonaKey,
        fingerprint: str,
        generate: Generate,
        *,
        user_id: str | None,
        force: bool = False,
    ) -> tuple[StoredPersona, bool]:
        """The persona for `key`, generated only when needed; True when generated by this call.

        Single-flight: concurrent callers for one key (in this process, and across processes
        on PostgreSQL) wait for the one generation and receive its result.
        """
        seen = await self.latest(key)
        if not force and seen is not None and seen.fingerprint == fingerprint:
            return seen, False  # fast path: a cache hit takes no lock
        seen_version = seen.version if seen else 0
        async with self._locks.hold(key), database_lock(self._lock_engine, key):
            latest = await self.latest(key)
            if latest is not None:
                if not force and latest.fingerprint == fingerprint:
                    return latest, False
                if force and latest.version > seen_version:
                    # Someone generated while we waited: that is the fresh one asked for.
                    # (Versions, not timestamps: instances on several hosts share no clock.)
                    return latest, False
            reason = _reason(latest, force)
            event = AuditEvent.regenerate if force else AuditEvent.generate
            clock = time.perf_counter()
            try:
                persona = await generate()
            except Exception as error:
                await self._audit_failure(event, key, user_id, error)
                raise
            latency_ms = round((time.perf_counter() - clock) * 1000)
            version = (latest.version if latest else 0) + 1
            try:
                stored = await self._insert(key, version, persona, fingerprint, reason, event, user_id, latency_ms)
            except IntegrityError:
                # Another process (SQLite has no cross-process lock) stored this version first.
                winner = await self.latest(key)
                if winner is None:
                    raise
                usage = persona.usage  # the discarded generation still cost tokens
                await self.audit(
                    event,
                    key,
                    user_id,
                    "discarded: concurrent version",
                    usage.prompt_tokens,
                    usage.completion_tokens,
                    usage.cost_usd,
                )
                return winner, False
            return stored, True

    async def _insert(
        self,
        key: PersonaKey,
        version: int,
        persona: Persona,
        fingerprint: str,
        reason: Reason,
        event: AuditEvent,
        user_id: str | None,
        latency_ms: int,
    ) -> StoredPersona:
        """The version and its audit row in one transaction: both or neither."""
        usage = persona.usage
        row = PersonaVersion(
            team_id=key.team_id,
            crm=key.crm,
            contact_id=key.contact_id,
            version=version,
            persona=persona.model_dump(mode="json"),
            fingerprint=fingerprint,
            generator=persona.generator.name,
            model=persona.generator.model,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            cost_usd=usage.cost_usd,
            latency_ms=latency_ms,
            requested_by=user_id,
            reason=reason.value,
            created_at=utcnow(),
        )
        async with self._write() as session:
            session.add(row)
            await session.flush()
            session.add(
                _audit_row(
                    event,
                    key,
                    user_id,
                    "ok",
                    usage.prompt_tokens,
                    usage.completion_tokens,
                    usage.cost_usd,
                )
            )
        return StoredPersona(
            key=key,
            version=version,
            persona=persona,
            fingerprint=fingerprint,
            reason=reason,
            requested_by=user_id,
            created_at=row.created_at,
            latency_ms=latency_ms,
        )

    # -- shares ------------------------------------------------------------------------------

    async def record_share(
        self,
        key: PersonaKey,
        channel_id: str,
        message_ts: str,
        thread_ts: str | None,
        version: int,
        shared_by: str | None,
        *,
        audit: str | None = None,
    ) -> Share:
        """Remember a posted card; the first card per contact and channel stays canonical.

        `audit`: also record a share event with that outcome, in the same transaction."""
        values = {
            "team_id": key.team_id,
            "crm": key.crm,
            "contact_id": key.contact_id,
            "channel_id": channel_id,
            "message_ts": message_ts,
            "thread_ts": thread_ts,
            "version": version,
            "shared_by": shared_by,
            "created_at": utcnow(),
        }
        insert = pg_insert if self._engine.dialect.name == "postgresql" else sqlite_insert
        statement = (
            insert(ShareRow)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["team_id", "crm", "contact_id", "channel_id"])
        )
        async with self._write() as session:
            await session.execute(statement)
            if audit is not None:
                session.add(_audit_row(AuditEvent.share, key, shared_by, audit, 0, 0, 0.0))
            row = (await session.execute(_SHARE, {**_key_params(key), "channel_id": channel_id})).first()
            assert row is not None  # inserted or already there, inside this transaction
            return _share(row)

    async def find_share(self, key: PersonaKey, channel_id: str) -> Share | None:
        row = await self._first(_SHARE, {**_key_params(key), "channel_id": channel_id})
        return _share(row) if row else None

    async def shares_of(self, key: PersonaKey) -> list[Share]:
        """Every posted card of one persona line (issue 16: cleared when the contact is erased)."""
        query = select(_SHARES).where(*(getattr(_SHARES.c, k) == v for k, v in _key_params(key).items()))
        async with self._engine.connect() as connection:
            return [_share(row) for row in await connection.execute(query.order_by(_SHARES.c.id))]

    # -- audit, erasure, retention -------------------------------------------------------------

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
        async with self._write() as session:
            session.add(_audit_row(event, key, user_id, outcome, prompt_tokens, completion_tokens, cost_usd))

    def audit_later(self, event: AuditEvent, key: PersonaKey | None, user_id: str | None, outcome: str) -> None:
        """Record an event off the caller's path: queued rows are written together, in one
        transaction per batch, by a background task; `flush_audits` (and `close`) wait for it."""
        self._audits.append(_audit_row(event, key, user_id, outcome, 0, 0, 0.0))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._write_audits())

    async def flush_audits(self) -> None:
        """Wait until every audit queued by `audit_later` is written."""
        while self._flusher is not None and not self._flusher.done():
            await asyncio.wait([self._flusher])

    async def _write_audits(self) -> None:
        await asyncio.sleep(0)  # let the callers of this loop turn queue theirs too
        while self._audits:
            rows, self._audits = self._audits, []
            try:
                async with self._write() as session:
                    session.add_all(rows)
            except Exception:
                logger.exception("could not write %d audit rows", len(rows))

    async def _audit_failure(self, event: AuditEvent, key: PersonaKey, user_id: str | None, error: Exception) -> None:
        """Audit a failed generation; a broken audit must not hide the generator's error."""
        try:
            # The type only: error messages can quote prompts, payloads or credentials.
            await self.audit(event, key, user_id, f"error: {type(error).__name__}")
        except Exception:
            logger.exception("could not audit a failed generation")

    async def forget(self, crm: str, contact_id: str, team_id: str | None = None, *, user_id: str | None = None) -> int:
        """Erase every version, share, correction, vote and watch of a contact (in one team, or
        all); returns versions deleted. Only an audit row with ids and no content is left behind."""
        versions = delete(PersonaVersion).where(PersonaVersion.crm == crm, PersonaVersion.contact_id == contact_id)
        shares = delete(ShareRow).where(ShareRow.crm == crm, ShareRow.contact_id == contact_id)
        watches = delete(WatchRow).where(WatchRow.crm == crm, WatchRow.contact_id == contact_id)
        states = delete(WatchStateRow).where(WatchStateRow.crm == crm, WatchStateRow.contact_id == contact_id)
        if team_id is not None:
            versions = versions.where(PersonaVersion.team_id == team_id)
            shares = shares.where(ShareRow.team_id == team_id)
            watches = watches.where(WatchRow.team_id == team_id)
            states = states.where(WatchStateRow.team_id == team_id)
        async with self._write() as session:
            deleted = _rowcount(await session.execute(versions))
            await session.execute(shares)
            for statement in feedback_erasures(crm, contact_id, team_id):  # issue 12
                await session.execute(statement)
            await session.execute(watches)  # issue 13: nobody keeps watching an erased contact
            await session.execute(states)
            session.add(
                AuditRow(
                    event=AuditEvent.erase.value,
                    team_id=team_id,
                    crm=crm,
                    contact_id=contact_id,
                    user_id=user_id,
                    outcome=f"ok: {deleted} versions",
                    prompt_tokens=0,
                    completion_tokens=0,
                    cost_usd=0.0,
                    created_at=utcnow(),
                )
            )
        await scrub_wal(self._engine)  # no copy of the erased rows left in the -wal file
        return deleted

    async def prune(self, retention_days: int) -> int:
        """Delete versions older than `retention_days`, always keeping each key's latest."""
        cutoff = datetime.now(UTC) - timedelta(days=retention_days)
        newer = aliased(PersonaVersion)
        latest_version = (
            select(func.max(newer.version))
            .where(
                newer.team_id == PersonaVersion.team_id,
                newer.crm == PersonaVersion.crm,
                newer.contact_id == PersonaVersion.contact_id,
            )
            .scalar_subquery()
        )
        statement = delete(PersonaVersion).where(
            PersonaVersion.created_at < cutoff, PersonaVersion.version < latest_version
        )
        async with self._write() as session:
            pruned = _rowcount(await session.execute(statement))
        if pruned:
            await scrub_wal(self._engine)
        return pruned

    # -- plumbing ---------------------------------------------------------------------------------

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncSession]:
        """One write transaction as an ORM session (see storage.engine.write_transaction)."""
        async with write_transaction(self._engine) as connection:
            async with AsyncSession(bind=connection, expire_on_commit=False) as session:
                async with session.begin():  # joins the transaction: flushes, never commits it
                    yield session


_LATEST = (
    select(_VERSIONS)
    .where(
        _VERSIONS.c.team_id == bindparam("team_id"),
        _VERSIONS.c.crm == bindparam("crm"),
        _VERSIONS.c.contact_id == bindparam("contact_id"),
    )
    .order_by(_VERSIONS.c.version.desc())
    .limit(1)
)


_BEFORE = _LATEST.where(_VERSIONS.c.version < bindparam("version"))  # the newest older one
_VERSIONS_OF_KEY = (
    select(_VERSIONS)
    .where(
        _VERSIONS.c.team_id == bindparam("team_id"),
        _VERSIONS.c.crm == bindparam("crm"),
        _VERSIONS.c.contact_id == bindparam("contact_id"),
    )
    .order_by(_VERSIONS.c.version)
)


def _key_params(key: PersonaKey) -> dict[str, str]:
    return {"team_id": key.team_id, "crm": key.crm, "contact_id": key.contact_id}


_SHARES = ShareRow.__table__
_SHARE = select(_SHARES).where(  # prebuilt: looked up before every card
    _SHARES.c.team_id == bindparam("team_id"),
    _SHARES.c.crm == bindparam("crm"),
    _SHARES.c.contact_id == bindparam("contact_id"),
    _SHARES.c.channel_id == bindparam("channel_id"),
)


def _reason(latest: StoredPersona | None, force: bool) -> Reason:
    if latest is None:
        return Reason.first
    return Reason.regenerate if force else Reason.history_changed


def _audit_row(
    event: AuditEvent,
    key: PersonaKey | None,
    user_id: str | None,
    outcome: str,
    prompt_tokens: int,
    completion_tokens: int,
    cost_usd: float,
) -> AuditRow:
    return AuditRow(
        event=event.value,
        team_id=key.team_id if key else None,
        crm=key.crm if key else None,
        contact_id=key.contact_id if key else None,
        user_id=user_id,
        outcome=outcome[:128],
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        cost_usd=cost_usd,
        created_at=utcnow(),
    )


def _stored(row: Row[Any]) -> StoredPersona:
    return StoredPersona(
        key=PersonaKey(team_id=row.team_id, crm=row.crm, contact_id=row.contact_id),
        version=row.version,
        persona=Persona.model_validate(row.persona),
        fingerprint=row.fingerprint,
        reason=Reason(row.reason),
        requested_by=row.requested_by,
        created_at=row.created_at,
        latency_ms=row.latency_ms,
    )


def _share(row: Row[Any]) -> Share:
    return Share(
        key=PersonaKey(team_id=row.team_id, crm=row.crm, contact_id=row.contact_id),
        channel_id=row.channel_id,
        message_ts=row.message_ts,
        thread_ts=row.thread_ts,
        version=row.version,
        shared_by=row.shared_by,
        created_at=row.created_at,
    )


def _rowcount(result: Result[Any]) -> int:
    """Rows a DELETE/UPDATE touched (DML results are cursor results, which count them)."""
    return cast(CursorResult[Any], result).rowcount
