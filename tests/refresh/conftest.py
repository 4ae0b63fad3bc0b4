"""The refresher against a CRM whose histories change between cycles, the fake OpenAI server,
the fake Slack, and SQLite or PostgreSQL (tests/refresh/world.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from persona_bot.service import PersonaService
from persona_bot.wiring import build_generator
from storage.repository import PersonaRepository
from tests.fakes.openai_fixtures import openai_settings_for
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_api import BOT_TOKEN, FakeSlack
from tests.refresh.world import ChangingCrm, World, emailer


@pytest.fixture
async def world(database_url: str) -> AsyncIterator[World]:
    crm = ChangingCrm([emailer("Ana Souza"), emailer("Bruno Costa"), emailer("Chen Wei")])
    slack = await FakeSlack().start()
    repository = await PersonaRepository.open(database_url)
    async with FakeOpenAI() as openai:
        service = PersonaService(crm, repository, build_generator(openai_settings_for(openai)))
        client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
        try:
            yield World(crm, service, slack, openai, client)
        finally:
            await service.aclose()
            await slack.stop()
