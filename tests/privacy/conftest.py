"""The real service over the privacy export, on SQLite and PostgreSQL (signals only)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from crm.json_file import JsonFileAdapter
from persona.generators.signals_gen import SignalsGenerator
from persona_bot.service import PersonaService
from storage.repository import PersonaRepository
from tests.privacy.crm import write_export


@pytest.fixture
async def service(tmp_path: Path, database_url: str) -> AsyncIterator[PersonaService]:
    repository = await PersonaRepository.open(database_url)
    service = PersonaService(JsonFileAdapter(write_export(tmp_path)), repository, SignalsGenerator())
    try:
        yield service
    finally:
        await service.aclose()
