"""Retry after a CRM failure: repeat the command, message shortcut, card or history request."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.messages import RETRY_LOOKUP
from bot.blocks.values import RetryRequest
from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, button_value
from bot.flows.history import show_history
from bot.flows.lookup import run_lookup
from bot.flows.message import persona_from_message
from bot.flows.show import show_persona
from bot.listeners.payload import just_ack, where
from bot.parsing import parse_command


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_retry_lookup(
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        retry = await button_value(respond, RetryRequest, action)
        if retry is None:
            return
        here = where(body, context, thread_ts=retry.thread_ts)
        async with answering_failures(respond, retry):
            await respond(delete_original=True)
            if retry.kind == "history" and retry.contact_id:
                await show_history(deps, respond, here.team_id, retry.contact_id)
            elif retry.contact_id:
                await show_persona(deps, client, respond, here, retry.contact_id)
            elif retry.kind == "message":
                await persona_from_message(deps, client, respond, here, {"text": retry.query})
            else:
                await run_lookup(deps, client, respond, here, parse_command(retry.query))

    app.action(RETRY_LOOKUP)(ack=just_ack, lazy=[handle_retry_lookup])
