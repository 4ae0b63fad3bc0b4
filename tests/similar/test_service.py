"""PersonaService.similar on a real database: ranking, self, workspaces, erasure, backfill."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from crm.json_file import JsonFileAdapter
from crm.models import History
from persona.generators.signals_gen import SignalsGenerator
from persona.similarity import LAYOUT
from persona_bot.service import PersonaService
from storage.repository import PersonaRepository
from storage.vectors import VectorStore

Groups = tuple[list[History], list[History]]


@pytest.fixture
async def service(crm: JsonFileAdapter, database_url: str) -> AsyncIterator[PersonaService]:
    repository = await PersonaRepository.open(database_url)
    service = PersonaService(crm, repository, SignalsGenerator())
    try:
        yield service
    finally:
        await service.aclose()


async def _generate(service: PersonaService, team: str, histories: list[History]) -> None:
    for h in histories:
        await service.get_persona(team_id=team, contact_id=h.contact.id, user_id="U1")


async def test_same_behavior_ranks_above_the_opposite(service: PersonaService, groups: Groups) -> None:
    fast, slow = groups
    await _generate(service, "T1", fast + slow)
    result = await service.similar("T1", fast[0].contact.id, k=7)
    ids = [m.contact_id for m in result.matches]
    assert fast[0].contact.id not in ids  # never itself
    assert set(ids[:3]) == {h.contact.id for h in fast[1:]}
    assert set(ids[3:]) == {h.contact.id for h in slow}
    assert result.compared == 7
    best = result.matches[0]
    assert best.name in {"Bea Costa", "Carla Dias", "Dora Lima"}
    assert best.score > 0.9 > 0.6 > result.matches[-1].score
    assert "quick deciders" in best.shared and "Q4 buyers" in best.shared
    assert best.shared_text.startswith("both ")
    assert "quick deciders" not in result.matches[-1].shared


async def test_other_workspaces_are_never_returned(service: PersonaService, groups: Groups) -> None:
    fast, slow = groups
    # T2 holds the perfect matches; T1 only one look-alike and the opposite group.
    await _generate(service, "T1", [fast[0], fast[1], *slow])
    await _generate(service, "T2", fast[2:])
    result = await service.similar("T1", fast[0].contact.id, k=10)
    ids = {m.contact_id for m in result.matches}
    assert ids == {fast[1].contact.id} | {h.contact.id for h in slow}
    assert result.compared == 5
    in_t2 = await service.similar("T2", fast[2].contact.id, k=10)
    assert [m.contact_id for m in in_t2.matches] == [fast[3].contact.id]


async def test_a_contact_without_a_persona_is_generated_first(service: PersonaService, groups: Groups) -> None:
    fast, slow = groups
    await _generate(service, "T1", [fast[0], *slow])
    result = await service.similar("T1", fast[1].contact.id, k=3)
    assert result.query.generated and result.query.stored.version == 1
    assert result.matches[0].contact_id == fast[0].contact.id
    assert fast[1].contact.id not in {m.contact_id for m in result.matches}
    again = await service.similar("T1", fast[1].contact.id, k=3)
    assert not again.query.generated and again.matches == result.matches


async def test_erased_contacts_leave_no_vectors(service: PersonaService, groups: Groups) -> None:
    fast, slow = groups
    await _generate(service, "T1", fast + slow)
    assert await service.forget(fast[1].contact.id, team_id="T1") == 1
    result = await service.similar("T1", fast[0].contact.id, k=10)
    assert fast[1].contact.id not in {m.contact_id for m in result.matches}
    store = VectorStore(service.repository.engine)
    key = service.key("T1", fast[1].contact.id)
    assert await store.get(key, 1) is None  # deleted with its version (ON DELETE CASCADE)


async def test_backfill_indexes_versions_stored_without_vectors(service: PersonaService, groups: Groups) -> None:
    fast, slow = groups
    repository = service.repository
    for h in [*fast[1:], *slow]:  # stored the way versions from before issue 7 were: no vectors
        persona = await SignalsGenerator().generate(h, _signals(h))

        async def made(p=persona):  # type: ignore[no-untyped-def]
            return p

        await repository.obtain(service.key("T1", h.contact.id), "old", made, user_id=None)
    store = VectorStore(repository.engine)
    assert len(await store.missing(service.crm.name, LAYOUT, "T1")) == 7
    after = await service.similar("T1", fast[0].contact.id, k=3)  # a search indexes them first
    assert {m.contact_id for m in after.matches} == {h.contact.id for h in fast[1:]}
    assert await store.missing(service.crm.name, LAYOUT, "T1") == []
    assert await service.backfill_vectors("T1") == 0


async def test_a_new_version_replaces_the_old_one_in_searches(service: PersonaService, groups: Groups) -> None:
    fast, slow = groups
    await _generate(service, "T1", fast[:2] + slow)
    await service.get_persona(team_id="T1", contact_id=fast[1].contact.id, user_id="U1", regenerate=True)
    result = await service.similar("T1", fast[0].contact.id, k=10)
    look_alike = [m for m in result.matches if m.contact_id == fast[1].contact.id]
    assert len(look_alike) == 1 and look_alike[0].version == 2  # one row per contact: the latest


def _signals(h: History):  # type: ignore[no-untyped-def]
    from persona.signals import compute_signals

    return compute_signals(h)
