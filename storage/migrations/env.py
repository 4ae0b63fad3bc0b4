"""Alembic environment: runs on a connection handed over by storage.migrate, or on its own
async engine when invoked from the `alembic` command line (-c storage/migrations/alembic.ini)."""

from __future__ import annotations

import asyncio
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from storage.engine import create_engine, default_database_url, transactional
from storage.tables import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL") or default_database_url()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE on SQLite
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = create_engine(_url())
    try:
        async with engine.connect() as connection:
            connection = await transactional(connection)
            async with connection.begin():
                await connection.run_sync(_run)
    finally:
        await engine.dispose()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    handed_over: Connection | None = config.attributes.get("connection")
    if handed_over is not None:
        _run(handed_over)
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name)  # only for the command line, never inside the app
    asyncio.run(_run_async())


if context.is_offline_mode():
    run_offline()
else:
    run_online()
