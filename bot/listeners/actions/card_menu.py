"""The card's "⋯" overflow menu: one listener, one handler per item (bot/blocks/menu.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import messages
from bot.blocks.menu import CARD_MENU
from bot.blocks.values import MenuChoice
from bot.delivery import ephemeral
from bot.flows.corrections import open_correction
from bot.flows.deps import Deps, Where
from bot.flows.failures import answering_failures, button_value, retry_value
from bot.flows.transparency import how_made_item
from bot.listeners.payload import just_ack, where

# (deps, client, respond, body, where, contact_id): add one line per new menu item.
MenuHandler = Callable[[Deps, AsyncWebClient, AsyncRespond, dict[str, Any], Where, str], Awaitable[None]]
HANDLERS: dict[str, MenuHandler] = {
    "correct": open_correction,  # issue 12: the Correct… modal
    "how_made": how_made_item,  # issue 16: How this was made, privately
}


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_menu(
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        chosen = await button_value(respond, MenuChoice, action.get("selected_option") or {})
        if chosen is None:
            return
        handler = HANDLERS.get(chosen.key)
        if handler is None:  # an item a newer or older release offered
            await ephemeral(respond, messages.notice(messages.EXPIRED_BUTTON))
            return
        contact_id = chosen.contact_id
        async with answering_failures(respond, retry_value(contact_id=contact_id)):
            await handler(deps, client, respond, body, where(body, context), contact_id)

    app.action(CARD_MENU)(ack=just_ack, lazy=[handle_menu])
