""" "How this was made" on a card: the explanation of that card's version, privately."""

from __future__ import annotations

import json

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.blocks import messages
from bot.blocks.transparency import how_made
from bot.delivery import ephemeral
from bot.flows.deps import Deps

GONE = (
    "That version of the persona is no longer stored (erased, or pruned by retention). "
    "Ask for a fresh one with `/persona <contact>`."
)


def decode(value: str) -> tuple[str, int | None]:
    """The button's value: {"c": contact id, "v": version}; a bare id means the latest."""
    try:
        data = json.loads(value)
    except ValueError:
        return value, None
    if not isinstance(data, dict):
        return value, None
    version = data.get("v")
    return str(data.get("c") or ""), version if isinstance(version, int) else None


async def show_how_made(deps: Deps, respond: AsyncRespond, team_id: str, value: str) -> None:
    contact_id, version = decode(value)
    stored = await deps.service.stored_version(team_id, contact_id, version)  # refuses after an objection
    if stored is None:
        await ephemeral(respond, messages.notice(GONE))
        return
    await ephemeral(respond, how_made(stored.persona, version=stored.version, crm=stored.key.crm))
