""" "How this was made": one rules table for the README and the card view; what the model saw."""

from __future__ import annotations

import json
from pathlib import Path

from slack_sdk.models.blocks import Block

from bot.blocks.transparency import how_made
from persona.explain import NOT_RECORDED, model_data_words
from persona.models import GeneratorInfo, Signals
from persona.rules import RULES, readme_section
from tests.builders import make_persona

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_shows_the_rules_table_verbatim() -> None:
    """Run `python -m persona.rules --readme README.md` after editing persona/rules.py."""
    assert readme_section() in README.read_text(encoding="utf-8")


def test_every_measured_field_has_a_rule() -> None:
    categorical = {name for name, info in Signals.model_fields.items() if "Signal" in str(info.annotation)}
    assert categorical <= {rule.signal for rule in RULES}


class RecordedGenerator(GeneratorInfo):
    model_data: str | None = None  # as issue 11 is expected to record it


def test_what_the_model_saw_is_read_from_the_generator_details() -> None:
    offline = make_persona().model_copy(update={"generator": GeneratorInfo(name="signals")})
    assert "no language model was used" in model_data_words(offline)
    unrecorded = make_persona().model_copy(update={"generator": GeneratorInfo(name="openai", model="gpt-4o-mini")})
    assert model_data_words(unrecorded) == NOT_RECORDED
    redacted = make_persona().model_copy(update={"generator": RecordedGenerator(name="openai", model_data="redacted")})
    assert "redacted" in model_data_words(redacted)
    signals_only = make_persona().model_copy(
        update={"generator": RecordedGenerator(name="openai", model_data="signals")}
    )
    assert "no message text" in model_data_words(signals_only)


def test_the_view_holds_data_rules_generator_and_stays_within_limits() -> None:
    message = how_made(make_persona(), version=3, crm="hubspot")
    blocks = message.block_dicts()
    for block in Block.parse_all(blocks):
        block.validate_json()
    text = json.dumps(blocks, ensure_ascii=False)
    assert len(blocks) <= 50 and len(text) < 12000
    assert "`hubspot` CRM" in text and "12 interactions · 2 deals" in text and "v3" in text
    for rule in RULES:
        for words in (rule.label, rule.text, *rule.details):
            assert json.dumps(words, ensure_ascii=False)[1:-1] in text, words
    assert "gpt-4o-mini" in text and "What the model saw" in text
