"""A contact chosen in the lookup modal's type-ahead: its card, in the modal."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.lookup import CONTACT_SEARCH
from bot.flows.deps import Deps
from bot.flows.typeahead import show_in_modal
from bot.listeners.payload import just_ack, team_of, where

log = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_choose_contact(
        body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        chosen = (action.get("selected_option") or {}).get("value")
        user_id = where(body, context).user_id
        if not chosen or not user_id or not body.get("view"):
            return
        try:
            await show_in_modal(
                deps, client, body["view"], team_id=team_of(body, context), user_id=user_id, contact_id=str(chosen)
            )
        except Exception:
            log.exception("could not show the chosen contact")

    app.action(CONTACT_SEARCH)(ack=just_ack, lazy=[handle_choose_contact])
