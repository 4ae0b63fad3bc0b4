"""Fixtures shared by every test package: the fake OpenAI server, settings pointing at it, and a
database URL for each backend (SQLite always, PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.openai_fixtures import fake_openai, fresh_capabilities, openai_settings
from tests.storage.pg import fresh_database, server_url

__all__ = ["database_url", "fake_openai", "fresh_capabilities", "openai_settings"]


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
