"""Shares and audits written off the caller's path (storage.later): batched, seen at once,
never lost on close, never outliving an erasure."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from storage.engine import write_transaction
from storage.records import AuditEvent, PersonaKey
from storage.repository import PersonaRepository
from storage.tables import AuditRow, ShareRow

KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-1")


async def _count(repo: PersonaRepository, table: type[ShareRow] | type[AuditRow]) -> int:
    async with repo.engine.connect() as connection:
        return int((await connection.execute(select(func.count()).select_from(table))).scalar_one())


async def test_a_queued_share_is_found_before_it_is_written_and_the_first_stays(repo: PersonaRepository) -> None:
    repo.share_later(KEY, "C1", "111.1", None, 1, "U1", audit="posted")
    repo.share_later(KEY, "C1", "222.2", None, 2, "U2", audit="posted")  # same channel: not canonical

    share = await repo.find_share(KEY, "C1")
    assert share is not None and share.message_ts == "111.1"
    await repo.flush_writes()

    written = await repo.find_share(KEY, "C1")
    assert written is not None and (written.message_ts, written.version) == ("111.1", 1)
    assert await _count(repo, ShareRow) == 1
    assert await _count(repo, AuditRow) == 2  # both posts are audited


async def test_a_burst_of_shares_is_written_in_few_transactions(repo: PersonaRepository) -> None:
    for n in range(50):
        repo.share_later(KEY, f"C{n}", f"{n}.0", None, 1, "U1", audit="posted")
        repo.audit_later(AuditEvent.view, KEY, "U1", "cached")
    await repo.flush_writes()

    assert await _count(repo, ShareRow) == 50 and await _count(repo, AuditRow) == 100
    assert [s.channel_id for s in await repo.shares_of(KEY)] == [f"C{n}" for n in range(50)]


async def test_close_writes_what_is_queued(database_url: str) -> None:
    repo = await PersonaRepository.open(database_url)
    repo.share_later(KEY, "C1", "111.1", "100.0", 1, "U1")
    await repo.close()

    reopened = await PersonaRepository.open(database_url)
    try:
        share = await reopened.find_share(KEY, "C1")
        assert share is not None and share.thread_ts == "100.0"
    finally:
        await reopened.close()


async def test_an_erasure_also_erases_a_share_still_queued(repo: PersonaRepository) -> None:
    repo.share_later(KEY, "C1", "111.1", None, 1, "U1")
    await repo.forget("demo", "c-1")
    await asyncio.sleep(0.05)  # nothing left to write it afterwards

    assert await repo.find_share(KEY, "C1") is None
    assert await _count(repo, ShareRow) == 0


async def test_a_failed_write_transaction_leaves_nothing_and_the_next_one_works(repo: PersonaRepository) -> None:
    """Reads skip the driver's ROLLBACK (autocommit); a write must still roll back whole."""
    share = {"team_id": "T1", "crm": "demo", "contact_id": "c-1", "message_ts": "1.0", "version": 1}
    with pytest.raises(RuntimeError):
        async with write_transaction(repo.engine) as connection:
            await connection.execute(insert(ShareRow).values(channel_id="C1", **share))
            raise RuntimeError("the second statement failed")
    assert await _count(repo, ShareRow) == 0

    async with write_transaction(repo.engine) as connection:
        await connection.execute(insert(ShareRow).values(channel_id="C2", **share))
    assert await _count(repo, ShareRow) == 1


async def test_flush_waits_for_what_was_queued_not_for_a_steady_stream(repo: PersonaRepository) -> None:
    repo.share_later(KEY, "C1", "111.1", None, 1, "U1", audit="posted")
    streaming = True

    async def stream() -> None:  # views keep arriving, as in a busy workspace
        while streaming:
            repo.audit_later(AuditEvent.view, KEY, "U2", "cached")
            await asyncio.sleep(0)

    viewer = asyncio.create_task(stream())
    try:
        await asyncio.wait_for(repo.flush_writes(), 10)
        assert await _count(repo, ShareRow) == 1  # what was queued before the flush is written
    finally:
        streaming = False
        await viewer
    await repo.flush_writes()


async def test_a_batch_on_a_connection_the_server_dropped_is_written_on_a_new_one(
    repo: PersonaRepository,
) -> None:
    if repo.engine.dialect.name != "postgresql":
        pytest.skip("a server that drops connections: PostgreSQL")
    repo.audit_later(AuditEvent.view, KEY, "U1", "cached")
    await repo.flush_writes()  # the pool now holds a connection
    outsider = create_async_engine(repo.engine.url, poolclass=NullPool)
    try:  # the server ends every other session, the pooled one included
        async with outsider.connect() as connection:
            await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
    finally:
        await outsider.dispose()

    repo.share_later(KEY, "C1", "111.1", None, 1, "U1")
    await repo.flush_writes()

    assert await _count(repo, ShareRow) == 1
