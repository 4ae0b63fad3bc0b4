"""`export` holds every stored row about the contact and nothing about anyone else."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from persona_bot.corrections import correct, vote
from persona_bot.export import export_contact
from persona_bot.objections import record_objection
from persona_bot.service import PersonaService
from storage.subject_export import SUBJECT_TABLES
from storage.tables import Base
from tests.privacy.crm import CONTACTS, MARIA, MARIA_DUP


async def test_export_holds_every_row_about_the_contact_and_no_one_else(service: PersonaService) -> None:
    for team in ("T1", "T2"):
        for contact in await service.crm.list_contacts():
            await service.get_persona(team_id=team, contact_id=contact.id, user_id="U1")
    await service.get_persona(team_id="T1", contact_id=MARIA, user_id="U2", regenerate=True)
    await service.get_persona(team_id="T1", contact_id=MARIA, user_id="U3")  # a cached view (audit)
    service.share_later("T1", MARIA, channel_id="C1", message_ts="1.1", thread_ts=None, version=2, shared_by="U2")
    service.share_later("T1", "c-ana", channel_id="C1", message_ts="1.2", thread_ts=None, version=1, shared_by="U2")
    await correct(service, "T1", MARIA, "formality", "casual", note="writes casually to us", user_id="U2")
    await correct(service, "T1", "c-ana", "formality", "casual", note="Ana's note", user_id="U2")
    await vote(service, "T1", MARIA, 2, "U3", accurate=False)
    await vote(service, "T1", "c-ana", 1, "U3", accurate=True)
    await service.settle()
    maria = (await service.crm.history(MARIA)).contact

    await service.repository.flush_writes()
    expected: dict[str, int] = {}
    async with service.repository.engine.connect() as connection:
        for table in SUBJECT_TABLES:
            query = select(func.count()).select_from(table).where(table.c.contact_id == MARIA)
            expected[table.name] = int(await connection.scalar(query) or 0)

    document = await export_contact(service, maria, requested_by="cli:op")

    stored = document["stored"]
    assert {name: len(rows) for name, rows in stored.items()} == expected  # every row about her
    assert sorted((v["team_id"], v["version"]) for v in stored["persona_versions"]) == [("T1", 1), ("T1", 2), ("T2", 1)]
    trait_evidence = stored["persona_versions"][0]["persona"]["traits"][0]["evidence"]
    assert trait_evidence and all(e.startswith(MARIA) for e in trait_evidence)  # evidence ids kept
    assert len(stored["shares"]) == 1 and len(stored["persona_vectors"]) == 3
    assert [c["note"] for c in stored["persona_corrections"]] == ["writes casually to us"]
    assert [v["accurate"] for v in stored["persona_votes"]] == [False]
    assert {e["event"] for e in stored["audit_events"]} >= {"generate", "regenerate", "view", "share"}
    text = json.dumps(document)
    for other in CONTACTS:
        if other["id"] not in (MARIA,):
            assert other["id"] not in text.replace(MARIA, "") and other["name"] not in text
    assert document["subject"]["contact_id"] == MARIA and document["counts"]["persona_versions"] == 3


async def test_export_after_an_objection_shows_the_objection_not_the_address(service: PersonaService) -> None:
    duplicate = (await service.crm.history(MARIA_DUP)).contact
    await record_objection(service, duplicate, recorded_by="U9", reason="asked by phone")
    maria = (await service.crm.history(MARIA)).contact
    document = await export_contact(service, maria, requested_by="cli:op")
    [objection] = document["stored"]["suppressions"]  # matched through the normalised e-mail
    assert objection["contact_id"] == MARIA_DUP and objection["reason"] == "asked by phone"
    assert "northwind" not in json.dumps(document["stored"]).lower()
    assert "Ana's note" not in json.dumps(document)


def test_every_table_about_contacts_is_exported() -> None:
    """A new table with a contact_id column must be added to SUBJECT_TABLES (one line)."""
    about_contacts = {t.name for t in Base.metadata.sorted_tables if "contact_id" in t.c}
    assert about_contacts == {t.name for t in SUBJECT_TABLES}
