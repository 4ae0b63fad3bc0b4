from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners.views import correct_persona, share_persona


def register(app: AsyncApp, deps: Deps) -> None:
    correct_persona.register(app, deps)
    share_persona.register(app, deps)
