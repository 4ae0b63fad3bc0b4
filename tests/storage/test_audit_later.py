"""Audits written off the caller's path: batched, and never lost on close."""

from __future__ import annotations

from sqlalchemy import select

from storage.records import AuditEvent, PersonaKey
from storage.repository import PersonaRepository
from storage.tables import AuditRow
from tests.builders import make_persona

KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-1")


async def _events(repo: PersonaRepository) -> list[tuple[str, str | None, str]]:
    async with repo.engine.connect() as connection:
        rows = (await connection.execute(select(AuditRow).order_by(AuditRow.id))).all()
    return [(r.event, r.user_id, r.outcome) for r in rows]


async def test_queued_audits_are_written_in_order_on_flush(repo: PersonaRepository) -> None:
    for user in ("U1", "U2", "U3"):
        repo.audit_later(AuditEvent.view, KEY, user, "cached")
    await repo.flush_writes()
    repo.audit_later(AuditEvent.view, KEY, "U4", "cached")  # a new batch after the first
    await repo.flush_writes()

    assert await _events(repo) == [("view", f"U{i}", "cached") for i in range(1, 5)]


async def test_close_writes_the_audits_still_queued(database_url: str) -> None:
    repo = await PersonaRepository.open(database_url)
    repo.audit_later(AuditEvent.view, KEY, "U1", "cached")
    await repo.close()  # no flush asked for

    reopened = await PersonaRepository.open(database_url)
    try:
        assert await _events(reopened) == [("view", "U1", "cached")]
    finally:
        await reopened.close()


async def test_share_is_audited_in_its_own_transaction(repo: PersonaRepository) -> None:
    repo.share_later(KEY, "C1", "111.1", None, 1, "U1", audit="posted")
    repo.share_later(KEY, "C2", "222.2", None, 1, "U2")  # no audit asked for
    await repo.flush_writes()

    assert await _events(repo) == [("share", "U1", "posted")]


async def test_version_before_skips_pruned_gaps(repo: PersonaRepository) -> None:
    async def persona():  # type: ignore[no-untyped-def]
        return make_persona()

    for fingerprint in ("fp-a", "fp-b", "fp-c"):
        await repo.obtain(KEY, fingerprint, persona, user_id="U1")

    before_three = await repo.version_before(KEY, 3)
    assert before_three is not None and before_three.version == 2
    assert await repo.version_before(KEY, 1) is None
