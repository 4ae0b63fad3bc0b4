"""Secrets never reach Slack messages, logs or the database, even when a server echoes them back."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.openai_fixtures import TEST_API_KEY
from tests.fakes.openai_server import Behavior, FakeOpenAI
from tests.fakes.slack_api import FakeSlack
from tests.slack.cards import card_of
from tests.slack.crm_export import write_export
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET
from tests.slack.server import serving


async def test_a_rejected_api_key_is_never_repeated_anywhere(
    slack: FakeSlack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with FakeOpenAI(default=Behavior.unauthorized) as openai:  # its error quotes the key
        async with serving(
            slack,
            tmp_path,
            crm_adapter="json",
            crm_json_path=write_export(tmp_path),
            openai_api_key=TEST_API_KEY,
            openai_base_url=openai.url,
            openai_max_retries=0,
        ) as h:
            await h.command("Ana Souza")
            card = await card_of(h)
            assert "retry" in json.dumps(card["blocks"])  # the failure is visible, with Retry
        assert openai.auth_headers == [f"Bearer {TEST_API_KEY}"]  # the key really was sent

    sent_to_slack: list[Any] = [call.args for call in slack.calls]
    stored = _database_bytes(tmp_path)
    for secret in (TEST_API_KEY, SIGNING_SECRET, BOT_TOKEN):
        assert secret not in json.dumps(sent_to_slack)
        assert secret not in caplog.text
        assert secret.encode() not in stored


def _database_bytes(directory: Path) -> bytes:
    """The SQLite file and its WAL, raw: what an attacker with the disk would see."""
    return b"".join(path.read_bytes() for path in directory.glob("personas.db*"))
