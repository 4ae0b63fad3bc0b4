"""Text embeddings: OpenAI through the fake server, failures that never break a persona, and
the local model from the optional extra with every network connection refused."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np
import pytest

from crm.json_file import JsonFileAdapter
from crm.models import History
from persona.embeddings import OpenAIEmbedder, local_available
from persona.generators.signals_gen import SignalsGenerator
from persona.similarity import text_for_embedding
from persona_bot.service import PersonaService
from persona_bot.similar import Similarity
from persona_bot.wiring import build_embedder, openai_embedder
from storage.repository import PersonaRepository
from storage.vectors import VectorStore
from tests.fakes.openai_fixtures import openai_settings_for
from tests.fakes.openai_server import FakeOpenAI

Groups = tuple[list[History], list[History]]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def repository(database_url: str) -> AsyncIterator[PersonaRepository]:
    repository = await PersonaRepository.open(database_url)
    try:
        yield repository
    finally:
        await repository.close()


async def test_openai_embeddings_are_stored_and_blended(
    crm: JsonFileAdapter, repository: PersonaRepository, groups: Groups, fake_openai: FakeOpenAI
) -> None:
    settings = openai_settings_for(fake_openai, persona_embedding_model="text-embedding-3-small")
    embedder = build_embedder(settings)
    assert isinstance(embedder, OpenAIEmbedder)
    service = PersonaService(crm, repository, SignalsGenerator(), similarity=Similarity(repository, embedder, 0.25))
    fast, slow = groups
    for h in fast + slow:
        await service.get_persona(team_id="T1", contact_id=h.contact.id, user_id="U1")
    await service.settle()  # vectors are indexed in the background
    # Computed once per stored version: asking again embeds nothing more.
    requests = len(fake_openai.embedding_requests)
    assert requests == 8
    await service.get_persona(team_id="T1", contact_id=fast[0].contact.id, user_id="U1")
    await service.settle()
    assert len(fake_openai.embedding_requests) == requests
    body = fake_openai.embedding_requests[0]
    assert body["model"] == "text-embedding-3-small"
    assert fast[0].contact.name not in str(body["input"])  # summary and traits, no names

    record = await VectorStore(repository.engine).get(service.key("T1", fast[0].contact.id), 1)
    assert record is not None and record.text_model == "openai:text-embedding-3-small"
    assert record.text_embedding is not None and record.text_embedding.shape == (16,)
    assert abs(float(np.linalg.norm(record.text_embedding)) - 1.0) < 1e-5

    result = await service.similar("T1", fast[0].contact.id, k=7)
    assert [m.contact_id for m in result.matches][:3] != [] and fast[0].contact.id not in {
        m.contact_id for m in result.matches
    }
    for match in result.matches:
        assert match.text_score is not None
        assert abs(match.score - (0.75 * match.behavior_score + 0.25 * match.text_score)) < 1e-3
    assert {m.contact_id for m in result.matches[:3]} == {h.contact.id for h in fast[1:]}
    await embedder.aclose()


async def test_a_failing_embedding_service_never_breaks_a_persona(
    crm: JsonFileAdapter, repository: PersonaRepository, groups: Groups, fake_openai: FakeOpenAI
) -> None:
    port = fake_openai.port
    await fake_openai.__aexit__(None, None, None)  # nothing listens there any more
    settings = openai_settings_for(
        fake_openai, openai_max_retries=0, openai_timeout_seconds=2.0, openai_base_url=f"http://127.0.0.1:{port}/v1"
    )
    embedder = openai_embedder(settings)
    service = PersonaService(crm, repository, SignalsGenerator(), similarity=Similarity(repository, embedder))
    fast, _ = groups
    for h in fast:
        result = await service.get_persona(team_id="T1", contact_id=h.contact.id, user_id="U1")
        assert result.generated
    await service.settle()
    record = await VectorStore(repository.engine).get(service.key("T1", fast[0].contact.id), 1)
    assert record is not None and record.text_embedding is None and record.behavior.any()
    similar = await service.similar("T1", fast[0].contact.id, k=3)
    assert len(similar.matches) == 3 and all(m.text_score is None for m in similar.matches)
    await embedder.aclose()


async def test_auto_embeddings_fail_once_and_behavior_vectors_go_on(
    crm: JsonFileAdapter, repository: PersonaRepository, groups: Groups, fake_openai: FakeOpenAI
) -> None:
    fake_openai.embeddings_error = (500, "Llama model must be created with embedding=True to call this method")
    embedder = build_embedder(openai_settings_for(fake_openai))  # auto mode with a key
    assert isinstance(embedder, OpenAIEmbedder)
    service = PersonaService(crm, repository, SignalsGenerator(), similarity=Similarity(repository, embedder, 0.25))
    fast, slow = groups
    for h in fast + slow:
        result = await service.get_persona(team_id="T1", contact_id=h.contact.id, user_id="U1")
        assert result.generated
        await service.settle()
    assert len(fake_openai.embedding_requests) == 1  # the first failure only: no retries, no re-asking
    for h in fast + slow:
        record = await VectorStore(repository.engine).get(service.key("T1", h.contact.id), 1)
        assert record is not None and record.text_embedding is None and record.behavior.any()
    similar = await service.similar("T1", fast[0].contact.id, k=3)
    assert len(similar.matches) == 3
    await embedder.aclose()


def test_no_key_and_auto_means_no_text_embeddings() -> None:
    from persona_bot.settings import Settings

    assert build_embedder(Settings(_env_file=None, openai_api_key=None)) is None  # type: ignore[call-arg]
    assert build_embedder(Settings(_env_file=None, openai_api_key="sk-x", persona_embeddings="off")) is None  # type: ignore[call-arg, arg-type]


_OFFLINE_SCRIPT = textwrap.dedent(
    """
    import asyncio, socket, sys

    def refuse(event, args):
        if event in ("socket.connect", "socket.getaddrinfo"):
            raise OSError(f"network access attempted: {event} {args[1:]!r}")

    sys.addaudithook(refuse)

    from persona.embeddings import LocalEmbedder

    async def main():
        embedder = LocalEmbedder()
        a, b, c = await embedder.embed([
            "Replies to email within hours and decides quickly.",
            "Answers emails fast and makes quick decisions.",
            "Rarely answers; negotiates hard on price for months.",
        ])
        print(embedder.model, a.shape[0], round(float(a @ b), 3), round(float(a @ c), 3))

    asyncio.run(main())
    """
)


@pytest.mark.skipif(not local_available(), reason="needs the persona-bot[embeddings] extra")
def test_local_model_embeds_with_no_network() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    done = subprocess.run(
        [sys.executable, "-c", _OFFLINE_SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    model, dimensions, close, far = done.stdout.split()[-4:]
    assert model == "local:all-MiniLM-L6-v2" and dimensions == "384"
    assert float(close) > float(far) + 0.2


def test_embedded_text_is_summary_and_traits_without_the_name(groups: Groups) -> None:
    from persona.generators.signals_gen import build_persona
    from persona.signals import compute_signals

    h = groups[0][0]
    persona = build_persona(h, compute_signals(h))
    text = text_for_embedding(persona)
    assert persona.traits and persona.traits[0].statement.split(":")[0] in text
    assert h.contact.name not in text and h.contact.name.split()[0] not in text
