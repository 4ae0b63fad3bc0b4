"""The card's Regenerate button, and Retry after a model failure (the same thing, forced)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import messages
from bot.blocks.card import REGENERATE, RETRY
from bot.blocks.values import CardButton
from bot.delivery import ephemeral
from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, button_value, retry_value
from bot.flows.regenerate import regenerate
from bot.listeners.payload import just_ack, team_of, where


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_regenerate(
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        card = await button_value(respond, CardButton, action)
        if card is None:
            return
        team_id = team_of(body, context)
        if card.team_id is not None and card.team_id != team_id:  # the card's workspace owns it
            await ephemeral(respond, messages.notice(messages.OTHER_WORKSPACE))
            return
        async with answering_failures(respond, retry_value(contact_id=card.contact_id)):
            await regenerate(
                deps,
                client,
                respond,
                body,
                team_id=team_id,
                user_id=where(body, context).user_id,
                contact_id=card.contact_id,
            )

    for action_id in (REGENERATE, RETRY):
        app.action(action_id)(ack=just_ack, lazy=[handle_regenerate])
