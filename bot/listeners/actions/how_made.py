"""The card's "How this was made" button: the explanation, privately (issue 16)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.blocks.card import HOW_MADE
from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, retry_value
from bot.flows.transparency import decode, show_how_made
from bot.listeners.payload import just_ack, team_of


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_how_made(
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        value = str(action.get("value") or "")
        async with answering_failures(respond, retry_value(contact_id=decode(value)[0], kind="how_made")):
            await show_how_made(deps, respond, team_of(body, context), value)

    app.action(HOW_MADE)(ack=just_ack, lazy=[handle_how_made])
