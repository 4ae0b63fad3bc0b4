"""Post a contact's persona card: progressive, threaded per contact, private where it must be."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.base import Message
from bot.blocks.card import State, persona_card
from bot.blocks.messages import CANNOT_POST, INVITE_HINT, SHARED_CHANNEL
from bot.channels import Audience, audience
from bot.delivery import CardSink
from bot.flows.deps import Deps, Where
from bot.flows.priority import FirstCardsFirst
from persona.models import Persona

if TYPE_CHECKING:
    from persona_bot.service import PersonaResult, PersonaService

log = logging.getLogger(__name__)

_NOTICES = {
    Audience.shared: SHARED_CHANNEL,
    Audience.unreachable: f"{CANNOT_POST} {INVITE_HINT}",
}


def progress(
    sink: CardSink,
    state: State,
    *,
    shown: Callable[[], None] | None = None,
    first_cards: FirstCardsFirst | None = None,
) -> Callable[[Persona], Awaitable[None]]:
    """The `on_signals` callback: show the measured card while the model writes; then let
    other people's first cards go before this model call.

    Best effort: a failure here is logged, never allowed to abort the generation.
    """

    async def show(persona: Persona) -> None:
        try:
            await sink.show(persona_card(persona, state=state))
        except Exception:
            log.exception("could not show the signals card")
        if shown is not None:
            shown()
        if first_cards is not None:
            await first_cards.after_first_cards()

    return show


async def show_persona(
    deps: Deps, client: AsyncWebClient, respond: AsyncRespond, where: Where, contact_id: str
) -> None:
    service = deps.service
    thread_ts, broadcast = where.thread_ts, False
    # Both lookups at once (a Slack round trip and a database read); the share is used only
    # where the card may be posted in the channel.
    heard, share = await asyncio.gather(
        audience(client, where.channel_id),
        service.find_share(where.team_id, contact_id, where.channel_id) if thread_ts is None else _nothing(),
    )
    notice = _NOTICES.get(heard)
    if notice is not None:
        share = None
    elif share is not None:  # one thread per contact per channel
        thread_ts, broadcast = share.thread_ts or share.message_ts, True
    sink = CardSink(
        client,
        respond,
        where.channel_id,
        thread_ts=thread_ts,
        broadcast=broadcast,
        private_notice=notice,
    )
    with deps.first_cards.waiting_for_card() as shown:
        result = await service.get_persona(
            team_id=where.team_id,
            contact_id=contact_id,
            user_id=where.user_id,
            on_signals=progress(sink, "writing", shown=shown, first_cards=deps.first_cards),
            compare=share is not None,  # what changed is shown only in an existing thread
        )
        changes = await changes_since(service, where.team_id, result, share.version) if share else None
        await sink.show(result_card(result, changes=changes, since=share.version if share else None))
    if sink.in_channel and sink.ts is not None:
        service.share_later(
            where.team_id,
            contact_id,
            channel_id=where.channel_id,
            message_ts=sink.ts,
            thread_ts=thread_ts,
            version=result.stored.version,
            shared_by=where.user_id,
        )


async def _nothing() -> None:
    return None


def result_card(result: PersonaResult, *, changes: list[str] | None = None, since: int | None = None) -> Message:
    """The final card of a result. The same persona shown again (in another channel, to
    another teammate) reuses the card built last time: building and validating it is the
    largest CPU cost of a cached card under a burst."""
    votes = (result.votes.up, result.votes.down)
    team_id = result.stored.key.team_id
    key = (result.persona.model_dump_json(), result.stored.version, _tupled(changes), since, votes, team_id)
    card = _RECENT_CARDS.pop(key, None)
    if card is None:
        card = persona_card(
            result.persona,
            version=result.stored.version,
            changes=changes,
            changes_since=since,
            votes=votes,
            team_id=team_id,
        )
    _RECENT_CARDS[key] = card  # most recent last
    if len(_RECENT_CARDS) > _RECENT_CARDS_KEPT:
        del _RECENT_CARDS[next(iter(_RECENT_CARDS))]
    return card


_RECENT_CARDS_KEPT = 256
_RECENT_CARDS: dict[tuple[object, ...], Message] = {}


def _tupled(lines: list[str] | None) -> tuple[str, ...] | None:
    return tuple(lines) if lines is not None else None


async def changes_since(service: PersonaService, team_id: str, result: PersonaResult, shared_version: int) -> list[str]:
    """What changed between the version already in the thread and this one ([] = nothing)."""
    version = result.stored.version
    if version <= shared_version:
        return []
    if result.previous is not None and result.previous.version == shared_version:
        return result.changes.lines() if result.changes is not None else []
    lines: list[str] = []
    for entry in await service.versions(team_id, result.contact.id):
        if shared_version < entry.stored.version <= version and entry.changes is not None:
            lines += entry.changes.lines()
    return lines
