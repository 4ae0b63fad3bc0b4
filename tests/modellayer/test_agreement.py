"""Model prose that contradicts the measured signals is dropped, counted, or replaced whole."""

from __future__ import annotations

import pytest

from persona.agreement import contradictions
from persona.generators.base import ModelErrorKind
from persona.generators.chain import FallbackGenerator
from persona.generators.signals_gen import build_persona
from persona_bot.settings import Settings
from persona_bot.wiring import openai_generator
from tests.builders import make_history, make_signals
from tests.fakes.openai_server import Behavior, FakeOpenAI

# make_signals measures: email, formal, responsive, deliberate, high price sensitivity, and an
# unknown seasonality.
CONTRADICTING = [
    "She'd rather get a call.",
    "Prefers the phone.",
    "Very casual in tone.",
    "Not price sensitive at all.",
    "Buys mostly in spring.",
    "Decides quickly once the numbers are clear.",
    "Often needs a follow-up before answering.",
    "Likes to meet in person.",
    "Purchases cluster at year-end.",
    "Sie telefoniert lieber.",
    "Am besten erreicht man ihn per Telefon.",
    "Sehr locker im Ton.",
    "Der Preis spielt keine Rolle.",
    "Kauft meist im Frühjahr.",
    "Entscheidet schnell.",
    "Man muss oft nachfassen.",
    "Ist nicht preissensibel.",
]
AGREEING = [
    "Prefers email over phone calls.",
    "Writes formally, with greetings and sign-offs.",
    "Replies to email within hours.",
    "Takes time to decide; long sales cycles.",
    "Very price-sensitive and asks for discounts.",
    "Buying seasonality is unknown.",
    "Bevorzugt E-Mails.",
    "Schreibt förmlich.",
    "Antwortet schnell auf E-Mails.",
    "Entscheidet bedächtig.",
    "Send a written summary before each call.",
]


@pytest.mark.parametrize("sentence", CONTRADICTING)
def test_each_contradicting_phrasing_is_caught(sentence: str) -> None:
    assert contradictions(sentence, make_signals(make_history(10)))


@pytest.mark.parametrize("sentence", AGREEING)
def test_agreeing_phrasings_pass(sentence: str) -> None:
    assert contradictions(sentence, make_signals(make_history(10))) == []


async def _attempt(server: FakeOpenAI, settings: Settings, prose: dict[str, object]):  # type: ignore[no-untyped-def]
    server.default = Behavior.scripted_prose
    server.prose = prose
    history = make_history(20)
    chain = FallbackGenerator(openai_generator(settings))
    try:
        return await chain.attempt(history, make_signals(history))
    finally:
        await chain.aclose()


async def test_contradicting_sentences_are_dropped_and_counted(
    fake_openai: FakeOpenAI, openai_settings: Settings
) -> None:
    prose = {
        "summary": "Prefers email and writes formally. She'd rather get a call, though. Replies within hours.",
        "traits": [
            {"statement": "Replies to email within hours."},
            {"statement": "Very casual in tone."},
            {"statement": "Asks for discounts on most deals."},
            {"statement": "Kauft meist im Frühjahr."},
        ],
        "recommendations": [
            "Send a written agenda before meetings.",
            "Don't worry about price: not price sensitive at all.",
            "Lead with the cost case.",
        ],
    }
    outcome = await _attempt(fake_openai, openai_settings, prose)
    persona = outcome.persona
    assert outcome.error is None and persona.generator.name == "openai"
    assert persona.generator.dropped_sentences == 4
    assert persona.summary == "Prefers email and writes formally. Replies within hours."
    assert [t.statement for t in persona.traits] == [
        "Replies to email within hours.",
        "Asks for discounts on most deals.",
    ]
    assert persona.recommendations == ["Send a written agenda before meetings.", "Lead with the cost case."]


async def test_agreeing_prose_keeps_everything(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    prose = {
        "summary": " ".join(AGREEING[:4]),
        "traits": [{"statement": s} for s in AGREEING[4:8]],
        "recommendations": AGREEING[8:],
    }
    outcome = await _attempt(fake_openai, openai_settings, prose)
    assert outcome.error is None
    assert outcome.persona.generator.dropped_sentences == 0
    assert outcome.persona.summary == " ".join(AGREEING[:4])
    assert len(outcome.persona.traits) == 4 and outcome.persona.recommendations == AGREEING[8:]


async def test_mostly_contradicting_prose_falls_back_whole(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    prose = {
        "summary": "She'd rather get a call. Very casual. Decides quickly.",
        "traits": [{"statement": s} for s in CONTRADICTING[3:7]],
        "recommendations": ["Phone her: she prefers the phone.", "Send a short recap."],
    }
    outcome = await _attempt(fake_openai, openai_settings, prose)
    assert outcome.error is not None and outcome.error.kind is ModelErrorKind.contradicts_evidence
    persona = outcome.persona
    assert persona.generator.name == "signals"
    assert persona.generator.fallback_reason == "the language model's prose contradicted the measured evidence"
    assert persona.generator.dropped_sentences == 8
    history = make_history(20)
    assert persona.summary == build_persona(history, make_signals(history)).summary  # the signals' prose
