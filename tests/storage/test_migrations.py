"""Migrations: an empty database reaches head, again is a no-op, and matches the ORM tables."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from storage import migrate
from storage.engine import create_engine, default_database_url
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from storage.tables import Base
from tests.builders import make_persona

KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-1")


async def test_upgrade_creates_the_schema_on_an_empty_database(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        assert await migrate.current_revision(engine) is None
        await migrate.upgrade(engine)
        assert await migrate.current_revision(engine) == migrate.head_revision() == "0005"
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert {"persona_versions", "shares", "audit_events", "watches", "watch_states", "alembic_version"} <= tables
    finally:
        await engine.dispose()


async def test_upgrading_twice_is_a_no_op_and_keeps_data(database_url: str) -> None:
    repo = await PersonaRepository.open(database_url)

    async def generate():  # type: ignore[no-untyped-def]
        return make_persona()

    try:
        await repo.obtain(KEY, "fp-a", generate, user_id=None)
        await migrate.upgrade(repo.engine)
        await migrate.upgrade(repo.engine)
        assert await migrate.current_revision(repo.engine) == migrate.head_revision()
        assert [v.version for v in await repo.versions(KEY)] == [1]
    finally:
        await repo.close()
    reopened = await PersonaRepository.open(database_url)  # open() migrates again
    try:
        assert (await reopened.latest(KEY)) is not None
    finally:
        await reopened.close()


async def test_instances_starting_together_migrate_once(database_url: str) -> None:
    repos = await asyncio.gather(*(PersonaRepository.open(database_url) for _ in range(4)))
    try:
        assert await migrate.current_revision(repos[0].engine) == migrate.head_revision()
    finally:
        for repo in repos:
            await repo.close()


async def test_migrations_match_the_orm_tables(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata)
            )
        assert diff == []
    finally:
        await engine.dispose()


async def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}")
    try:
        async with engine.connect() as connection:
            mode = await connection.scalar(text("PRAGMA journal_mode"))
            timeout = await connection.scalar(text("PRAGMA busy_timeout"))
        assert (mode, timeout) == ("wal", 10_000)
    finally:
        await engine.dispose()


async def test_default_database_is_a_sqlite_file_in_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = tmp_path / "data" / "persona-bot" / "personas.db"
    assert default_database_url() == f"sqlite+aiosqlite:///{expected}"
    assert not expected.parent.exists()

    repo = await PersonaRepository.open()
    await repo.close()

    assert expected.is_file()
