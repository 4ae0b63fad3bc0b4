"""/persona over HTTP: the card, not found, the picker, cached cards, threads, privacy, errors."""

from __future__ import annotations

import json
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


async def test_command_posts_a_valid_card_with_regenerate(harness: Harness) -> None:
    response, _ = await harness.command("<mailto:ana.souza@acme.example|ana.souza@acme.example>")
    assert response.status_code == 200 and response.text == ""  # acked, nothing ephemeral
    post = await card_of(harness)
    valid_blocks(post["blocks"])
    assert post["blocks"][0]["text"]["text"] == "Ana Souza"
    assert "Regenerate" in json.dumps(post["blocks"]) and "regenerate" in action_ids(post["blocks"])
    assert post["text"].startswith("Persona: Ana Souza (Acme Corp)")


async def test_not_found_suggests_closest(harness: Harness) -> None:
    _, path = await harness.command("Ana Suoza")
    [answer] = await harness.answers(path)
    assert answer["response_type"] == "ephemeral"
    assert "No contact matches" in answer["text"]
    assert "Ana Souza" in json.dumps(answer["blocks"])
    assert not harness.slack.called("chat.postMessage")


async def test_ambiguous_shows_a_picker_and_the_pick_posts_the_card(harness: Harness) -> None:
    _, path = await harness.command("  @Ana  ")
    [picker] = await harness.answers(path)
    assert picker["response_type"] == "ephemeral" and "2 contacts match" in picker["text"]
    valid_blocks(picker["blocks"])
    _, pick_path = await harness.click_ephemeral(picker["blocks"], "pick_contact_1")
    post = await card_of(harness)
    assert post["blocks"][0]["text"]["text"] in {"Ana Lima", "Ana Souza"}
    [delete] = await harness.answers(pick_path)
    assert delete.get("delete_original") is True
