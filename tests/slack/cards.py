"""Reading the cards the bot posted, as the fake Slack holds them: valid Block Kit, buttons,
the final card of a channel."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block

from tests.slack.harness import Harness


def valid_blocks(blocks: list[dict[str, Any]]) -> list[Block]:
    parsed = Block.parse_all(blocks)
    for block in parsed:
        block.validate_json()  # slack_sdk raises on any broken Block Kit limit
    assert len(blocks) <= 50
    return parsed


def action_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def has_buttons(message: dict[str, Any]) -> bool:
    return any(b["type"] == "actions" for b in message.get("blocks", []))


async def card_of(h: Harness, channel: str = "C1", count: int = 1) -> dict[str, Any]:
    """The `count`-th card posted in `channel`, once final (buttons shown), as Slack holds it."""
    posts = await h.slack.wait_for("chat.postMessage", count, channel=channel)
    key = (channel, posts[count - 1].result["ts"])
    await h.slack.until(lambda: has_buttons(h.slack.messages[key]), f"final card {key}")
    return h.slack.messages[key]
