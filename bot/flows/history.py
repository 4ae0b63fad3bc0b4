"""The versions of a contact's persona, privately: dates, who asked, why, what changed."""

from __future__ import annotations

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.blocks import messages
from bot.blocks.base import Message
from bot.blocks.corrections import history_section
from bot.delivery import ephemeral
from bot.flows.deps import Deps


async def show_history(
    deps: Deps, respond: AsyncRespond, team_id: str, contact_id: str, name: str | None = None
) -> None:
    entries = await deps.service.versions(team_id, contact_id)
    lines = [
        messages.HistoryLine(
            version=entry.stored.version,
            created_at=entry.stored.created_at,
            requested_by=entry.stored.requested_by,
            reason=str(entry.stored.reason),
            changes=entry.changes.lines() if entry.changes is not None else None,
        )
        for entry in entries
    ]
    if name is None:
        name = entries[-1].stored.persona.contact.name if entries else contact_id
    message = messages.history(name, lines)
    corrections = await deps.service.feedback.corrections(deps.service.key(team_id, contact_id))
    if corrections:  # issue 12: shown after the versions they apply to
        message = Message([*message.blocks, *history_section(corrections)], message.text)
    await ephemeral(respond, message)
