"""Similar-contact tests run on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from crm.json_file import JsonFileAdapter
from crm.models import History
from tests.builders import export_json
from tests.similar.planted import planted
from tests.storage.pg import fresh_database, server_url


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'personas.db'}"
        return
    base = server_url()
    if not base:
        pytest.skip("TEST_DATABASE_URL not set")
    async with fresh_database(base) as url:  # its own throwaway database, dropped afterwards
        yield url


@pytest.fixture
def groups() -> tuple[list[History], list[History]]:
    return planted()


@pytest.fixture
def crm(groups: tuple[list[History], list[History]], tmp_path: Path) -> JsonFileAdapter:
    fast, slow = groups
    export = tmp_path / "planted.json"
    export.write_text(export_json(*fast, *slow), encoding="utf-8")
    return JsonFileAdapter(export)
