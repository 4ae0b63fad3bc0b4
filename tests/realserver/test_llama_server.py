"""Opt-in: the model layer against a real llama-cpp-python server with a small GGUF model.

Skipped unless the `llama` extra is installed (`.ci/run` installs it and runs this). Proves
what issue 11 found broken: json_schema refused (HTTP 500) -> JSON mode at once, no retries;
a valid persona whose categories are the signals'; one embedding failure only, per process.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from crm.json_file import JsonFileAdapter
from persona.signals import compute_signals
from persona_bot.service import PersonaService
from persona_bot.settings import Settings
from persona_bot.similar import Similarity
from persona_bot.wiring import build_embedder, build_generator
from storage.repository import PersonaRepository
from tests.builders import deal, email_threads, export_json, history
from tests.fakes import llama_server
from tests.fakes.recording_proxy import RecordingProxy

pytestmark = pytest.mark.skipif(not llama_server.available(), reason="needs the llama extra: pip install -e '.[llama]'")

# What a tiny model may legitimately get wrong; "unavailable" would mean the layer failed.
ACCEPTABLE_FALLBACKS = {
    "the language model returned unusable output",
    "the language model's prose contradicted the measured evidence",
    "the language model did not answer in time",
}


@pytest.fixture(scope="module")
def server_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with llama_server.llama_server(tmp_path_factory.mktemp("llama")) as root:
        yield root


@pytest.fixture
async def service_parts(
    tmp_path: Path, server_root: str
) -> AsyncIterator[tuple[PersonaService, RecordingProxy, list[str]]]:
    contacts = [
        history(email_threads(6, reply_after=timedelta(hours=2)), deals=[deal(5), deal(9)], name="Ana Souza"),
        history(email_threads(5, reply_after=None, chasers=1), deals=[deal(60), deal(75)], name="Tom Berg"),
    ]
    export = tmp_path / "export.json"
    export.write_text(export_json(*contacts))
    async with RecordingProxy(server_root) as proxy:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            openai_api_key="sk-local",  # type: ignore[arg-type]
            openai_base_url=proxy.url,
            persona_model=llama_server.MODEL_ALIAS,
            openai_timeout_seconds=600,
        )
        repository = await PersonaRepository.open(f"sqlite+aiosqlite:///{tmp_path / 'p.db'}")
        similarity = Similarity(repository, build_embedder(settings), settings.similar_text_weight)
        service = PersonaService(JsonFileAdapter(export), repository, build_generator(settings), similarity=similarity)
        try:
            yield service, proxy, [c.contact.id for c in contacts]
        finally:
            await service.aclose()


async def test_real_server_json_mode_once_and_embeddings_once(service_parts) -> None:  # type: ignore[no-untyped-def]
    service, proxy, contact_ids = service_parts
    per_persona: list[list[tuple[str, int, str]]] = []
    for contact_id in contact_ids:
        start = len(proxy.exchanges)
        result = await service.get_persona(team_id="T1", contact_id=contact_id, user_id="U1")
        await service.settle()  # the similar-contacts vector (and its text embedding) is indexed
        exchanges = proxy.since(start)
        per_persona.append(
            [(x.path, x.status, json.loads(x.body).get("response_format", {}).get("type", "")) for x in exchanges]
        )
        persona = result.persona
        signals = compute_signals(await service.crm.history(contact_id))
        assert persona.communication.preferred_channel == signals.preferred_channel.value
        assert persona.communication.formality == signals.formality.value
        assert persona.engagement.responsiveness == signals.responsiveness.value
        assert persona.decision_making.speed == signals.decision_speed.value
        assert persona.decision_making.price_sensitivity == signals.price_sensitivity.value
        assert persona.buying.seasonality == signals.seasonality.value
        reason = persona.generator.fallback_reason
        assert reason is None or reason in ACCEPTABLE_FALLBACKS, reason
        if reason is None:
            assert persona.generator.name == "openai" and persona.summary
            assert persona.generator.structured_output == "json_object"
        assert persona.generator.model_data in {"redacted", "none"}

    first, later = per_persona
    chat = "/v1/chat/completions"
    # json_schema refused once (llama-cpp-python answers HTTP 500), no SDK retries, then JSON mode.
    assert first[0][:1] == (chat,) and first[0][1] >= 400 and first[0][2] == "json_schema", first
    assert first[1][0] == chat and first[1][2] == "json_object", first
    assert [x for x in first if x[0] == chat and x[2] == "json_schema"] == [first[0]]
    # Embeddings: the one failed call, then never again in this process.
    assert [x[0] for x in first].count("/v1/embeddings") == 1, first
    assert next(x for x in first if x[0] == "/v1/embeddings")[1] >= 400
    assert [x[0] for x in later if x[0] != chat] == [], later
    assert all(x[2] == "json_object" for x in later), later
    # A tiny model may be cut off or write junk: then one more JSON-mode try is not made either.
    assert len(later) == 1, later
