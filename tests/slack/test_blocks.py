"""The persona card and the other messages: content, escaping and Block Kit limits."""

from __future__ import annotations

import json
from datetime import timedelta

from slack_sdk.models.blocks import Block

from bot.blocks import messages
from bot.blocks.card import NOT_ENOUGH_DATA, REGENERATE, RETRY, persona_card
from bot.blocks.values import CardButton, Choice
from bot.mrkdwn import clip, escape
from crm.models import Contact
from persona.corrections import FIELDS, apply_corrections
from persona.models import Correction, GeneratorInfo, NewEvidence, Trait
from tests.builders import card_persona

HOSTILE = "<!channel> *bold* _it_ ~x~ `code` <@U999> <https://evil.example|click> & @here http://x.io"


def _parse(blocks: list[dict]) -> list[Block]:
    """Round-trip through slack_sdk's models: raises if a block is malformed or over a limit."""
    parsed = Block.parse_all(blocks)
    for block in parsed:
        block.validate_json()
    return parsed


def _texts(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_card_has_every_section_and_buttons() -> None:
    card = persona_card(card_persona(), version=3)
    blocks = card.block_dicts()
    _parse(blocks)
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Ana Souza"}}
    text = _texts(blocks)
    for expected in (
        "Head of Procurement · Acme Corp",
        "Preferred channel",
        "Email",
        "●●● high",
        "replied to 9 of 10 emails within 3 h",
        "3 supporting records",
        "Recommendations",
        "Traits",
        "40 interactions (28 email, 12 call)",
        "v3",
        "gpt-4o-mini",
        "$0.0004",
    ):
        assert expected in text, expected
    actions = next(b for b in blocks if b["type"] == "actions")["elements"]
    assert [a["action_id"] for a in actions] == [REGENERATE, "history", "watch", "card_menu"]
    assert CardButton.decode(actions[0]["value"]) == CardButton(contact_id="c-1")
    assert card.fallback().startswith("Persona: Ana Souza (Acme Corp)")


def test_unknown_values_say_not_enough_data() -> None:
    blocks = persona_card(card_persona(unknown=True)).block_dicts()
    assert _texts(blocks).count(NOT_ENOUGH_DATA) == 9


def test_model_failure_note_and_retry_button() -> None:
    persona = card_persona(fallback_reason="the language model timed out")
    blocks = persona_card(persona).block_dicts()
    assert "the language model timed out" in _texts(blocks)
    actions = next(b for b in blocks if b["type"] == "actions")["elements"]
    assert actions[0]["action_id"] == RETRY


def test_pending_states_have_no_buttons() -> None:
    for state, words in (("writing", "Writing the summary"), ("regenerating", "Regenerating")):
        blocks = persona_card(card_persona(), state=state).block_dicts()
        assert words in _texts(blocks)
        assert not [b for b in blocks if b["type"] == "actions"]


def test_hostile_text_is_escaped_everywhere() -> None:
    persona = card_persona(
        name=HOSTILE,
        company=HOSTILE,
        summary=HOSTILE,
        traits=[Trait(statement=HOSTILE, evidence=[HOSTILE], confidence=0.5)],
        recommendations=[HOSTILE],
    )
    card = persona_card(persona)
    blocks = card.block_dicts()
    _parse(blocks)
    mrkdwn = [
        obj["text"]
        for b in blocks
        for obj in [b.get("text") or {}, *b.get("fields", []), *b.get("elements", [])]
        if isinstance(obj, dict) and obj.get("type") == "mrkdwn"
    ]
    assert any("&lt;!channel&gt;" in t for t in mrkdwn)
    for t in [*mrkdwn, card.fallback()]:
        assert "<!channel>" not in t and "<@U999>" not in t and "<https://" not in t
        assert "*bold*" not in t and "_it_" not in t and "`code`" not in t
        assert "@here" not in t and "http://x.io" not in t


def test_escape_and_clip() -> None:
    assert escape("a & <b>") == "a &amp; &lt;b&gt;"
    assert clip("x" * 10, 5) == "xxxx…"
    assert clip(escape("aaa&"), 5) == "aaa…"  # never half an entity


def test_huge_persona_stays_within_limits() -> None:
    long = "word " * 2000
    persona = card_persona(
        name="N" * 400,
        summary=long,
        traits=[Trait(statement=long, evidence=[long], confidence=0.9)] * 30,
        recommendations=[long] * 30,
    )
    card = persona_card(persona, changes=[long] * 30, changes_since=1, notice=long)
    blocks = card.block_dicts()
    _parse(blocks)
    assert len(blocks) <= 50
    assert len(blocks[1]["text"]["text"]) <= 150  # header, after the notice
    assert len(card.fallback()) <= 3000
    assert len(_texts(blocks)) < 12000  # under Slack's undocumented total cap


def test_huge_persona_with_every_correction_contradicted_stays_within_limits() -> None:
    long = "word " * 2000
    persona = card_persona(
        name="N" * 400,
        summary=long,
        traits=[Trait(statement=long, evidence=[long], confidence=0.9)] * 30,
        recommendations=[long] * 30,
    )
    persona = persona.model_copy(update={"generator": GeneratorInfo(name="openai", model="m" * 100)})
    when = persona.generated_at + timedelta(days=1)
    news = NewEvidence(value="email", confidence=0.9, since=when, interactions=12)
    fixes = [Correction(field=f.name, value=f.vocabulary[-1], note=long, by="U" + "X" * 20, at=when) for f in FIELDS]
    shown = apply_corrections(persona, fixes, {f.name: news for f in FIELDS})
    card = persona_card(shown, version=12345, changes=[long] * 30, changes_since=1, notice=long, votes=(999, 999))
    blocks = card.block_dicts()
    _parse(blocks)
    assert len(blocks) <= 50
    assert len(_texts(blocks)) < 12000
    assert _texts(blocks).count("new data says") == 1 and "predates a team correction" in _texts(blocks)


def test_changes_section() -> None:
    text = _texts(persona_card(card_persona(), changes=[], changes_since=2).block_dicts())
    assert "No change" in text and "v2" in text
    text = _texts(persona_card(card_persona(), changes=["Formality: casual → formal"], changes_since=2).block_dicts())
    assert "What changed since v2" in text and "casual → formal" in text


def test_picker_and_not_found() -> None:
    contacts = [Contact(id=f"c{i}", name=f"Ana {i}", company="Acme") for i in range(12)]
    blocks = messages.picker("ana", contacts).block_dicts()
    _parse(blocks)
    buttons = [b["accessory"] for b in blocks if "accessory" in b]
    assert len(buttons) == messages.MAX_CHOICES
    assert Choice.decode(buttons[0]["value"]) == Choice(contact_id="c0")
    blocks = messages.not_found("<!here>", contacts[:2]).block_dicts()
    assert "&lt;!here&gt;" in _texts(blocks) and "Did you mean" in _texts(blocks)
