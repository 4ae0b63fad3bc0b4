"""Every storage test runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage.repository import PersonaRepository


@pytest.fixture
async def repo(database_url: str) -> AsyncIterator[PersonaRepository]:
    repository = await PersonaRepository.open(database_url)
    try:
        yield repository
    finally:
        await repository.close()
