"""PERSONA_MODEL_DATA: what CRM data may reach the language model, end to end through the service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from crm.json_file import JsonFileAdapter
from persona.generators.signals_gen import SignalsGenerator
from persona_bot.service import PersonaService
from persona_bot.settings import Settings
from persona_bot.similar import Similarity
from persona_bot.wiring import build_embedder, build_generator
from storage.repository import PersonaRepository
from tests.builders import T0, deal, email_threads, export_json, history, msg
from tests.fakes.openai_fixtures import openai_settings_for
from tests.fakes.openai_server import FakeOpenAI

# Words planted in every kind of free text; none may reach the model in `signals` mode.
BODY, SUBJECT, NOTE, DEAL, TITLE = "zebraquartz", "plumtangent", "vortexmaple", "saffronkite", "marigoldvex"
NAME = "Hedda Quillfeather"


def _contact_history():  # type: ignore[no-untyped-def]
    items = email_threads(6, reply_after=timedelta(hours=3), body=f"Dear team, {BODY} works for us. Kind regards")
    items += [
        msg("email", "inbound", T0 + timedelta(days=50), "Short reply.", subject=f"Re: {SUBJECT} rollout"),
        msg("note", "outbound", T0 + timedelta(days=51), f"Call notes: {NOTE} budget, call +49 30 1234567"),
    ]
    h = history(items, deals=[deal(10), deal(12)], name=NAME)
    deals = [h.deals[0].model_copy(update={"name": f"Renewal {DEAL}"}), *h.deals[1:]]
    return h.model_copy(update={"deals": deals, "contact": h.contact.model_copy(update={"title": f"Head of {TITLE}"})})


@pytest.fixture
async def crm_and_repository(tmp_path: Path) -> AsyncIterator[tuple[JsonFileAdapter, PersonaRepository, str]]:
    h = _contact_history()
    export = tmp_path / "export.json"
    export.write_text(export_json(h))
    repository = await PersonaRepository.open(f"sqlite+aiosqlite:///{tmp_path / 'p.db'}")
    yield JsonFileAdapter(export), repository, h.contact.id
    await repository.close()


async def _persona(settings: Settings, parts: tuple[JsonFileAdapter, PersonaRepository, str]):  # type: ignore[no-untyped-def]
    crm, repository, contact_id = parts
    similarity = Similarity(repository, build_embedder(settings), settings.similar_text_weight)
    service = PersonaService(crm, repository, build_generator(settings), similarity=similarity)
    result = await service.get_persona(team_id="T1", contact_id=contact_id, user_id="U1")
    await service.settle()
    await service.generator.aclose()
    if similarity.embedder is not None:
        await similarity.embedder.aclose()
    return result.persona


def _sent(server: FakeOpenAI) -> str:
    chats = ["\n".join(m["content"] for m in body["messages"]) for body in server.requests]
    embeddings = [str(body["input"]) for body in server.embedding_requests]
    return "\n".join(chats + embeddings)


async def test_signals_only_sends_no_crm_text(fake_openai: FakeOpenAI, crm_and_repository) -> None:  # type: ignore[no-untyped-def]
    persona = await _persona(openai_settings_for(fake_openai, persona_model_data="signals"), crm_and_repository)
    assert persona.generator.name == "openai" and persona.generator.model_data == "signals"
    assert len(fake_openai.requests) == 1
    sent = _sent(fake_openai)
    for planted in (BODY, SUBJECT, NOTE, DEAL, TITLE, "Hedda", "Quillfeather", "1234567", "Kind regards"):
        assert planted.lower() not in sent.lower(), planted
    assert '"preferred_channel"' in sent and "interactions" in sent  # the signals and counts do go


async def test_redacted_sends_text_without_personal_data(fake_openai: FakeOpenAI, crm_and_repository) -> None:  # type: ignore[no-untyped-def]
    persona = await _persona(openai_settings_for(fake_openai), crm_and_repository)  # the default
    assert persona.generator.model_data == "redacted"
    sent = _sent(fake_openai)
    assert BODY in sent and SUBJECT in sent and NOTE in sent and NAME in sent  # text and name go
    assert "1234567" not in sent and "[phone]" in sent


async def test_none_keeps_the_model_off_even_with_a_key(fake_openai: FakeOpenAI, crm_and_repository) -> None:  # type: ignore[no-untyped-def]
    settings = openai_settings_for(fake_openai, persona_model_data="none")
    assert isinstance(build_generator(settings), SignalsGenerator)
    persona = await _persona(settings, crm_and_repository)
    assert persona.generator.name == "signals" and persona.generator.model_data == "none"
    assert fake_openai.requests == [] and fake_openai.embedding_requests == []  # no request at all


def test_persona_redact_off_means_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERSONA_REDACT", "off")
    assert Settings(_env_file=None).persona_model_data == "full"  # type: ignore[call-arg]
    monkeypatch.setenv("PERSONA_MODEL_DATA", "signals")  # the explicit setting wins
    assert Settings(_env_file=None).persona_model_data == "signals"  # type: ignore[call-arg]
    monkeypatch.delenv("PERSONA_REDACT")
    monkeypatch.delenv("PERSONA_MODEL_DATA")
    assert Settings(_env_file=None).persona_model_data == "redacted"  # type: ignore[call-arg]
