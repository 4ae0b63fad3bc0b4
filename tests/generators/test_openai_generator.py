"""The openai generator against the fake server: real AsyncOpenAI, real socket."""

from __future__ import annotations

import pytest

from persona.generators.base import ModelError, ModelErrorKind
from persona.generators.signals_gen import build_persona
from persona.prompts import PromptMode
from persona_bot.settings import Settings
from persona_bot.wiring import openai_generator
from tests.builders import make_history, make_signals
from tests.fakes.openai_fixtures import TEST_API_KEY, openai_settings_for
from tests.fakes.openai_server import Behavior, FakeOpenAI


async def _generate(settings: Settings, n: int = 10, mode: PromptMode = PromptMode.json_schema):
    history = make_history(n)
    generator = openai_generator(settings)
    try:
        return history, await generator.generate(history, make_signals(history), mode=mode)
    finally:
        await generator.aclose()


async def test_success_writes_prose_and_keeps_signal_categories(
    fake_openai: FakeOpenAI, openai_settings: Settings
) -> None:
    history, persona = await _generate(openai_settings)
    assert persona.generator.name == "openai"
    assert persona.generator.model == "gpt-4o-mini"
    assert persona.generator.fallback_reason is None
    assert persona.summary.startswith("Prefers written")
    assert [t.statement for t in persona.traits] == [
        "Replies to email within hours.",
        "Asks for discounts.",
    ]
    known = {i.id for i in history.interactions} | {d.id for d in history.deals}
    known |= {p.id for p in history.purchases}
    assert all(set(t.evidence) <= known and t.evidence for t in persona.traits)
    assert persona.traits[1].evidence[0] in known  # "[id]" was read as "id"
    assert persona.recommendations == ["Send a written summary before each call.", "Lead with value."]
    assert persona.communication.preferred_channel == "email"
    body = fake_openai.requests[0]
    assert body["model"] == "gpt-4o-mini"
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    assert body["response_format"]["json_schema"]["schema"]["additionalProperties"] is False
    assert fake_openai.auth_headers[0] == f"Bearer {TEST_API_KEY}"


async def test_usage_and_cost_are_recorded(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    _, persona = await _generate(openai_settings)
    assert persona.usage.prompt_tokens > 0
    assert persona.usage.completion_tokens > 0
    # gpt-4o-mini: $0.15 / 1M prompt tokens, $0.60 / 1M completion tokens.
    expected = (persona.usage.prompt_tokens * 0.15 + persona.usage.completion_tokens * 0.60) / 1e6
    assert persona.usage.cost_usd == pytest.approx(expected)


async def test_price_override_and_unknown_model(fake_openai: FakeOpenAI) -> None:
    priced = openai_settings_for(
        fake_openai, persona_model="my-local", persona_prices={"my-local": {"input": 1, "output": 2}}
    )
    _, persona = await _generate(priced)
    expected = (persona.usage.prompt_tokens + 2 * persona.usage.completion_tokens) / 1e6
    assert persona.usage.cost_usd == pytest.approx(expected)
    _, unpriced = await _generate(openai_settings_for(fake_openai, persona_model="mystery-7b"))
    assert unpriced.usage.prompt_tokens > 0 and unpriced.usage.cost_usd == 0.0
    assert persona.usage.cost_known and not unpriced.usage.cost_known


async def test_500_then_success_is_retried_by_the_sdk(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    fake_openai.script(Behavior.server_error)
    _, persona = await _generate(openai_settings)
    assert len(fake_openai.requests) == 2
    assert persona.generator.name == "openai"


async def test_persistent_500_is_a_server_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Behavior.server_error
    with pytest.raises(ModelError) as caught:
        await _generate(openai_settings_for(fake_openai, openai_max_retries=1))
    assert caught.value.kind is ModelErrorKind.server
    assert len(fake_openai.requests) == 2  # the first try and one retry


async def test_rate_limit(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Behavior.rate_limited
    with pytest.raises(ModelError) as caught:
        await _generate(openai_settings_for(fake_openai, openai_max_retries=0))
    assert caught.value.kind is ModelErrorKind.rate_limit


async def test_401_is_auth_and_never_shows_the_key(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    fake_openai.default = Behavior.unauthorized  # the fake echoes the key in its error body
    with pytest.raises(ModelError) as caught:
        await _generate(openai_settings)
    err = caught.value
    assert err.kind is ModelErrorKind.auth
    assert len(fake_openai.requests) == 1  # 401 is not retried
    for text in (str(err), err.detail, repr(err), err.user_message):
        assert TEST_API_KEY not in text
        assert "SECRET" not in text
    assert "401" in err.detail  # the detail still says what happened
    assert err.__cause__ is None and err.__suppress_context__


async def test_timeout(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Behavior.slow
    settings = openai_settings_for(fake_openai, openai_timeout_seconds=0.3, openai_max_retries=0)
    with pytest.raises(ModelError) as caught:
        await _generate(settings)
    assert caught.value.kind is ModelErrorKind.timeout
    assert "did not answer in time" in caught.value.user_message


async def test_connection_refused_is_a_server_error() -> None:
    async with FakeOpenAI() as server:
        settings = openai_settings_for(server, openai_max_retries=0)
    # The server is closed now: nothing listens on its port.
    with pytest.raises(ModelError) as caught:
        await _generate(settings)
    assert caught.value.kind is ModelErrorKind.server


@pytest.mark.parametrize("mode", list(PromptMode))
async def test_malformed_output_is_bad_output(
    fake_openai: FakeOpenAI, openai_settings: Settings, mode: PromptMode
) -> None:
    fake_openai.default = Behavior.malformed
    with pytest.raises(ModelError) as caught:
        await _generate(openai_settings, mode=mode)
    assert caught.value.kind is ModelErrorKind.bad_output


async def test_wrong_categories_do_not_reach_the_persona(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    fake_openai.default = Behavior.wrong_categories
    history, persona = await _generate(openai_settings)
    expected = build_persona(history, make_signals(history))
    # The model claimed phone / casual / quick / low / needs_follow_up / Q4: all ignored.
    assert persona.communication == expected.communication
    assert persona.decision_making == expected.decision_making
    assert persona.engagement == expected.engagement
    assert persona.buying == expected.buying
    assert persona.communication.preferred_channel == "email"
    assert persona.buying.seasonality == "unknown"
    # The invented trait cites an id not in the history: dropped. Confidence is clamped.
    assert "Invented trait." not in [t.statement for t in persona.traits]
    assert persona.traits[0].confidence == 0.0
    assert all(0 <= t.confidence <= 1 for t in persona.traits)


async def test_json_object_mode_parses_plain_json(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    _, persona = await _generate(openai_settings, mode=PromptMode.json_object)
    assert fake_openai.requests[0]["response_format"] == {"type": "json_object"}
    assert '"summary": string' in fake_openai.requests[0]["messages"][0]["content"]
    assert persona.summary.startswith("Prefers written")


async def test_json_schema_rejected_is_unsupported(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    fake_openai.default = Behavior.reject_json_schema
    with pytest.raises(ModelError) as caught:
        await _generate(openai_settings)
    assert caught.value.kind is ModelErrorKind.unsupported
    assert len(fake_openai.requests) == 1  # a 400 is not retried


def test_generator_requires_a_key() -> None:
    with pytest.raises(ValueError, match="OPENAI_API_KEY"):
        openai_generator(Settings(_env_file=None, openai_api_key=None))


async def test_prose_about_protected_attributes_is_dropped(fake_openai: FakeOpenAI, openai_settings: Settings) -> None:
    fake_openai.default = Behavior.demographics
    _, persona = await _generate(openai_settings)
    text = " ".join([persona.summary, *(t.statement for t in persona.traits), *persona.recommendations]).lower()
    for word in ("year-old", "woman", "catholic", "politically", "jewish"):
        assert word not in text
    assert persona.summary == "Prefers written, well-prepared exchanges and answers email promptly."
    assert "Replies to email within hours." in [t.statement for t in persona.traits]
