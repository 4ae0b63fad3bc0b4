"""The lookup modal's Share: the card posted in the chosen channel, as `/persona` would.

The modal closes at once; the channel's answer (or, where the bot cannot post, the private
fallback) goes through the response_url Slack gives for the conversation picker.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.lookup import LOOKUP_VIEW, SHARE_BLOCK, SHARE_SELECT, chosen_contact
from bot.flows.deps import Deps, Where
from bot.flows.failures import answering_failures, retry_value
from bot.flows.show import show_persona
from bot.listeners.payload import team_of, where


def register(app: AsyncApp, deps: Deps) -> None:
    async def ack_share(ack: Any, view: dict[str, Any]) -> None:
        if chosen_contact(view.get("private_metadata")) is None:
            await ack(response_action="errors", errors={SHARE_BLOCK: "Choose a contact first."})
            return
        await ack()

    async def handle_share(
        body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        contact_id = chosen_contact(view.get("private_metadata"))
        picked = ((view.get("state") or {}).get("values") or {}).get(SHARE_BLOCK, {}).get(SHARE_SELECT, {})
        channel = picked.get("selected_conversation")
        urls = [u for u in body.get("response_urls") or [] if u.get("block_id") == SHARE_BLOCK]
        if not contact_id or not channel or not urls:
            return
        respond = AsyncRespond(response_url=urls[0]["response_url"])
        here = Where(team_of(body, context), str(channel), where(body, context).user_id)
        async with answering_failures(respond, retry_value(contact_id=contact_id)):
            await show_persona(deps, client, respond, here, contact_id)

    app.view(LOOKUP_VIEW)(ack=ack_share, lazy=[handle_share])
