"""The real service over the privacy export, on SQLite and PostgreSQL (signals only)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.admins import Admins
from crm.json_file import JsonFileAdapter
from persona.generators.signals_gen import SignalsGenerator
from persona_bot.service import PersonaService
from storage.repository import PersonaRepository
from tests.fakes.slack_api import FakeSlack
from tests.privacy.crm import write_export
from tests.slack.harness import Harness
from tests.slack.server import serving


@pytest.fixture
async def service(tmp_path: Path, database_url: str) -> AsyncIterator[PersonaService]:
    repository = await PersonaRepository.open(database_url)
    service = PersonaService(JsonFileAdapter(write_export(tmp_path)), repository, SignalsGenerator())
    try:
        yield service
    finally:
        await service.aclose()


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def bot(slack: FakeSlack, tmp_path: Path, database_url: str) -> AsyncIterator[Harness]:
    """The real server over the privacy export; admins: the S0ADMINS user group and UOPS."""
    slack.usergroups["S0ADMINS"] = ["UADMIN"]
    export = write_export(tmp_path)
    async with serving(
        slack,
        tmp_path,
        crm_adapter="json",
        crm_json_path=export,
        app={"admins": Admins.parse("S0ADMINS, UOPS")},
        database_url=database_url,
    ) as harness:
        yield harness
