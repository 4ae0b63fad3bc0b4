"""Similar-contact tests run on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set
(the `database_url` fixture in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm.json_file import JsonFileAdapter
from crm.models import History
from tests.builders import export_json
from tests.similar.planted import planted


@pytest.fixture
def groups() -> tuple[list[History], list[History]]:
    return planted()


@pytest.fixture
def crm(groups: tuple[list[History], list[History]], tmp_path: Path) -> JsonFileAdapter:
    fast, slow = groups
    export = tmp_path / "planted.json"
    export.write_text(export_json(*fast, *slow), encoding="utf-8")
    return JsonFileAdapter(export)
