"""The Slack app's pieces the CLI uses (`serve`, `generate --blocks`, the notifier of
`refresh`), found by name.

Direction: `bot` depends on `persona_bot` (the use case, the settings, the corrections it
calls); `persona_bot` never imports `bot`. The CLI still runs the Slack app: `bot` declares
its entry points in pyproject.toml (`[project.entry-points."persona_bot.slack"]`), and the
CLI loads them only when one of those commands runs, so every other command starts without
Slack's packages. tests/test_layers.py enforces the direction.

Entry points are registered when the project is installed: a checkout installed before they
existed needs `pip install -e .` once (the message says so).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, cast

from persona_bot.config_errors import ConfigError

if TYPE_CHECKING:
    from persona_bot.refresh import RefreshNotifier
    from persona_bot.service import PersonaResult
    from persona_bot.settings import Settings

GROUP = "persona_bot.slack"

Serve = Callable[["Settings", int | None], Awaitable[None]]
Blocks = Callable[["PersonaResult"], list[dict[str, Any]]]
Notifier = Callable[[str, str], "RefreshNotifier"]  # (bot token, Slack API URL)


def _load(name: str) -> object:
    for point in entry_points(group=GROUP, name=name):
        return point.load()
    raise ConfigError(
        f"The Slack app's {name!r} entry point is not installed: run `pip install -e .` in the "
        "project (or reinstall persona-bot) to register it."
    )


def slack_server() -> Serve:
    """`bot.serve.serve`: runs the Slack app until terminated."""
    return cast("Serve", _load("serve"))


def slack_blocks() -> Blocks:
    """`bot.serve.persona_blocks`: the Block Kit a persona card posts."""
    return cast("Blocks", _load("blocks"))


def slack_notifier() -> Notifier:
    """`bot.flows.refresh_notify.slack_notifier`: posts a refresh cycle's changes in Slack."""
    return cast("Notifier", _load("notifier"))
