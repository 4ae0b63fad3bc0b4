"""Message shortcut "Generate persona": the card goes in that message's thread."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, retry_value
from bot.flows.message import persona_from_message
from bot.listeners.payload import just_ack, where

CALLBACK_ID = "generate_persona"


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_generate_persona(
        body: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        message = body.get("message") or {}
        thread_ts = message.get("thread_ts") or message.get("ts")
        here = where(body, context, thread_ts=thread_ts)
        retry = retry_value(query=message.get("text") or "", thread_ts=thread_ts, kind="message")
        async with answering_failures(respond, retry):
            await persona_from_message(deps, client, respond, here, message)

    app.message_shortcut(CALLBACK_ID)(ack=just_ack, lazy=[handle_generate_persona])
