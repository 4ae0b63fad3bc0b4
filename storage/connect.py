"""Opening DATABASE_URL with a clear answer when it cannot work, before any migration runs.

A typo in the URL, a PostgreSQL server that is down or a SQLite file in a folder we may not
write would otherwise surface as a long SQLAlchemy or asyncpg traceback from deep inside
the first query. One probe (a connection and, on SQLite, a write lock) turns each into
`DatabaseUnavailable` with a one-line reason and the URL without its password.
"""

from __future__ import annotations

import asyncio
import sqlite3

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import SQLITE_BUSY_TIMEOUT_MS, create_engine, default_database_url
from storage.errors import DatabaseUnavailable

EXAMPLES = "sqlite+aiosqlite:///path/to/personas.db or postgresql+asyncpg://user@host:5432/dbname"


async def open_engine(database_url: str | None) -> AsyncEngine:
    """The engine for `database_url`, known to connect (and, on SQLite, to be writable)."""
    raw = database_url or default_database_url()
    try:
        url = make_url(raw)
        engine = create_engine(raw)
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError):
        scheme = raw.split(":", 1)[0][:40]
        raise DatabaseUnavailable(f"not a database URL this app can use ({scheme!r}); use {EXAMPLES}") from None
    except OSError as exc:  # the SQLite file's folder could not be created
        raise DatabaseUnavailable(f"cannot create the folder of {url.database}: {exc.strerror or exc}") from None
    shown = url.render_as_string(hide_password=True)
    try:
        if engine.dialect.name == "sqlite":
            await asyncio.to_thread(_probe_sqlite_file, url.database)
        else:
            async with engine.connect():
                pass
    except (OSError, DBAPIError, sqlite3.Error) as exc:
        await engine.dispose()
        raise DatabaseUnavailable(f"cannot open {shown}: {_reason(exc)}") from None
    return engine


def _probe_sqlite_file(database: str | None) -> None:
    """Open the file and take the write lock once (readable is not enough: requests write).

    With the standard library's driver: aiosqlite's worker thread outlives a failed connect
    and, when the event loop has closed by then, prints a traceback at exit.
    """
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    connection = sqlite3.connect(database, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def _reason(exc: BaseException) -> str:
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    text = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    return text[:200]
