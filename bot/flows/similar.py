"""Who else behaves like this contact: a private list with scores and shared traits in words."""

from __future__ import annotations

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.blocks import messages
from bot.delivery import ephemeral
from bot.flows.deps import Deps, Where

TOP_K = 5


async def show_similar(deps: Deps, respond: AsyncRespond, where: Where, contact_id: str) -> None:
    result = await deps.service.similar(where.team_id, contact_id, k=TOP_K, user_id=where.user_id)
    lines = [messages.SimilarLine(m.name, m.score, m.shared_text) for m in result.matches]
    message = messages.similar(result.query.contact.name, lines, result.compared)
    await ephemeral(respond, message)
