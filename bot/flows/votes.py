"""A vote on a card: stored (one per person per version), then the counts patched in place.

The card is not rebuilt: its blocks as Slack holds them get new button labels, so a vote
costs no CRM call and never turns the card into a newer version.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import messages
from bot.blocks.corrections import with_votes
from bot.delivery import ephemeral
from bot.flows.deps import Deps, Where
from persona.corrections import CorrectionError
from persona_bot import corrections as use

log = logging.getLogger(__name__)


def _parse(value: str) -> tuple[str, int] | None:
    try:
        data = json.loads(value)
        contact_id, version = data["c"], data["v"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(contact_id, str) or not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None
    return contact_id, version


async def vote(
    deps: Deps,
    client: AsyncWebClient,
    respond: AsyncRespond,
    body: dict[str, Any],
    where: Where,
    value: str,
    accurate: bool,
) -> None:
    parsed = _parse(value)
    if parsed is None or where.user_id is None:
        log.warning("unreadable vote from %s", where.user_id)
        return
    contact_id, version = parsed
    try:
        counts = await use.vote(deps.service, where.team_id, contact_id, version, where.user_id, accurate)
    except CorrectionError as error:
        await ephemeral(respond, messages.notice(str(error)))
        return
    message = body.get("message") or {}
    blocks = message.get("blocks") or []
    if not blocks:
        return  # an ephemeral card: Slack sends no copy to patch; the counts show next time
    patched = with_votes(blocks, counts.up, counts.down)
    text = str(message.get("text") or "Persona")
    container = body.get("container") or {}
    if container.get("is_ephemeral"):
        await respond(response_type="ephemeral", replace_original=True, blocks=patched, text=text)
        return
    ts = container.get("message_ts") or message.get("ts")
    await client.chat_update(channel=where.channel_id, ts=str(ts), blocks=patched, text=text)
