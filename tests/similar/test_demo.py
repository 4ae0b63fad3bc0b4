"""On the bundled demo CRM: contacts planted with the same behaviors rank above the opposite."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from crm.demo import demo_adapter
from persona.generators.signals_gen import SignalsGenerator
from persona.similarity import CATEGORIES
from persona_bot.service import PersonaService
from storage.repository import PersonaRepository

THIN = {"c05", "c06", "c14", "c30"}  # no history at all: every field unknown


@pytest.fixture
async def service(database_url: str) -> AsyncIterator[PersonaService]:
    try:
        crm = demo_adapter()
    except FileNotFoundError:
        pytest.skip("crm/data/demo.json is not there")
    repository = await PersonaRepository.open(database_url)
    service = PersonaService(crm, repository, SignalsGenerator())
    for contact in await crm.list_contacts():
        await service.get_persona(team_id="T1", contact_id=contact.id, user_id="U1")
    try:
        yield service
    finally:
        await service.aclose()


async def test_planted_look_alikes_rank_first(service: PersonaService) -> None:
    # Maria Keller (email, formal, responsive, deliberate, Q4) is Siobhán Ó Briain but for price.
    keller = await service.similar("T1", "c01", k=29)
    ranked = [m.contact_id for m in keller.matches]
    assert ranked[0] == "c15" and "c01" not in ranked
    assert ranked.index("c15") < ranked.index("c20") < ranked.index("c05")  # Lucía: chat, casual, quick, Q2
    assert {"prefer email", "formal writers", "responsive", "deliberate deciders", "Q4 buyers"} <= set(
        keller.matches[0].shared
    )
    # Lucía Fernández and Jonas Petersen: casual, responsive, quick, low price sensitivity, Q2, rising.
    lucia = await service.similar("T1", "c20", k=29)
    ranked = [m.contact_id for m in lucia.matches]
    assert ranked[0] == "c02" and ranked.index("c02") < ranked.index("c24")  # Erik: the opposite on most


async def test_empty_histories_are_never_similar(service: PersonaService) -> None:
    result = await service.similar("T1", "c08", k=29)
    scores = {m.contact_id: m.score for m in result.matches}
    assert all(scores[c] == 0.0 for c in THIN)
    assert all(m.score > 0 for m in result.matches if m.contact_id not in THIN)


async def test_more_shared_behaviors_rank_higher_for_every_contact(service: PersonaService) -> None:
    contacts = [c.id for c in await service.crm.list_contacts() if c.id not in THIN]
    personas = {c: (await service.repository.latest(service.key("T1", c))).persona for c in contacts}  # type: ignore[union-attr]

    def agree(a: str, b: str) -> int:
        mine, theirs = personas[a], personas[b]
        return sum(1 for f in CATEGORIES if f.read(mine) != "unknown" and f.read(mine) == f.read(theirs))

    for query in contacts:
        ranked = [m.contact_id for m in (await service.similar("T1", query, k=29)).matches]
        assert query not in ranked
        alike = [c for c in contacts if c != query and agree(query, c) >= 5]
        opposite = [c for c in contacts if c != query and agree(query, c) <= 1]
        for a in alike:
            for o in opposite:
                assert ranked.index(a) < ranked.index(o), (query, a, o)
