"""Free text to one contact: usage, not found (with suggestions), a picker, or the card."""

from __future__ import annotations

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import messages
from bot.delivery import ephemeral
from bot.flows.deps import Deps, Where
from bot.flows.history import show_history
from bot.flows.privacy import run_privacy_request
from bot.flows.show import show_persona
from bot.flows.similar import show_similar
from bot.parsing import Request

_PICKS = {
    "lookup": messages.PICK_CONTACT,
    "history": messages.PICK_HISTORY,
    "similar": messages.PICK_SIMILAR,
}


async def mentioned_user_query(client: AsyncWebClient, user_id: str) -> str | None:
    """A bare `<@U123>` mention: that person's email (or name) is the CRM query."""
    try:
        user = (await client.users_info(user=user_id)).get("user") or {}
    except SlackApiError:
        return None
    profile = user.get("profile") or {}
    return profile.get("email") or profile.get("real_name") or user.get("name")


async def run_lookup(deps: Deps, client: AsyncWebClient, respond: AsyncRespond, where: Where, request: Request) -> None:
    if request.kind == "help":
        await ephemeral(respond, messages.usage())
        return
    query = request.query
    if request.user_id:
        query = await mentioned_user_query(client, request.user_id) or query
    if request.kind in ("forget", "object"):  # admins only; never a picker
        await run_privacy_request(deps, client, respond, where, request, query)
        return
    found = await deps.service.lookup(query)
    if not found.matches:
        await ephemeral(respond, messages.not_found(query, found.suggestions))
    elif len(found.matches) > 1:
        picker = messages.picker(query, found.matches, action=_PICKS[request.kind], thread_ts=where.thread_ts)
        await ephemeral(respond, picker)
    elif request.kind == "history":
        contact = found.matches[0]
        await show_history(deps, respond, where.team_id, contact.id, contact.name)
    elif request.kind == "similar":
        await show_similar(deps, respond, where, found.matches[0].id)
    else:
        await show_persona(deps, client, respond, where, found.matches[0].id)
