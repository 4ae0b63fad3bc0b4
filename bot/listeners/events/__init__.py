from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners.events import app_home_opened


def register(app: AsyncApp, deps: Deps) -> None:
    app_home_opened.register(app, deps)
