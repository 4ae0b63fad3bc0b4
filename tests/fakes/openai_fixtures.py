"""Pytest fixtures for the fake OpenAI server; import them from a conftest.py."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr

from persona.generators import capabilities
from persona_bot.settings import Settings
from tests.fakes.openai_server import FakeOpenAI

# Looks like a real key so redaction is tested against the real shape.
TEST_API_KEY = "sk-test-0123456789abcdefSECRET"


@pytest.fixture(autouse=True)
def fresh_capabilities() -> None:
    """What servers can do is remembered per base URL for the process; ports get reused."""
    capabilities.forget_all()


@pytest.fixture
async def fake_openai() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


def openai_settings_for(server: FakeOpenAI, **overrides: object) -> Settings:
    """Settings pointing the real SDK at the fake server (no .env, fast retries)."""
    values: dict[str, object] = {
        "openai_api_key": SecretStr(TEST_API_KEY),
        "openai_base_url": server.url,
        "persona_model": "gpt-4o-mini",
        "openai_timeout_seconds": 10.0,
        "openai_max_retries": 2,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture
def openai_settings(fake_openai: FakeOpenAI) -> Settings:
    return openai_settings_for(fake_openai)
