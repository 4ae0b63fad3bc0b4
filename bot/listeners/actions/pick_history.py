"""A contact picked for `/persona history …`: show its versions."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.blocks.messages import PICK_HISTORY
from bot.blocks.values import Choice
from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, button_value, retry_value
from bot.flows.history import show_history
from bot.listeners.payload import just_ack, team_of


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_pick_history(
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        choice = await button_value(respond, Choice, action)
        if choice is None:
            return
        async with answering_failures(respond, retry_value(contact_id=choice.contact_id)):
            await respond(delete_original=True)
            await show_history(deps, respond, team_of(body, context), choice.contact_id)

    app.action(re.compile(f"^{PICK_HISTORY}_\\d+$"))(ack=just_ack, lazy=[handle_pick_history])
