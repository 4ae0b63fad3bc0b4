"""persona.vocabulary is the one table of the persona's fields: every surface shows its labels,
in its order, with its value words (issue 15: "Formality"/"Tone", "Seasonality"/"Buying season"
must not come back)."""

from __future__ import annotations

import io
import json
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table

from bot.blocks.card import persona_card as slack_card
from bot.blocks.correction_modal import correction_modal
from persona import corrections
from persona.diff import diff_personas
from persona.generators.signals_gen import signal_recommendations, signal_summary, signal_traits
from persona.models import Persona, Signal
from persona.prompts import build_prompt
from persona.rules import RULES
from persona.similarity import CATEGORIES, shared_traits
from persona.vocabulary import BY_KEY, CATEGORICAL, FIELDS, sections
from persona_bot.terminal import persona_card as terminal_card
from tests.builders import email_history, make_persona

LABELS = [f.label for f in FIELDS]
OLD_LABELS = ("Tone", "Buying season", "Speed", "Trend")


def _unbold(text: str) -> str:
    return text.split("\n", 1)[0].strip("*")


def test_the_table_has_one_label_and_one_key_per_field() -> None:
    assert len(set(LABELS)) == len(LABELS) == len({f.key for f in FIELDS}) == len({f.path for f in FIELDS})
    assert not set(OLD_LABELS) & set(LABELS)
    persona = make_persona()
    for field in FIELDS:  # the path and the reader agree
        section, attribute = field.section_attribute
        value: Any = getattr(getattr(persona, section), attribute)
        assert field.read(persona) == getattr(value, "value", value)
        assert isinstance(field.signal(persona.signals), Signal)


def test_the_slack_card_shows_the_tables_sections_labels_and_order() -> None:
    blocks = slack_card(make_persona()).block_dicts()
    groups = [b for b in blocks if b["type"] == "section" and b.get("fields")]

    assert [_unbold(g["text"]["text"]) for g in groups] == [title for title, _ in sections()]
    assert [_unbold(f["text"]) for g in groups for f in g["fields"]] == LABELS
    seasonality = next(f["text"] for g in groups for f in g["fields"] if _unbold(f["text"]) == "Seasonality")
    assert BY_KEY["seasonality"].value_words("Q4") in seasonality


def _terminal_table(panel: Panel) -> Table:
    group = panel.renderable
    assert isinstance(group, Group)
    return next(r for r in group.renderables if isinstance(r, Table))


def test_the_terminal_card_shows_the_tables_labels_in_order() -> None:
    panel = terminal_card(make_persona())

    assert list(_terminal_table(panel).columns[0].cells) == LABELS
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(panel)
    text = console.export_text()
    assert BY_KEY["seasonality"].value_words("Q4") in text
    assert not any(f"{old} " in text.split("Traits")[0] for old in ("Tone", "Buying season"))


def _everything_changed(old: Persona) -> Persona:
    return old.model_copy(
        update={
            "communication": old.communication.model_copy(
                update={
                    "preferred_channel": "phone",
                    "formality": "casual",
                    "best_time": old.communication.best_time.model_copy(update={"value": "Mon"}),
                }
            ),
            "engagement": old.engagement.model_copy(update={"responsiveness": "needs_follow_up", "trend": "rising"}),
            "decision_making": old.decision_making.model_copy(update={"speed": "quick", "price_sensitivity": "high"}),
            "buying": old.buying.model_copy(
                update={"seasonality": "none", "budget": old.buying.budget.model_copy(update={"value": "small"})}
            ),
        }
    )


def test_the_change_diff_uses_the_tables_paths_labels_order_and_words() -> None:
    old = make_persona()
    diff = diff_personas(old, _everything_changed(old))

    assert [(c.field, c.label) for c in diff.changes] == [(f.path, f.label) for f in FIELDS]
    assert "Seasonality: Q4 (Oct–Dec) → no seasonal pattern" in diff.lines()


def test_corrections_offer_the_tables_categorical_fields_in_order() -> None:
    assert [(f.name, f.label, f.vocabulary) for f in corrections.FIELDS] == [
        (f.key, f.label, f.vocabulary) for f in CATEGORICAL
    ]
    modal = correction_modal(corrections.apply_corrections(make_persona(), []), "")
    inputs = [b for b in modal["blocks"] if b["type"] == "input" and b["block_id"] in BY_KEY]
    assert [b["label"]["text"] for b in inputs] == [f.label for f in CATEGORICAL]
    season = next(b for b in inputs if b["block_id"] == "seasonality")
    assert "Q4 (Oct–Dec)" in [o["text"]["text"] for o in season["element"]["options"]]


def test_the_prompt_lists_the_tables_fields_in_order() -> None:
    prompt = build_prompt(email_history(), make_persona().signals)
    user = prompt.messages[-1]["content"]
    block = user.split("Computed signals (measured from the full history):\n", 1)[1].split("\n", 1)[0]

    assert list(json.loads(block)) == [f.key for f in FIELDS]


def test_the_offline_prose_uses_the_tables_phrasing() -> None:
    signals = make_persona(channel="phone", formality="casual").signals
    statements = [t.statement for t in signal_traits(signals)]
    advice = signal_recommendations(signals)

    for key in ("preferred_channel", "formality", "responsiveness", "decision_speed", "price_sensitivity"):
        field = BY_KEY[key]
        value = field.signal(signals).value
        assert any(s.startswith(field.trait[value]) for s in statements), key
        assert field.advice[value] in advice, key
    assert "Buys in Q4, year after year" in statements[-1]
    assert BY_KEY["preferred_channel"].summary["phone"] in signal_summary(email_history(), signals)

    unknown = Signal[Any](value="unknown", confidence=0, data_points=0)
    thin = signals.model_copy(update={"formality": unknown, "seasonality": unknown})
    expected = f"judge {BY_KEY['formality'].label.lower()} and {BY_KEY['seasonality'].label.lower()}"
    assert any(expected in line for line in signal_recommendations(thin))


def test_similarity_explains_in_the_tables_words() -> None:
    for category in CATEGORIES:
        field = BY_KEY[category.name]
        assert category.vocabulary == field.vocabulary
        assert category.phrases == dict(field.alike)
    persona = make_persona()
    shared = shared_traits(persona, persona)
    assert BY_KEY["seasonality"].alike["Q4"] in shared
    assert BY_KEY["formality"].alike["formal"] in shared


def test_how_this_was_made_uses_the_tables_labels_in_order() -> None:
    fields = [rule for rule in RULES if rule.signal in BY_KEY]

    assert [rule.label for rule in fields] == LABELS
    assert RULES[-1].signal not in BY_KEY  # how the prose is written comes after the fields
