"""Watch / Unwatch a contact (per person), answered where the click happened: privately under
a card, in place on the Home tab, or in place in the lookup modal."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.watch import UNWATCH, WATCH, WATCH_STATE, watch_button, watch_state
from bot.flows.deps import Deps
from bot.flows.home import publish_home

log = logging.getLogger(__name__)


async def contact_name(deps: Deps, team_id: str, contact_id: str) -> str:
    """The name on the contact's latest persona (the card that was clicked), else the id."""
    latest = await deps.service.repository.latest(deps.service.key(team_id, contact_id))
    return latest.persona.contact.name if latest else contact_id


async def set_watch(
    deps: Deps,
    client: AsyncWebClient,
    respond: AsyncRespond,
    body: dict[str, Any],
    *,
    team_id: str,
    user_id: str,
    contact_id: str,
    watching: bool,
) -> None:
    watches = deps.service.watches
    key = deps.service.key(team_id, contact_id)
    name = await contact_name(deps, team_id, contact_id)
    if watching:
        changed = await watches.watch(key, user_id, name)
    else:
        changed = await watches.unwatch(key, user_id)
    view = body.get("view") or {}
    if (body.get("container") or {}).get("type") == "view" and view:
        if view.get("type") == "home":
            await publish_home(deps, client, team_id, user_id)
        else:
            await _update_modal(client, view, contact_id, watching)
        return
    replace = any(a.get("block_id") == WATCH_STATE for a in body.get("actions") or [])
    message = watch_state(name, contact_id, watching=watching, changed=changed)
    await respond(response_type="ephemeral", replace_original=replace, **message.kwargs())


async def _update_modal(client: AsyncWebClient, view: dict[str, Any], contact_id: str, watching: bool) -> None:
    """The same modal with its Watch/Unwatch button flipped (`hash` guards a stale update)."""
    button = watch_button(contact_id, watching).to_dict()
    blocks = view.get("blocks") or []
    for block in blocks:
        elements = block.get("elements") or []
        for i, element in enumerate(elements):
            if element.get("action_id") in (WATCH, UNWATCH):
                elements[i] = button
    fresh = {k: view[k] for k in ("type", "callback_id", "title", "close", "submit", "private_metadata") if view.get(k)}
    await client.views_update(view_id=view["id"], hash=view.get("hash"), view={**fresh, "blocks": blocks})
