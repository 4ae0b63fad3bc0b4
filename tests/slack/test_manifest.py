"""manifest.yml agrees with the code: the command, the shortcut, the request URLs and the scopes."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.listeners.shortcuts.generate_persona import CALLBACK_ID
from bot.server import EVENTS_PATH

MANIFEST = yaml.safe_load((Path(__file__).parents[2] / "manifest.yml").read_text(encoding="utf-8"))


def test_command_shortcut_and_urls_match_the_app() -> None:
    [command] = MANIFEST["features"]["slash_commands"]
    assert command["command"] == "/persona"
    assert "similar" in command["usage_hint"] and "history" in command["usage_hint"]
    [shortcut] = MANIFEST["features"]["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"]) == ("message", CALLBACK_ID)
    assert command["url"].endswith(EVENTS_PATH)
    assert MANIFEST["settings"]["interactivity"]["request_url"].endswith(EVENTS_PATH)


def test_home_tab_events_and_options_url_are_configured() -> None:
    """Issue 13: the Home tab, its event, and the type-ahead's options load URL."""
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    events = MANIFEST["settings"]["event_subscriptions"]
    assert events["request_url"].endswith(EVENTS_PATH) and events["bot_events"] == ["app_home_opened"]
    assert MANIFEST["settings"]["interactivity"]["message_menu_options_url"].endswith(EVENTS_PATH)


def test_scopes_are_the_ones_the_bot_uses() -> None:
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    used = {
        "commands",
        "chat:write",
        "chat:write.public",
        "channels:read",
        "groups:read",
        "im:read",
        "mpim:read",
        "users:read",
        "users:read.email",
        "usergroups:read",  # PERSONA_CORRECTORS with a user group (bot/flows/correctors.py)
        "im:write",  # issue 13: conversations.open for watchers' DMs
    }
    assert scopes == used
