from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners.options import contact_search


def register(app: AsyncApp, deps: Deps) -> None:
    contact_search.register(app, deps)
