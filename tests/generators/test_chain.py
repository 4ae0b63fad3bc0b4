"""The fallback chain and generator selection, against the fake server."""

from __future__ import annotations

import pytest

from persona.generators.base import ModelErrorKind
from persona.generators.chain import FallbackGenerator
from persona.generators.lazy import LazyGenerator
from persona.generators.signals_gen import SignalsGenerator, build_persona
from persona.prompts import PromptMode
from persona_bot.settings import Settings
from persona_bot.wiring import build_generator, lazy_generator, openai_generator
from tests.builders import make_history, make_signals
from tests.fakes.openai_fixtures import TEST_API_KEY, openai_settings_for
from tests.fakes.openai_server import Behavior, FakeOpenAI


async def test_success_has_no_error(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    history = make_history(20)
    chain = FallbackGenerator(openai_generator(openai_settings))
    try:
        outcome = await chain.attempt(history, make_signals(history))
    finally:
        await chain.aclose()
    assert outcome.error is None
    assert outcome.persona.generator.name == "openai"


async def test_401_falls_back_to_signals_and_says_why(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    fake_openai.default = Behavior.unauthorized
    history = make_history(20)
    signals = make_signals(history)
    chain = FallbackGenerator(openai_generator(openai_settings))
    try:
        persona = await chain.generate(history, signals)
    finally:
        await chain.aclose()
    assert persona.generator.name == "signals"
    assert persona.generator.fallback_reason == "the language model rejected the API key"
    assert chain.last_error is not None and chain.last_error.kind is ModelErrorKind.auth
    expected = build_persona(history, signals)
    assert persona.summary == expected.summary  # the signals-only prose
    assert TEST_API_KEY not in persona.model_dump_json()


async def test_timeout_falls_back(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Behavior.slow
    settings = openai_settings_for(fake_openai, openai_timeout_seconds=0.3, openai_max_retries=0)
    history = make_history(5)
    chain = FallbackGenerator(openai_generator(settings))
    try:
        outcome = await chain.attempt(history, make_signals(history))
    finally:
        await chain.aclose()
    assert outcome.error is not None and outcome.error.kind is ModelErrorKind.timeout
    assert outcome.persona.generator.fallback_reason == outcome.error.user_message


async def test_json_schema_unsupported_retries_in_json_object_mode(
    fake_openai: FakeOpenAI, openai_settings: Settings
) -> None:
    fake_openai.default = Behavior.reject_json_schema
    history = make_history(20)
    chain = FallbackGenerator(openai_generator(openai_settings))
    try:
        first = await chain.attempt(history, make_signals(history))
        second = await chain.attempt(history, make_signals(history))
    finally:
        await chain.aclose()
    assert first.error is None and second.error is None
    assert first.persona.generator.name == "openai"
    assert first.persona.summary.startswith("Prefers written")
    formats = [body["response_format"]["type"] for body in fake_openai.requests]
    # Rejected once, then json_object, and remembered for the next persona.
    assert formats == ["json_schema", "json_object", "json_object"]
    assert chain.mode is PromptMode.json_object


async def test_malformed_in_json_object_mode_falls_back(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    fake_openai.script(Behavior.reject_json_schema, Behavior.malformed)
    history = make_history(20)
    chain = FallbackGenerator(openai_generator(openai_settings))
    try:
        outcome = await chain.attempt(history, make_signals(history))
    finally:
        await chain.aclose()
    assert outcome.error is not None and outcome.error.kind is ModelErrorKind.bad_output
    assert outcome.persona.generator.name == "signals"
    assert outcome.persona.generator.fallback_reason == "the language model returned unusable output"
    assert len(fake_openai.requests) == 2


async def test_build_generator_picks_by_key(fake_openai: FakeOpenAI) -> None:
    offline = build_generator(Settings(_env_file=None, openai_api_key=None))
    assert isinstance(offline, SignalsGenerator)
    assert offline.name == "signals" and offline.model is None
    online = build_generator(openai_settings_for(fake_openai, persona_model="gpt-4.1-mini"))
    try:
        assert isinstance(online, FallbackGenerator)
        assert online.name == "openai" and online.model == "gpt-4.1-mini"
    finally:
        assert isinstance(online, FallbackGenerator)
        await online.aclose()


@pytest.mark.parametrize(
    "overrides",
    [{"openai_api_key": None}, {"persona_model": "gpt-4.1-mini"}, {"persona_model_data": "none"}],
    ids=["no key", "key", "model data none"],
)
async def test_the_lazy_generator_is_the_one_build_generator_makes(
    fake_openai: FakeOpenAI, overrides: dict[str, object]
) -> None:
    settings = openai_settings_for(fake_openai, **overrides)
    eager = build_generator(settings)
    lazy = lazy_generator(settings)
    try:
        assert isinstance(lazy, LazyGenerator)
        assert (lazy.name, lazy.model) == (eager.name, eager.model)  # the cache key, before building
        assert lazy._built is None
        history = make_history(20)
        persona = await lazy.generate(history, make_signals(history))
        assert type(lazy.built) is type(eager)
        assert persona.generator.name == eager.name
    finally:
        await lazy.aclose()
        await eager.aclose()


async def test_a_lazy_generator_never_used_is_never_built() -> None:
    def build() -> SignalsGenerator:
        raise AssertionError("built")

    lazy = LazyGenerator("signals", None, build)
    await lazy.aclose()


async def test_a_lazy_generator_refuses_a_generator_of_another_name_or_model() -> None:
    lazy = LazyGenerator("openai", "gpt-4o-mini", SignalsGenerator)
    history = make_history(5)
    with pytest.raises(RuntimeError, match="built signals:None"):
        await lazy.generate(history, make_signals(history))
