"""Apply the packaged Alembic migrations from code (on open, and for `persona-bot db upgrade`)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import SQLITE_IMMEDIATE

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any constant works: it only has to be the same for every instance sharing the database.
_PG_MIGRATION_LOCK = 0x5045_5253_4F4E_4131  # "PERSONA1"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to `revision`; a no-op when it is already there.

    One transaction; on PostgreSQL an advisory lock serializes instances starting together,
    on SQLite BEGIN IMMEDIATE does the same.
    """
    async with engine.connect() as connection:
        connection = await connection.execution_options(**{SQLITE_IMMEDIATE: True})
        async with connection.begin():
            if connection.dialect.name == "postgresql":
                await connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), revision))


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as connection:
        return await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
