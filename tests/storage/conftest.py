"""Every storage test runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.repository import PersonaRepository
from tests.storage.pg import fresh_database, server_url


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'personas.db'}"
        return
    base = server_url()
    if not base:
        pytest.skip("TEST_DATABASE_URL not set")
    async with fresh_database(base) as url:
        yield url


@pytest.fixture
async def repo(database_url: str) -> AsyncIterator[PersonaRepository]:
    repository = await PersonaRepository.open(database_url)
    try:
        yield repository
    finally:
        await repository.close()
