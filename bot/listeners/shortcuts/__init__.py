from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners.shortcuts import generate_persona


def register(app: AsyncApp, deps: Deps) -> None:
    generate_persona.register(app, deps)
