"""The get-a-persona use case: reuse, progressive signals, model fallback and its retry."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crm.json_file import JsonFileAdapter
from persona.generators.signals_gen import SignalsGenerator
from persona.models import Persona
from persona_bot.objections import ContactObjected, record_objection
from persona_bot.service import PersonaService
from persona_bot.wiring import build_generator
from storage.repository import PersonaRepository
from tests.builders import deal, email_threads, export_json, history
from tests.fakes.openai_fixtures import openai_settings_for
from tests.fakes.openai_server import Behavior, FakeOpenAI

TEAM = "T1"


@pytest.fixture
async def parts(tmp_path: Path, database_url: str) -> AsyncIterator[tuple[JsonFileAdapter, PersonaRepository, str]]:
    h = history(email_threads(6, reply_after=timedelta(hours=2)), deals=[deal(5), deal(9)], name="Ana Souza")
    export = tmp_path / "export.json"
    export.write_text(export_json(h))
    repository = await PersonaRepository.open(database_url)
    yield JsonFileAdapter(export), repository, h.contact.id
    await repository.close()


async def test_offline_persona_is_generated_once_then_reused(parts) -> None:
    crm, repository, contact_id = parts
    service = PersonaService(crm, repository, SignalsGenerator())
    first = await service.get_persona(team_id=TEAM, contact_id=contact_id, user_id="U1")
    again = await service.get_persona(team_id=TEAM, contact_id=contact_id, user_id="U2")
    assert first.generated and not again.generated
    assert again.stored.version == 1 and again.persona == first.persona
    assert first.persona.decision_making.speed == "quick"
    other_team = await service.get_persona(team_id="T2", contact_id=contact_id, user_id="U3")
    assert other_team.generated and other_team.stored.version == 1  # workspaces never share


async def test_model_prose_arrives_after_the_signals_card(parts, fake_openai: FakeOpenAI) -> None:
    crm, repository, contact_id = parts
    service = PersonaService(crm, repository, build_generator(openai_settings_for(fake_openai)))
    early: list[Persona] = []

    async def on_signals(persona: Persona) -> None:
        assert not fake_openai.requests  # shown before the model is even asked
        early.append(persona)

    result = await service.get_persona(team_id=TEAM, contact_id=contact_id, user_id="U1", on_signals=on_signals)
    assert [p.generator.name for p in early] == ["signals"]
    assert result.persona.generator.name == "openai" and result.persona.usage.prompt_tokens > 0
    assert result.persona.decision_making == early[0].decision_making  # categories from signals


async def test_a_second_asker_sees_the_measured_card_while_the_first_generation_runs(parts) -> None:
    """The early card comes before the generation lock: someone asking for a contact that is
    being generated sees the signals at once, then shares the one generation."""
    crm, repository, contact_id = parts
    async with FakeOpenAI(default=Behavior.slow, slow_seconds=1.0) as slow_model:
        service = PersonaService(crm, repository, build_generator(openai_settings_for(slow_model)))
        first_card = asyncio.Event()
        first_still_generating: list[bool] = []

        async def first_on_signals(persona: Persona) -> None:
            first_card.set()

        first = asyncio.create_task(
            service.get_persona(team_id=TEAM, contact_id=contact_id, user_id="U1", on_signals=first_on_signals)
        )
        await first_card.wait()  # U1 now generates, holding the lock, waiting on the model

        async def second_on_signals(persona: Persona) -> None:
            first_still_generating.append(not first.done())

        second = await service.get_persona(
            team_id=TEAM, contact_id=contact_id, user_id="U2", on_signals=second_on_signals
        )
        await first
        await service.settle()  # the generation's background indexing, before the database closes

    assert first_still_generating == [True]  # U2's card came before U1's model answered
    assert not second.generated and second.stored.version == 1  # one generation for both
    assert len(slow_model.requests) == 1


async def test_an_objection_during_a_generation_refuses_everyone_waiting_for_it(parts) -> None:
    """The second asker saw the measured card and waited on the first one's generation; an
    objection recorded meanwhile refuses both (and nothing stays stored)."""
    crm, repository, contact_id = parts
    async with FakeOpenAI(default=Behavior.slow, slow_seconds=1.0) as slow_model:
        service = PersonaService(crm, repository, build_generator(openai_settings_for(slow_model)))
        cards = asyncio.Queue[str]()

        def card_for(user: str):  # type: ignore[no-untyped-def]
            async def on_signals(persona: Persona) -> None:
                cards.put_nowait(user)

            return on_signals

        askers = [
            asyncio.create_task(
                service.get_persona(team_id=TEAM, contact_id=contact_id, user_id=user, on_signals=card_for(user))
            )
            for user in ("U1", "U2")
        ]
        assert {await cards.get(), await cards.get()} == {"U1", "U2"}  # both saw the measured card
        contact = (await crm.history(contact_id)).contact
        await record_objection(service, contact, recorded_by="U9", reason="asked by phone")
        outcomes = await asyncio.gather(*askers, return_exceptions=True)
        await service.settle()

    assert [type(o) for o in outcomes] == [ContactObjected, ContactObjected]
    assert await repository.latest(service.key(TEAM, contact_id)) is None


async def test_adding_a_model_upgrades_a_cached_offline_persona(parts, fake_openai: FakeOpenAI) -> None:
    crm, repository, contact_id = parts
    await PersonaService(crm, repository, SignalsGenerator()).get_persona(
        team_id=TEAM, contact_id=contact_id, user_id="U1"
    )
    service = PersonaService(crm, repository, build_generator(openai_settings_for(fake_openai)))
    upgraded = await service.get_persona(team_id=TEAM, contact_id=contact_id, user_id="U1")
    assert upgraded.generated and upgraded.stored.version == 2
    assert upgraded.persona.generator.name == "openai"


async def test_model_failure_falls_back_and_is_retried_later(parts, fake_openai: FakeOpenAI) -> None:
    crm, repository, contact_id = parts
    settings = openai_settings_for(fake_openai, openai_max_retries=0)
    fake_openai.script(Behavior.unauthorized)
    patient = PersonaService(crm, repository, build_generator(settings))
    failed = await patient.get_persona(team_id=TEAM, contact_id=contact_id, user_id="U1")
    assert failed.fallback_reason == "the language model rejected the API key"
    assert failed.persona.generator.name == "signals"
    cached = await patient.get_persona(team_id=TEAM, contact_id=contact_id, user_id="U1")
    assert not cached.generated  # a fresh fallback is not retried on every request
    eager = PersonaService(crm, repository, build_generator(settings), retry_fallback_after=timedelta(0))
    retried = await eager.get_persona(team_id=TEAM, contact_id=contact_id, user_id="U1")
    assert retried.generated and retried.fallback_reason is None
    assert retried.changes is not None  # what changed since the fallback version


async def test_lookup_suggests_close_names(parts) -> None:
    crm, repository, _ = parts
    service = PersonaService(crm, repository, SignalsGenerator())
    found = await service.lookup("Ana Suza")
    assert found.matches == [] and [c.name for c in found.suggestions] == ["Ana Souza"]


async def test_retention_setting_prunes_old_versions_when_the_service_opens(tmp_path: Path) -> None:
    from sqlalchemy import update

    from persona_bot.service import open_service
    from persona_bot.settings import Settings
    from storage.tables import PersonaVersion

    h = history(email_threads(4, reply_after=timedelta(hours=2)), name="Ana Souza")
    export = tmp_path / "export.json"
    export.write_text(export_json(h))
    settings = Settings(
        _env_file=None,
        crm_adapter="json",
        crm_json_path=export,  # type: ignore[call-arg]
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'p.db'}",
    )
    async with open_service(settings) as service:
        for _ in range(3):
            await service.get_persona(team_id=TEAM, contact_id=h.contact.id, user_id="U1", regenerate=True)
        async with service.repository.engine.begin() as connection:
            await connection.execute(update(PersonaVersion).values(created_at=datetime.now(UTC) - timedelta(days=90)))
    async with open_service(settings.model_copy(update={"persona_retention_days": 30})) as service:
        for _ in range(100):  # the pruning task runs right after opening
            kept = [entry.stored.version for entry in await service.versions(TEAM, h.contact.id)]
            if kept != [1, 2, 3]:
                break
            await asyncio.sleep(0.05)
    assert kept == [3]  # old versions gone, the latest kept
