"""Regenerate (and Retry) on a card: "Regenerating…" at once, new version in place, a reply.

A second click on the same card while it runs is ignored here; clicks on other cards of the
same contact share the generation through storage's single-flight.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.models.blocks import ActionsBlock, Block
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import messages
from bot.blocks.base import Message
from bot.blocks.card import status_blocks
from bot.delivery import CardSink
from bot.flows.deps import Deps
from bot.flows.show import progress, result_card
from persona_bot.objections import OBJECTED, ContactObjected

log = logging.getLogger(__name__)


def regenerating(card: Message) -> Message:
    """The card as it is, its buttons swapped for "Regenerating…" (no rebuild needed)."""
    kept = [b for b in card.blocks if not isinstance(b, ActionsBlock)]
    return Message([*kept, *status_blocks("regenerating")], card.text or "Regenerating…")


async def regenerate(
    deps: Deps,
    client: AsyncWebClient,
    respond: AsyncRespond,
    body: dict[str, Any],
    *,
    team_id: str,
    user_id: str | None,
    contact_id: str,
) -> None:
    channel_id = body["channel"]["id"]
    container = body.get("container") or {}
    message = body.get("message") or {}
    ts = container.get("message_ts") or message.get("ts")
    key = (channel_id, str(ts))
    if key in deps.busy:
        log.info("regenerate already running for %s", key)
        return
    deps.busy.add(key)
    try:
        if container.get("is_ephemeral"):
            sink = CardSink(client, respond, channel_id, replace_ephemeral=True)
        else:
            sink = CardSink(client, respond, channel_id, ts=ts)
        original = Message(Block.parse_all(message.get("blocks") or []), message.get("text", ""))
        if original.blocks:
            await sink.show(regenerating(original))
        try:
            result = await deps.service.get_persona(
                team_id=team_id,
                contact_id=contact_id,
                user_id=user_id,
                regenerate=True,
                on_signals=progress(sink, "regenerating"),
            )
        except ContactObjected:  # the old card's content goes too: only the neutral line stays
            await sink.show(messages.notice(OBJECTED))
            return
        except Exception:
            if original.blocks:
                await sink.show(original)  # put the card back as it was, then report
            raise
        lines = result.changes.lines() if result.changes is not None else None
        previous = result.previous.version if result.previous else None
        if sink.private:  # an ephemeral card: what changed goes on the card itself
            await sink.show(result_card(result, changes=lines, since=previous))
            return
        await sink.show(result_card(result))
        root = message.get("thread_ts") or ts
        reply = messages.changes_reply(result.stored.version, previous, lines)
        await client.chat_postMessage(channel=channel_id, thread_ts=root, **reply.kwargs())
        deps.service.share_later(
            team_id,
            contact_id,
            channel_id=channel_id,
            message_ts=str(ts),
            thread_ts=message.get("thread_ts"),
            version=result.stored.version,
            shared_by=user_id,
        )
    finally:
        deps.busy.discard(key)
