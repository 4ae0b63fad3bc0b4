"""Watch / Unwatch on a card, a confirmation, the Home tab or the lookup modal."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.watch import UNWATCH, WATCH
from bot.flows.deps import Deps
from bot.flows.failures import answering_failures, retry_value
from bot.flows.watch import set_watch
from bot.listeners.payload import just_ack, team_of, where


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_watch(
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        user_id = where(body, context).user_id
        if not user_id:
            return
        async with answering_failures(respond, retry_value(contact_id=action["value"])):
            await set_watch(
                deps,
                client,
                respond,
                body,
                team_id=team_of(body, context),
                user_id=user_id,
                contact_id=action["value"],
                watching=action["action_id"] == WATCH,
            )

    for action_id in (WATCH, UNWATCH):
        app.action(action_id)(ack=just_ack, lazy=[handle_watch])
