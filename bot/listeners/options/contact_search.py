"""`block_suggestion` for the lookup modal's type-ahead: the options are the answer itself,
so this listener answers (within Slack's 3 s) instead of acking and working later."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.blocks.lookup import CONTACT_SEARCH
from bot.flows.deps import Deps
from bot.flows.typeahead import options_for


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_contact_search(ack: Any, payload: dict[str, Any]) -> None:
        await ack(options=await options_for(deps, str(payload.get("value") or "")))

    app.options(CONTACT_SEARCH)(handle_contact_search)
