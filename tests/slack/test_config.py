"""Missing Slack configuration is named, with where to get it (the CLI exits 2 on it)."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError
from bot.serve import serve
from persona_bot.settings import Settings


def _settings(**values: str) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


async def test_missing_bot_token_is_named() -> None:
    with pytest.raises(ConfigError, match=r"SLACK_BOT_TOKEN.*OAuth & Permissions"):
        await serve(_settings(slack_signing_secret="s"), 0)


def test_missing_signing_secret_is_named_unless_socket_mode() -> None:
    with pytest.raises(ConfigError, match=r"SLACK_SIGNING_SECRET.*Signing Secret"):
        _settings(slack_bot_token="xoxb-1").slack_credentials()
    token, secret, app_token = _settings(slack_bot_token="xoxb-1", slack_app_token="xapp-1").slack_credentials()
    assert (token, secret, app_token) == ("xoxb-1", "", "xapp-1")


def test_app_token_must_be_app_level() -> None:
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN"):
        _settings(slack_bot_token="xoxb-1", slack_app_token="xoxb-2").slack_credentials()
