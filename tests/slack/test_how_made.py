"""The card's "How this was made" button over HTTP: private, complete, refused after an objection."""

from __future__ import annotations

import json
from typing import Any

from persona.explain import NOT_RECORDED
from persona.rules import RULES
from persona_bot.objections import record_objection
from tests.fakes.openai_server import FakeOpenAI
from tests.slack.cards import card_of, valid_blocks
from tests.slack.harness import Harness


async def _how_made(h: Harness, card: dict[str, Any]) -> dict[str, Any]:
    _, path = await h.choose("C1", card["ts"], "how_made")
    [answer] = await h.answers(path)
    assert answer["response_type"] == "ephemeral"
    valid_blocks(answer["blocks"])
    return answer


async def test_how_this_was_made_button_explains_the_card_privately(harness: Harness) -> None:
    await harness.command("Bruno Costa")
    card = await card_of(harness)
    assert "Based on 12 interactions (12 email)" in json.dumps(card["blocks"])  # the footer stays
    answer = await _how_made(harness, card)
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "How this persona of Bruno Costa was made (v1" in text
    assert "`json` CRM" in text and "12 interactions (12 email) · 1 deals · 0 purchases" in text
    assert "measured signals only" in text and "no language model was used" in text
    assert all(rule.label in text for rule in RULES)
    assert len(harness.slack.called("chat.postMessage")) == 1  # nothing posted in the channel

    bruno = (await harness.service.crm.history("c-bruno")).contact
    await record_objection(harness.service, bruno, recorded_by="cli:op", reason=None)
    _, path = await harness.choose("C1", card["ts"], "how_made")
    [refused] = await harness.answers(path)
    assert "asked not to be profiled" in refused["text"] and "Preferred channel" not in json.dumps(refused)


async def test_with_a_model_the_view_names_it(model_harness: Harness, openai: FakeOpenAI) -> None:
    await model_harness.command("Ana Souza")
    card = await card_of(model_harness)
    text = json.dumps((await _how_made(model_harness, card))["blocks"], ensure_ascii=False)
    assert "model gpt-4o-mini wrote the prose" in text
    assert "What the model saw*: message text, redacted: e-mail addresses, phone numbers" in text
    assert NOT_RECORDED not in text
