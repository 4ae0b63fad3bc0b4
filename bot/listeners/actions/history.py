"""The card's History button: the versions, privately."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.blocks.card import HISTORY
from bot.blocks.values import CardButton
from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, button_value, retry_value
from bot.flows.history import show_history
from bot.listeners.payload import just_ack, team_of


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_history(
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        card = await button_value(respond, CardButton, action)
        if card is None:
            return
        retry = retry_value(contact_id=card.contact_id, kind="history")
        async with answering_failures(respond, retry):
            await show_history(deps, respond, team_of(body, context), card.contact_id)

    app.action(HISTORY)(ack=just_ack, lazy=[handle_history])
