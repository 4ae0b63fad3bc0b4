""" "Accurate?" 👍 / 👎 on a card: one vote per person per version, counts updated in place."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.corrections import VOTE_DOWN, VOTE_UP, contact_in
from bot.blocks.values import VoteButton
from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, button_value, retry_value
from bot.flows.votes import vote
from bot.listeners.payload import just_ack, where


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_vote(
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        if await button_value(respond, VoteButton, action) is None:
            return
        async with answering_failures(respond, retry_value(contact_id=contact_in(str(action.get("value", ""))))):
            accurate = action.get("action_id") == VOTE_UP
            await vote(deps, client, respond, body, where(body, context), str(action.get("value", "")), accurate)

    for action_id in (VOTE_UP, VOTE_DOWN):
        app.action(action_id)(ack=just_ack, lazy=[handle_vote])
