"""Keep / Clear on "new data says …": a teammate decides about a contradicted correction."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.corrections import CLEAR, KEEP, contact_in
from bot.blocks.values import ReviewButton
from bot.flows.corrections import review
from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, button_value, retry_value
from bot.listeners.payload import just_ack, where


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_review(
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        if await button_value(respond, ReviewButton, action) is None:
            return
        async with answering_failures(respond, retry_value(contact_id=contact_in(str(action.get("value", ""))))):
            keep = action.get("action_id") == KEEP
            await review(deps, client, respond, body, where(body, context), str(action.get("value", "")), keep=keep)

    for action_id in (KEEP, CLEAR):
        app.action(action_id)(ack=just_ack, lazy=[handle_review])
