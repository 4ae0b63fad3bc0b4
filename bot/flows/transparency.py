""" "How this was made" in the card's ⋯ menu: the explanation of the contact's persona, privately."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import messages
from bot.blocks.transparency import how_made
from bot.delivery import ephemeral
from bot.flows.deps import Deps, Where

GONE = (
    "No persona of this contact is stored any more (erased, or pruned by retention). "
    "Ask for a fresh one with `/persona <contact>`."
)


async def show_how_made(deps: Deps, respond: AsyncRespond, team_id: str, contact_id: str) -> None:
    """The latest stored version (the one a card shows once regenerated); refused after an objection."""
    stored = await deps.service.stored_version(team_id, contact_id, None)
    if stored is None:
        await ephemeral(respond, messages.notice(GONE))
        return
    await ephemeral(respond, how_made(stored.persona, version=stored.version, crm=stored.key.crm))


async def how_made_item(
    deps: Deps, client: AsyncWebClient, respond: AsyncRespond, body: dict[str, Any], where: Where, contact_id: str
) -> None:
    """The card menu's handler (bot/listeners/actions/card_menu.py)."""
    await show_how_made(deps, respond, where.team_id, contact_id)
