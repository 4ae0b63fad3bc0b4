"""Progressive cards, Regenerate (single generation under double clicks), Retry, History."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from tests.fakes.openai_server import Behavior
from tests.slack.cards import card_of, has_buttons, valid_blocks
from tests.slack.harness import Harness


def updates(h: Harness, ts: str) -> list[dict[str, Any]]:
    return [c.args for c in h.slack.called("chat.update", ts=ts)]


async def test_progressive_card_is_edited_in_place_when_the_model_answers(model_harness: Harness, openai: Any) -> None:
    h = model_harness
    await h.command("Ana Souza")
    [post] = await h.slack.wait_for("chat.postMessage")
    assert "Writing the summary" in json.dumps(post.args["blocks"])
    assert not has_buttons(post.args)  # signals first, no buttons yet
    card = await card_of(h)
    [update] = updates(h, post.result["ts"])
    valid_blocks(update["blocks"])
    assert "gpt-4o-mini" in json.dumps(update["blocks"]) or "openai" in json.dumps(update["blocks"])
    assert card["blocks"] == update["blocks"] and len(openai.requests) == 1


async def test_regenerate_shows_progress_then_replaces_the_card_and_replies(
    model_harness: Harness,
) -> None:
    h = model_harness
    await h.command("Ana Souza")
    card = await card_of(h)
    before = len(updates(h, card["ts"]))
    await h.click("C1", card["ts"], "regenerate")
    [reply] = await h.slack.wait_for("chat.postMessage", thread_ts=card["ts"])
    after = updates(h, card["ts"])[before:]
    assert "Regenerating" in json.dumps(after[0]["blocks"]) and not has_buttons(after[0])
    assert "v2" in json.dumps(after[-1]["blocks"]) and has_buttons(after[-1])
    assert "Regenerated v2" in reply.args["text"]
    assert "v2" in json.dumps(h.slack.messages[("C1", card["ts"])]["blocks"])


async def test_double_clicked_regenerate_generates_once(model_harness: Harness, openai: Any) -> None:
    h = model_harness
    await h.command("Ana Souza")
    card = await card_of(h)
    await asyncio.gather(*(h.click("C1", card["ts"], "regenerate") for _ in range(3)))
    await h.slack.wait_for("chat.postMessage", thread_ts=card["ts"])
    await h.slack.until(lambda: has_buttons(h.slack.messages[("C1", card["ts"])]), "final card")
    versions = await h.service.versions("T0OWN", "c-ana")
    assert [v.stored.version for v in versions] == [1, 2]
    assert len(openai.requests) == 2  # the first card and one regeneration
    assert len(h.slack.called("chat.postMessage", thread_ts=card["ts"])) == 1


async def test_model_failure_keeps_the_signals_with_a_note_and_retry(model_harness: Harness, openai: Any) -> None:
    h = model_harness
    openai.default = Behavior.server_error
    await h.command("Ana Souza")
    card = await card_of(h)
    text = json.dumps(card["blocks"])
    assert "No written summary this time" in text and "Traceback" not in text
    actions = next(b for b in card["blocks"] if b["type"] == "actions")["elements"]
    assert actions[0]["action_id"] == "retry"
    openai.default = Behavior.success
    await h.click("C1", card["ts"], "retry")
    await h.slack.wait_for("chat.postMessage", thread_ts=card["ts"])
    final = h.slack.messages[("C1", card["ts"])]
    await h.slack.until(lambda: has_buttons(final), "final card")
    assert "No written summary" not in json.dumps(final["blocks"])
    assert "retry" not in json.dumps([b for b in final["blocks"] if b["type"] == "actions"])


async def test_history_button_lists_versions_privately(harness: Harness) -> None:
    await harness.command("Bruno Costa")
    card = await card_of(harness)
    await harness.click("C1", card["ts"], "regenerate")
    await harness.slack.wait_for("chat.postMessage", thread_ts=card["ts"])
    _, path = await harness.click("C1", card["ts"], "history")
    [answer] = await harness.answers(path)
    text = json.dumps(answer["blocks"])
    assert answer["response_type"] == "ephemeral"
    assert "v1" in text and "v2" in text and "<@U1>" in text
    valid_blocks(answer["blocks"])


async def test_history_command(harness: Harness) -> None:
    await harness.command("Bruno Costa")
    await card_of(harness)
    _, path = await harness.command("history bruno@initech.example")
    [answer] = await harness.answers(path)
    assert "Persona history for Bruno Costa" in answer["text"] or "Bruno Costa" in json.dumps(answer["blocks"])
    assert "v1" in json.dumps(answer["blocks"])
