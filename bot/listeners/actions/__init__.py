from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners.actions import (
    card_menu,
    choose_contact,
    correction_review,
    history,
    open_lookup,
    pick_contact,
    pick_history,
    pick_similar,
    regenerate,
    retry_lookup,
    vote,
    watch,
)


def register(app: AsyncApp, deps: Deps) -> None:
    regenerate.register(app, deps)  # Regenerate and Retry (model failure) on a card
    history.register(app, deps)
    pick_contact.register(app, deps)
    pick_history.register(app, deps)
    pick_similar.register(app, deps)
    retry_lookup.register(app, deps)
    card_menu.register(app, deps)  # the card's ⋯ menu (Correct…)
    correction_review.register(app, deps)  # Keep / Clear a contradicted correction
    vote.register(app, deps)  # Accurate? 👍 / 👎
    watch.register(app, deps)  # Watch / Unwatch (issue 13)
    open_lookup.register(app, deps)  # the Home tab's buttons (issue 13)
    choose_contact.register(app, deps)  # a contact picked in the lookup modal (issue 13)
