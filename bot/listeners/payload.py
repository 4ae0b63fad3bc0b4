"""Reading who/where from Bolt's context and a payload, the same way for every listener."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.flows.deps import Where


async def just_ack(ack: Any) -> None:
    """Every listener acks at once (Slack's 3 s limit); the work runs in a lazy listener."""
    await ack()


def team_of(body: dict[str, Any], context: AsyncBoltContext) -> str:
    """The workspace a persona belongs to: the requester's team from the payload."""
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    return str(team or context.team_id or context.enterprise_id or "unknown")


def where(body: dict[str, Any], context: AsyncBoltContext, thread_ts: str | None = None) -> Where:
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id")
    user = body.get("user_id") or (body.get("user") or {}).get("id") or context.user_id
    return Where(team_of(body, context), str(channel), user, thread_ts)
