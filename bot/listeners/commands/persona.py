"""`/persona …`: ack at once, then look up and answer (lazy listener)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, retry_value
from bot.flows.lookup import run_lookup
from bot.listeners.payload import just_ack, where
from bot.parsing import parse_command

COMMAND = "/persona"


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_persona_command(
        body: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        request = parse_command(body.get("text"))
        retry = retry_value(query=body.get("text") or "", kind="command")
        async with answering_failures(respond, retry):
            await run_lookup(deps, client, respond, where(body, context), request)

    app.command(COMMAND)(ack=just_ack, lazy=[handle_persona_command])
