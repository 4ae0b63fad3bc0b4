"""A contact picked from the "several match" list: replace the picker with that card."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.messages import PICK_CONTACT
from bot.blocks.values import Choice
from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, button_value, retry_value
from bot.flows.show import show_persona
from bot.listeners.payload import just_ack, where


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_pick_contact(
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        choice = await button_value(respond, Choice, action)
        if choice is None:
            return
        retry = retry_value(contact_id=choice.contact_id, thread_ts=choice.thread_ts)
        async with answering_failures(respond, retry):
            await respond(delete_original=True)
            here = where(body, context, thread_ts=choice.thread_ts)
            await show_persona(deps, client, respond, here, choice.contact_id)

    app.action(re.compile(f"^{PICK_CONTACT}_\\d+$"))(ack=just_ack, lazy=[handle_pick_contact])
