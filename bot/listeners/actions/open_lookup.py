"""The Home tab's buttons: Look up a contact (the search modal) and a recent persona's Open."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.home import OPEN_LOOKUP, OPEN_PERSONA
from bot.flows.deps import Deps
from bot.flows.typeahead import open_search, open_with_card
from bot.listeners.payload import just_ack, team_of, where

log = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_open_lookup(body: dict[str, Any], client: AsyncWebClient) -> None:
        try:
            await open_search(client, body["trigger_id"])
        except Exception:
            log.exception("could not open the lookup modal")

    async def handle_open_persona(
        body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        user_id = where(body, context).user_id
        if not user_id:
            return
        try:
            await open_with_card(
                deps,
                client,
                body["trigger_id"],
                team_id=team_of(body, context),
                user_id=user_id,
                contact_id=action["value"],
            )
        except Exception:
            log.exception("could not open the persona modal")

    app.action(OPEN_LOOKUP)(ack=just_ack, lazy=[handle_open_lookup])
    app.action(OPEN_PERSONA)(ack=just_ack, lazy=[handle_open_persona])
