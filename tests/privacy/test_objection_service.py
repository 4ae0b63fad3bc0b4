"""After an objection every path through the service refuses and nothing is stored;
a duplicate CRM record with the same e-mail is refused too; withdrawing restores."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from crm.models import Contact, History
from persona.generators.signals_gen import SignalsGenerator
from persona.models import Persona, Signals
from persona_bot.corrections import correct, vote
from persona_bot.objections import ContactObjected, record_objection, withdraw_objection
from persona_bot.service import PersonaService
from storage.subject_export import rows_about
from tests.privacy.crm import MARIA, MARIA_DUP, MARIA_EMAIL

TEAMS = ("T1", "T2")


async def _contact(service: PersonaService, contact_id: str) -> Contact:
    return (await service.crm.history(contact_id)).contact


async def _stored_rows(service: PersonaService, contact_id: str) -> dict[str, int]:
    rows = await rows_about(service.repository.engine, service.crm.name, contact_id)
    """Rows about the contact per table, tables without any left out (audit and objections are kept)."""
    kept = ("audit_events", "suppressions")
    return {table: len(found) for table, found in rows.items() if found and table not in kept}


async def _profile_everyone(service: PersonaService) -> None:
    for team in TEAMS:
        for contact in await service.crm.list_contacts():
            await service.get_persona(team_id=team, contact_id=contact.id, user_id="U1")
    await service.settle()


async def test_objection_erases_and_every_service_path_refuses(service: PersonaService) -> None:
    await _profile_everyone(service)
    await correct(service, "T1", MARIA, "formality", "casual", note="she writes casually to us", user_id="U2")
    await vote(service, "T2", MARIA, 1, "U3", accurate=True)
    service.share_later("T1", MARIA, channel_id="C1", message_ts="1.1", thread_ts=None, version=1, shared_by="U1")
    maria = await _contact(service, MARIA)
    result = await record_objection(service, maria, recorded_by="U9", reason="asked by e-mail")
    assert result.new and result.erased == 2  # one version in each workspace
    assert await _stored_rows(service, MARIA) == {}

    # Similar as a result: the duplicate record (same person by e-mail, profiled before the
    # objection) is left out, though its vectors are still stored.
    similar = await service.similar("T1", "c-bruno", k=10)
    listed = {m.contact_id for m in similar.matches}
    assert listed == {"c-ana", "c-tom"} and similar.compared == 2
    for team in TEAMS:
        for contact_id in (MARIA, MARIA_DUP):
            with pytest.raises(ContactObjected):
                await service.get_persona(team_id=team, contact_id=contact_id, user_id="U1")
            with pytest.raises(ContactObjected):
                await service.get_persona(team_id=team, contact_id=contact_id, user_id="U1", regenerate=True)
            with pytest.raises(ContactObjected):  # similar as the query
                await service.similar(team, contact_id)
    # The duplicate's leftovers were erased on its first refusal; nothing new was stored.
    for contact_id in (MARIA, MARIA_DUP):
        assert await _stored_rows(service, contact_id) == {}
    with pytest.raises(ContactObjected):
        await service.versions("T1", MARIA)


async def test_withdrawing_restores_normal_behaviour(service: PersonaService) -> None:
    maria = await _contact(service, MARIA)
    await record_objection(service, maria, recorded_by="U9", reason=None)
    duplicate = await _contact(service, MARIA_DUP)
    assert duplicate.email != MARIA_EMAIL  # Maria.Keller+crm@Northwind.example: matched once normalised
    assert await withdraw_objection(service, duplicate, withdrawn_by="U9") == 1  # lifted through the twin
    result = await service.get_persona(team_id="T1", contact_id=MARIA, user_id="U1")
    assert result.generated and result.stored.version == 1
    assert await withdraw_objection(service, maria, withdrawn_by="U9") == 0


class ObjectionDuringGeneration(SignalsGenerator):
    """Signals, but the contact objects while their persona is being generated."""

    def __init__(self) -> None:
        self.service: PersonaService | None = None

    async def generate(self, history: History, signals: Signals | None = None, *, notes: Sequence[str] = ()) -> Persona:
        assert self.service is not None
        await record_objection(self.service, history.contact, recorded_by="U9", reason=None)
        return await super().generate(history, signals, notes=notes)


async def test_an_objection_recorded_during_a_generation_wins(service: PersonaService) -> None:
    racing = ObjectionDuringGeneration()
    service.generator = racing
    racing.service = service
    with pytest.raises(ContactObjected):
        await service.get_persona(team_id="T1", contact_id=MARIA, user_id="U1")
    assert await _stored_rows(service, MARIA) == {}
