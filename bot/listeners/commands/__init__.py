from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners.commands import persona


def register(app: AsyncApp, deps: Deps) -> None:
    persona.register(app, deps)
