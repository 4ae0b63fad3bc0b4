"""diff_personas: what changed between two versions, in lines for people."""

from __future__ import annotations

from persona.diff import diff_personas
from persona.models import Persona
from tests.builders import make_persona


def with_changes(persona: Persona, **sections: object) -> Persona:
    return persona.model_copy(update=sections)


def test_identical_personas_have_an_empty_diff() -> None:
    diff = diff_personas(make_persona(), make_persona(summary="Worded differently."))

    assert diff.is_empty
    assert diff.lines() == []


def test_categorical_changes_are_listed_old_to_new() -> None:
    old = make_persona()
    new = make_persona(channel="phone", formality="casual", budget="typically ~$50,000 per deal")
    new = with_changes(
        new,
        engagement=new.engagement.model_copy(update={"responsiveness": "needs_follow_up"}),
        decision_making=new.decision_making.model_copy(update={"speed": "quick"}),
    )

    diff = diff_personas(old, new)

    assert not diff.is_empty
    assert [(c.field, c.old, c.new) for c in diff.changes] == [
        ("communication.preferred_channel", "email", "phone"),
        ("communication.formality", "formal", "casual"),
        ("engagement.responsiveness", "responsive", "needs_follow_up"),
        ("decision_making.speed", "deliberate", "quick"),
        ("buying.budget", "typically ~$24,000 per deal", "typically ~$50,000 per deal"),
    ]
    assert diff.lines()[:3] == [
        "Preferred channel: email → phone",
        "Formality: formal → casual",
        "Responsiveness: responsive → needs follow up",
    ]


def test_best_time_trend_seasonality_and_price_are_compared() -> None:
    old = make_persona()
    new = with_changes(
        old,
        communication=old.communication.model_copy(
            update={"best_time": old.communication.best_time.model_copy(update={"value": "Mon"})}
        ),
        engagement=old.engagement.model_copy(update={"trend": "declining"}),
        buying=old.buying.model_copy(update={"seasonality": "Q1"}),
        decision_making=old.decision_making.model_copy(update={"price_sensitivity": "high"}),
    )

    fields = [c.field for c in diff_personas(old, new).changes]

    assert fields == [
        "communication.best_time",
        "engagement.trend",
        "decision_making.price_sensitivity",
        "buying.seasonality",
    ]


def test_traits_added_and_dropped_by_statement() -> None:
    old = make_persona(traits=["Replies within a day", "Negotiates hard on price"])
    new = make_persona(traits=["replies  within a DAY", "Buys at quarter end"])

    diff = diff_personas(old, new)

    assert diff.changes == []
    assert diff.traits_added == ["Buys at quarter end"]
    assert diff.traits_dropped == ["Negotiates hard on price"]
    assert diff.lines() == ["+ trait: Buys at quarter end", "− trait: Negotiates hard on price"]
