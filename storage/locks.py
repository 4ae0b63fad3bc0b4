"""Per-key locks: an in-process asyncio lock, plus a PostgreSQL advisory lock across processes."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage.records import PersonaKey

LOCK_CONNECTIONS_KEPT = 8  # idle lock connections kept open
LOCK_CONNECTIONS_MAX = 64  # generations holding a lock at once, per process


class KeyedLocks:
    """One asyncio.Lock per key, dropped when nobody holds or awaits it (no unbounded growth)."""

    def __init__(self) -> None:
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: Hashable) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


def lock_engine(engine: AsyncEngine) -> AsyncEngine:
    """Connections for advisory locks, in a pool of their own.

    A lock is held for a whole generation (seconds); from the shared pool, many contacts
    generating at once would take every connection and leave none for the reads and writes
    the lock holders themselves need. Pooled apart (autocommit: a lock is a session-level
    lock, never a transaction), a burst of generations does not pay one new PostgreSQL
    connection each, which cost more CPU than the rest of a first card.
    """
    if engine.dialect.name != "postgresql":
        return engine
    return create_async_engine(
        engine.url,
        pool_size=LOCK_CONNECTIONS_KEPT,
        max_overflow=LOCK_CONNECTIONS_MAX - LOCK_CONNECTIONS_KEPT,
        pool_recycle=1800,
        pool_pre_ping=True,  # one round trip per generation: a lock never fails on a dropped connection
        isolation_level="AUTOCOMMIT",
        skip_autocommit_rollback=True,
    )


def advisory_key(key: PersonaKey) -> int:
    """A stable signed 64-bit number for the key (pg_advisory_lock takes a bigint)."""
    raw = "\x1f".join((key.team_id, key.crm, key.contact_id)).encode()
    return int.from_bytes(hashlib.sha256(raw).digest()[:8], "big", signed=True)


@asynccontextmanager
async def database_lock(engine: AsyncEngine, key: PersonaKey) -> AsyncIterator[None]:
    """Session-level pg_advisory_lock on a dedicated autocommit connection.

    Held while a persona is generated (seconds) without keeping any transaction open.
    No-op on other databases (SQLite relies on the in-process lock and the unique constraint).
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    number = advisory_key(key)
    async with engine.connect() as connection:  # autocommit: see lock_engine
        try:
            await connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": number})
        except BaseException:
            # Cancelled mid-wait: the server may still grant the lock; closing the session
            # is the only sure way it is not left held on a pooled connection.
            await connection.invalidate()
            raise
        try:
            yield
        finally:
            try:
                await connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": number})
            except BaseException:
                await connection.invalidate()
                raise


@asynccontextmanager
async def try_single_runner(engine: AsyncEngine, name: str) -> AsyncIterator[bool]:
    """Yields True for the one holder of `name` (e.g. the refresher), False for everyone else.

    PostgreSQL: a session-level pg_try_advisory_lock on a dedicated connection (instances on
    several hosts); it never waits. SQLite: one process serves, so an in-process lock does.
    """
    number = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    if engine.dialect.name != "postgresql":
        lock = _RUNNERS.setdefault((id(engine.sync_engine), name), asyncio.Lock())
        if lock.locked():
            yield False
            return
        async with lock:
            yield True
        return
    locks = lock_engine(engine)
    try:
        async with locks.connect() as connection:  # autocommit: see lock_engine
            held = bool(await connection.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": number}))
            try:
                yield held
            finally:
                if held:
                    await connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": number})
    finally:
        await locks.dispose()


_RUNNERS: dict[tuple[int, str], asyncio.Lock] = {}
