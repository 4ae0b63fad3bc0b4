"""The card's "⋯" overflow menu: one shared home for card actions that need no button of their own.

To add an item: append a `MenuItem` here and a handler under the same key in
bot/listeners/actions/card_menu.py (HANDLERS). Slack allows 5 options per overflow menu.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk.models.blocks import Option, OverflowMenuElement

from bot.blocks.values import MenuChoice
from persona.models import Persona

CARD_MENU = "card_menu"
_OPTION_VALUE = 150  # Slack's limit for an option value
_MAX_OPTIONS = 5


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str  # at most 75 characters
    shown: Callable[[Persona], bool] = lambda _persona: True


MENU_ITEMS: list[MenuItem] = [
    MenuItem("correct", "✏️ Correct…"),  # issue 12: team corrections
    MenuItem("how_made", "ℹ️ How this was made"),  # issue 16: data, rules, generator, privately
]


def menu_value(key: str, contact_id: str) -> str:
    return MenuChoice(key=key, contact_id=contact_id).encode()


def card_menu(persona: Persona) -> OverflowMenuElement | None:
    options = [
        Option(text=item.label, value=value)
        for item in MENU_ITEMS
        if item.shown(persona) and len(value := menu_value(item.key, persona.contact.id)) <= _OPTION_VALUE
    ][:_MAX_OPTIONS]
    return OverflowMenuElement(action_id=CARD_MENU, options=options) if options else None
