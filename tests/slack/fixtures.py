"""The Slack fixtures: a fake Slack Web API, and the real server in front of it with no
service (`bare`), the signals-only service (`harness`) or a language model (`model_harness`).
Loaded by tests/slack/conftest.py and tests/fuzz/conftest.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.slack_api import FakeSlack
from tests.slack.crm_export import write_export
from tests.slack.harness import Harness
from tests.slack.server import running, serving


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def bare(slack: FakeSlack) -> AsyncIterator[Harness]:
    """The server with no persona service behind it: for signatures, usage and health."""
    async with running(None, slack) as harness:
        yield harness


@pytest.fixture
async def harness(slack: FakeSlack, tmp_path: Path) -> AsyncIterator[Harness]:
    """Signals only (no model), over the small export in crm_export.py."""
    export = write_export(tmp_path)
    async with serving(slack, tmp_path, crm_adapter="json", crm_json_path=export) as h:
        yield h


@pytest.fixture
async def openai() -> AsyncIterator[Any]:
    """The fake OpenAI server; answers take `slow_seconds` (so progress can be seen)."""
    from tests.fakes.openai_server import Behavior, FakeOpenAI

    async with FakeOpenAI(default=Behavior.slow, slow_seconds=0.3) as fake:
        yield fake


@pytest.fixture
async def model_harness(slack: FakeSlack, tmp_path: Path, openai: Any) -> AsyncIterator[Harness]:
    """As `harness`, with a language model configured (the fake OpenAI server)."""
    export = write_export(tmp_path)
    async with serving(
        slack,
        tmp_path,
        crm_adapter="json",
        crm_json_path=export,
        openai_api_key="sk-test",
        openai_base_url=openai.url,
        openai_max_retries=0,
        openai_timeout_seconds=10,
    ) as h:
        yield h
