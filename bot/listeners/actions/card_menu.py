"""The card's "⋯" overflow menu: one listener, one handler per item (bot/blocks/menu.py)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.menu import CARD_MENU, parse_menu_value
from bot.flows.corrections import open_correction
from bot.flows.deps import Deps, Where
from bot.flows.failures import answering_failures, retry_value
from bot.flows.transparency import how_made_item
from bot.listeners.payload import just_ack, where

log = logging.getLogger(__name__)

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
        chosen = parse_menu_value((action.get("selected_option") or {}).get("value"))
        handler = HANDLERS.get(chosen[0]) if chosen else None
        if chosen is None or handler is None:
            log.warning("unknown card menu choice from %s", where(body, context).user_id)
            return
        contact_id = chosen[1]
        async with answering_failures(respond, retry_value(contact_id=contact_id)):
            await handler(deps, client, respond, body, where(body, context), contact_id)

    app.action(CARD_MENU)(ack=just_ack, lazy=[handle_menu])
