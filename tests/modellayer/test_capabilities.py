"""Structured output and embeddings on servers that lack them: learned once per base URL."""

from __future__ import annotations

import logging

import pytest

from persona.embeddings import EmbeddingsOff, OpenAIEmbedder
from persona.generators.base import ModelErrorKind
from persona.generators.chain import FallbackGenerator
from persona.prompts import PromptMode
from persona_bot.settings import Settings
from persona_bot.wiring import build_embedder, openai_generator
from tests.builders import make_history, make_signals
from tests.fakes.openai_fixtures import openai_settings_for
from tests.fakes.openai_server import Behavior, FakeOpenAI


def _formats(server: FakeOpenAI) -> list[str]:
    return [body["response_format"]["type"] for body in server.requests]


@pytest.mark.parametrize("refusal", [Behavior.reject_json_schema_500, Behavior.reject_json_schema_422])
async def test_json_schema_refused_on_any_status_switches_to_json_mode_without_retries(
    fake_openai: FakeOpenAI, openai_settings: Settings, refusal: Behavior
) -> None:
    fake_openai.default = refusal
    history = make_history(20)
    first_chain = FallbackGenerator(openai_generator(openai_settings))
    try:
        first = await first_chain.attempt(history, make_signals(history))
    finally:
        await first_chain.aclose()
    # One refusal (no SDK retries of the 500), then JSON mode with the schema in the prompt.
    assert _formats(fake_openai) == ["json_schema", "json_object"]
    assert '"summary": string' in fake_openai.requests[1]["messages"][0]["content"]
    assert first.error is None
    assert first.persona.generator.name == "openai"
    assert first.persona.generator.structured_output == "json_object"
    assert first.persona.summary.startswith("Prefers written")

    # A new generator for the same base URL (the next /persona) asks in JSON mode at once.
    second_chain = FallbackGenerator(openai_generator(openai_settings))
    try:
        second = await second_chain.attempt(history, make_signals(history))
    finally:
        await second_chain.aclose()
    assert _formats(fake_openai) == ["json_schema", "json_object", "json_object"]
    assert second.persona.generator.structured_output == "json_object"
    assert second_chain.mode is PromptMode.json_object


async def test_learned_per_base_url(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Behavior.reject_json_schema_500
    history = make_history(10)
    async with FakeOpenAI() as capable:
        for server in (fake_openai, capable):
            chain = FallbackGenerator(openai_generator(openai_settings_for(server)))
            try:
                await chain.attempt(history, make_signals(history))
            finally:
                await chain.aclose()
        assert _formats(capable) == ["json_schema"]  # the other server's lesson does not leak
    assert _formats(fake_openai) == ["json_schema", "json_object"]


async def test_server_without_any_structured_output_gives_signals_and_is_not_asked_again(
    fake_openai: FakeOpenAI, openai_settings: Settings
) -> None:
    fake_openai.default = Behavior.reject_response_format
    history = make_history(20)
    chain = FallbackGenerator(openai_generator(openai_settings))
    try:
        first = await chain.attempt(history, make_signals(history))
        second = await chain.attempt(history, make_signals(history))
    finally:
        await chain.aclose()
    assert _formats(fake_openai) == ["json_schema", "json_object"]  # and nothing for the second
    for outcome in (first, second):
        assert outcome.error is not None and outcome.error.kind is ModelErrorKind.unsupported
        assert outcome.persona.generator.name == "signals"
        assert "does not support structured output" in (outcome.persona.generator.fallback_reason or "")
    assert first.persona.generator.model_data == "redacted"  # it did see the prompt once
    assert second.persona.generator.model_data == "none"  # no request was made
    assert chain.mode is None


async def test_plain_500_is_still_retried_and_unavailable(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Behavior.server_error  # a 500 that names no feature
    history = make_history(10)
    chain = FallbackGenerator(openai_generator(openai_settings_for(fake_openai, openai_max_retries=1)))
    try:
        outcome = await chain.attempt(history, make_signals(history))
    finally:
        await chain.aclose()
    assert outcome.error is not None and outcome.error.kind is ModelErrorKind.server
    assert _formats(fake_openai) == ["json_schema", "json_schema"]  # one retry, no JSON-mode switch


@pytest.mark.parametrize(
    "failure",
    [(404, "Not Found"), (500, "Llama model must be created with embedding=True to call this method")],
)
async def test_embeddings_fail_once_per_base_url(
    fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture, failure: tuple[int, str]
) -> None:
    fake_openai.embeddings_error = failure
    settings = openai_settings_for(fake_openai)  # PERSONA_EMBEDDINGS=auto, a key: OpenAI embeddings
    assert settings.persona_embeddings == "auto"
    caplog.set_level(logging.WARNING)
    for _ in range(3):  # three personas, each with a fresh embedder (as a restart-free process)
        embedder = build_embedder(settings)
        assert isinstance(embedder, OpenAIEmbedder)
        try:
            with pytest.raises(EmbeddingsOff):
                await embedder.embed(["Prefers email."])
        finally:
            await embedder.aclose()
    assert len(fake_openai.embedding_requests) == 1  # no retries, and never asked again
    warnings = [r for r in caplog.records if "text embeddings failed" in r.getMessage()]
    assert len(warnings) == 1


async def test_explicit_openai_embeddings_keep_trying(fake_openai: FakeOpenAI) -> None:
    fake_openai.embeddings_error = (404, "Not Found")
    settings = openai_settings_for(fake_openai, persona_embeddings="openai")
    embedder = build_embedder(settings)
    assert isinstance(embedder, OpenAIEmbedder)
    try:
        for _ in range(2):
            with pytest.raises(Exception) as caught:
                await embedder.embed(["Prefers email."])
            assert not isinstance(caught.value, EmbeddingsOff)
    finally:
        await embedder.aclose()
    assert len(fake_openai.embedding_requests) == 2
