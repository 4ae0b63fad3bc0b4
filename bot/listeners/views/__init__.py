from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners.views import share_persona


def register(app: AsyncApp, deps: Deps) -> None:
    share_persona.register(app, deps)
