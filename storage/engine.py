"""The async engine for DATABASE_URL, with SQLite tuned for one writer and many readers."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

APP_NAME = "persona-bot"
SQLITE_BUSY_TIMEOUT_MS = 10_000
# Execution option: a SQLite transaction that will write starts with BEGIN IMMEDIATE, so it
# waits (busy_timeout) for the write lock up front instead of failing on a lock upgrade.
SQLITE_IMMEDIATE = "sqlite_immediate"
# PostgreSQL: reads run in autocommit (one round trip, no BEGIN/ROLLBACK around a SELECT);
# a connection that writes asks for a real transaction with this level (`transactional`).
PG_WRITE_ISOLATION = "READ COMMITTED"


def default_database_url() -> str:
    """SQLite file in the user's data directory (the directory is created on first use)."""
    path = Path(user_data_dir(APP_NAME)) / "personas.db"
    return f"sqlite+aiosqlite:///{path}"


def create_engine(database_url: str | None = None) -> AsyncEngine:
    url = make_url(database_url or default_database_url())
    if url.get_backend_name() != "sqlite":
        # No pre-ping: it doubles the hot read's latency. A connection the server dropped is
        # caught where it fails instead (the pool invalidates it; hot reads retry once).
        # Autocommit by default, so a read is one round trip; writes: `transactional`.
        return create_async_engine(url, pool_recycle=1800, isolation_level="AUTOCOMMIT", skip_autocommit_rollback=True)
    _ensure_parent_dir(url)
    # No ROLLBACK after a read, on checkin or on close: reads run without BEGIN (the driver
    # is in autocommit, see _tune_sqlite), and each ROLLBACK is a round trip to aiosqlite's
    # thread. A write's BEGIN IMMEDIATE transaction is rolled back by _tune_sqlite's listener.
    engine = create_async_engine(url, pool_reset_on_return=None, skip_autocommit_rollback=True)
    _tune_sqlite(engine)
    return engine


async def transactional(connection: AsyncConnection) -> AsyncConnection:
    """The connection, set to write in one real transaction: BEGIN IMMEDIATE on SQLite (see
    _tune_sqlite), the default isolation level instead of autocommit on PostgreSQL."""
    if connection.dialect.name == "sqlite":
        return await connection.execution_options(**{SQLITE_IMMEDIATE: True})
    return await connection.execution_options(isolation_level=PG_WRITE_ISOLATION)


def _ensure_parent_dir(url: URL) -> None:
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _tune_sqlite(engine: AsyncEngine) -> None:
    """WAL + busy timeout per connection; we emit BEGIN ourselves (the driver's is lazy)."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Stop the driver's implicit BEGIN-before-DML; we emit BEGIN ourselves below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")  # erased personas leave no bytes behind
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writes take the lock up front. Reads are single statements: in autocommit mode each
        # sees one consistent WAL snapshot, and skipping BEGIN saves a driver round trip.
        if connection.get_execution_options().get(SQLITE_IMMEDIATE, False):
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine.sync_engine, "rollback")
    def _on_rollback(connection: Connection) -> None:
        # skip_autocommit_rollback skips the driver's rollback() on every connection here (the
        # driver is always in autocommit); a write that began a transaction still needs one.
        if connection.invalidated:  # nothing to roll back; the write's own error stands
            return
        if connection.get_execution_options().get(SQLITE_IMMEDIATE, False):
            connection.connection.dbapi_connection.rollback()  # type: ignore[union-attr]


_WRITERS: weakref.WeakKeyDictionary[Engine, asyncio.Lock] = weakref.WeakKeyDictionary()


def writer_lock(engine: AsyncEngine) -> AbstractAsyncContextManager[object]:
    """The in-process queue of an engine's SQLite writers (nothing to queue on PostgreSQL)."""
    if engine.dialect.name != "sqlite":
        return nullcontext()
    return _WRITERS.setdefault(engine.sync_engine, asyncio.Lock())


@asynccontextmanager
async def write_transaction(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """One write transaction (BEGIN IMMEDIATE on SQLite), committed or rolled back whole.

    SQLite has one writer: every in-process writer of an engine queues on one asyncio lock
    instead of colliding in the file lock, where SQLite's busy handler sleeps in growing steps.
    """
    async with writer_lock(engine), engine.connect() as connection:
        connection = await transactional(connection)
        async with connection.begin():
            yield connection
