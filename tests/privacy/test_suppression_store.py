"""The suppression list in the database (SQLite and PostgreSQL): match, withdraw, survive pruning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from persona_bot.objections import email_hash
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from storage.suppressions import SuppressionStore
from storage.tables import AuditRow, PersonaVersion
from tests.builders import make_persona

HASH = email_hash("maria.keller@northwind.example")


async def test_matches_by_id_in_its_crm_and_by_email_in_any(database_url: str) -> None:
    repo = await PersonaRepository.open(database_url)
    try:
        store = SuppressionStore(repo.engine)
        objection, new = await store.add("demo", "c1", HASH, recorded_by="U1", reason="asked by phone")
        assert new and objection.reason == "asked by phone" and objection.recorded_by == "U1"
        again, new_again = await store.add("demo", "c1", HASH, recorded_by="U2", reason=None)
        assert not new_again and again.recorded_by == "U1"  # the first record stands
        assert await store.find("demo", "c1", None) is not None
        assert await store.find("hubspot", "c1", None) is None  # an id means something only in its CRM
        plus = email_hash("Maria.Keller+crm@Northwind.example")
        assert await store.find("hubspot", "9001", plus) is not None  # the same person elsewhere
        assert await store.find("demo", "c2", email_hash("someone@else.example")) is None
        assert await store.remove("hubspot", "9001", plus, removed_by="cli") == 1
        assert await store.find("demo", "c1", HASH) is None
        async with repo.engine.connect() as connection:
            events = (await connection.execute(select(AuditRow.event, AuditRow.user_id))).all()
        assert [tuple(e) for e in events] == [("object", "U1"), ("withdraw", "cli")]
    finally:
        await repo.close()


async def test_retention_pruning_keeps_the_list(database_url: str) -> None:
    repo = await PersonaRepository.open(database_url)
    try:
        store = SuppressionStore(repo.engine)
        await store.add("demo", "c1", HASH, recorded_by="U1", reason=None)
        key = PersonaKey(team_id="T1", crm="demo", contact_id="c2")

        async def generate():  # type: ignore[no-untyped-def]
            return make_persona()

        await repo.obtain(key, "a", generate, user_id=None)
        await repo.obtain(key, "b", generate, user_id=None)
        async with repo.engine.begin() as connection:
            old = datetime.now(UTC) - timedelta(days=400)
            await connection.execute(update(PersonaVersion).values(created_at=old))
        assert await repo.prune(30) == 1
        [kept] = await store.all()
        assert kept.contact_id == "c1" and kept.email_hash == HASH
    finally:
        await repo.close()
