"""Apply the packaged Alembic migrations from code (on open, and for `persona-bot db upgrade`)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import transactional

if TYPE_CHECKING:  # Alembic loads only when there is something to migrate (~0.15 s of start-up)
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any constant works: it only has to be the same for every instance sharing the database.
_PG_MIGRATION_LOCK = 0x5045_5253_4F4E_4131  # "PERSONA1"


_REVISION = re.compile(r'^(down_revision|revision)\b[^=]*=\s*["\']?([\w]+|None)["\']?', re.M)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@cache
def _head_from_files() -> str | None:
    """The head revision read from the migration files' text (no Alembic import); None when
    it is not one clear head, and Alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((m.group(1), m.group(2)) for m in _REVISION.finditer(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            if found.get("down_revision") not in (None, "None"):
                parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


async def _up_to_date(engine: AsyncEngine) -> bool:
    """One plain query: is the database already at the head revision?"""
    head = _head_from_files()
    if head is None:
        return False
    try:
        async with engine.connect() as connection:
            current = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
    except DBAPIError:  # no alembic_version table yet: a new database
        return False
    return current == [head]


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to `revision`; a no-op when it is already there.

    One transaction; on PostgreSQL an advisory lock serializes instances starting together,
    on SQLite BEGIN IMMEDIATE does the same.
    """
    if revision == "head" and await _up_to_date(engine):
        return
    from alembic import command

    async with engine.connect() as connection:
        connection = await transactional(connection)
        async with connection.begin():
            if connection.dialect.name == "postgresql":
                await connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), revision))


async def current_revision(engine: AsyncEngine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    async with engine.connect() as connection:
        return await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
