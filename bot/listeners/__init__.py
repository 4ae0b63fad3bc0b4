"""One package per Slack surface, one file per listener (as in bolt-python-starter-template)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners import actions, commands, events, options, shortcuts, views


def register_listeners(app: AsyncApp, deps: Deps) -> None:
    commands.register(app, deps)
    actions.register(app, deps)
    shortcuts.register(app, deps)
    views.register(app, deps)  # modal submissions: Correct… (issue 12), Share from the lookup (issue 13)
    events.register(app, deps)  # issue 13: the Home tab
    options.register(app, deps)  # issue 13: the lookup modal's type-ahead
