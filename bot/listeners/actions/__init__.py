from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners.actions import (
    history,
    how_made,
    pick_contact,
    pick_history,
    pick_similar,
    regenerate,
    retry_lookup,
)


def register(app: AsyncApp, deps: Deps) -> None:
    regenerate.register(app, deps)  # Regenerate and Retry (model failure) on a card
    history.register(app, deps)
    how_made.register(app, deps)
    pick_contact.register(app, deps)
    pick_history.register(app, deps)
    pick_similar.register(app, deps)
    retry_lookup.register(app, deps)
