"""The repository on a real database: cache, versions, shares, audit, erasure, retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import event, select, text, update

from persona.diff import diff_personas
from persona.models import Persona
from storage.records import AuditEvent, PersonaKey, Reason
from storage.repository import PersonaRepository
from storage.tables import AuditRow, PersonaVersion, ShareRow
from tests.builders import make_persona
from tests.storage.pg import asyncpg_dsn

KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-1")


class Generator:
    """Counts calls and hands out the personas it was given, in turn."""

    def __init__(self, *personas: Persona) -> None:
        self.personas = list(personas) or [make_persona()]
        self.calls = 0

    async def __call__(self) -> Persona:
        persona = self.personas[min(self.calls, len(self.personas) - 1)]
        self.calls += 1
        return persona


async def audit_rows(repo: PersonaRepository) -> list[AuditRow]:
    async with repo.engine.connect() as connection:
        return list((await connection.execute(select(AuditRow).order_by(AuditRow.id))).all())


async def test_first_request_generates_and_stores_version_one(repo: PersonaRepository) -> None:
    generate = Generator()
    assert await repo.latest(KEY) is None

    stored, generated = await repo.obtain(KEY, "fp-a", generate, user_id="U1")

    assert generated is True
    assert generate.calls == 1
    assert (stored.version, stored.reason, stored.requested_by) == (1, Reason.first, "U1")
    assert stored.latency_ms is not None and stored.latency_ms >= 0
    latest = await repo.latest(KEY)
    assert latest is not None
    assert latest.persona == make_persona()
    assert latest.fingerprint == "fp-a"
    assert latest.created_at.tzinfo is not None


async def test_same_fingerprint_is_a_cache_hit(repo: PersonaRepository) -> None:
    generate = Generator()
    first, _ = await repo.obtain(KEY, "fp-a", generate, user_id="U1")

    again, generated = await repo.obtain(KEY, "fp-a", generate, user_id="U2")

    assert generated is False
    assert generate.calls == 1
    assert again == first


async def test_changed_history_makes_a_new_version(repo: PersonaRepository) -> None:
    generate = Generator(make_persona(), make_persona(channel="phone"))
    await repo.obtain(KEY, "fp-a", generate, user_id="U1")

    stored, generated = await repo.obtain(KEY, "fp-b", generate, user_id="U1")

    assert generated is True
    assert (stored.version, stored.reason) == (2, Reason.history_changed)
    assert [v.fingerprint for v in await repo.versions(KEY)] == ["fp-a", "fp-b"]


async def test_regenerate_always_makes_a_new_version(repo: PersonaRepository) -> None:
    generate = Generator()
    await repo.obtain(KEY, "fp-a", generate, user_id="U1")

    stored, generated = await repo.obtain(KEY, "fp-a", generate, user_id="U2", force=True)

    assert generated is True
    assert generate.calls == 2
    assert (stored.version, stored.reason, stored.requested_by) == (2, Reason.regenerate, "U2")


async def test_versions_oldest_first_and_their_diff(repo: PersonaRepository) -> None:
    old = make_persona(traits=["Replies within a day to emails", "Negotiates hard on price"])
    new = make_persona(channel="phone", traits=["Replies within a day to emails", "Buys in Q4"])
    generate = Generator(old, new)
    await repo.obtain(KEY, "fp-a", generate, user_id="U1")
    await repo.obtain(KEY, "fp-b", generate, user_id="U1")

    first, second = await repo.versions(KEY)

    assert (first.version, second.version) == (1, 2)
    lines = diff_personas(first.persona, second.persona).lines()
    assert lines == [
        "Preferred channel: email → phone",
        "+ trait: Buys in Q4",
        "− trait: Negotiates hard on price",
    ]


async def test_keys_are_separate_per_team_and_crm(repo: PersonaRepository) -> None:
    other_team = KEY.model_copy(update={"team_id": "T2"})
    generate = Generator()
    await repo.obtain(KEY, "fp-a", generate, user_id=None)
    await repo.obtain(other_team, "fp-a", generate, user_id=None)

    assert generate.calls == 2
    assert await repo.keys_for_contact("demo", "c-1") == [KEY, other_team]
    assert await repo.latest(KEY.model_copy(update={"crm": "hubspot"})) is None


async def test_generation_error_writes_nothing_but_an_audit_row(repo: PersonaRepository) -> None:
    await repo.obtain(KEY, "fp-a", Generator(), user_id="U1")

    async def failing() -> Persona:
        raise TimeoutError("model took too long; key sk-secret")

    with pytest.raises(TimeoutError):
        await repo.obtain(KEY, "fp-b", failing, user_id="U1")

    assert [v.version for v in await repo.versions(KEY)] == [1]
    last = (await audit_rows(repo))[-1]
    assert (last.event, last.outcome) == ("generate", "error: TimeoutError")


async def test_failure_after_the_persona_row_rolls_back_the_whole_write(
    repo: PersonaRepository,
) -> None:
    await repo.obtain(KEY, "fp-a", Generator(), user_id="U1")

    def fail_audit_insert(_conn, _cursor, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO AUDIT_EVENTS"):
            raise RuntimeError("disk full")

    event.listen(repo.engine.sync_engine, "before_cursor_execute", fail_audit_insert)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            await repo.obtain(KEY, "fp-b", Generator(make_persona(channel="phone")), user_id="U1")
    finally:
        event.remove(repo.engine.sync_engine, "before_cursor_execute", fail_audit_insert)

    latest = await repo.latest(KEY)
    assert latest is not None
    assert (latest.version, latest.fingerprint) == (1, "fp-a")
    assert len(await repo.versions(KEY)) == 1
    # The next request still works and takes the next version number.
    stored, generated = await repo.obtain(KEY, "fp-b", Generator(), user_id="U1")
    assert (generated, stored.version) == (True, 2)


async def test_generation_is_audited_with_usage(repo: PersonaRepository) -> None:
    await repo.obtain(KEY, "fp-a", Generator(make_persona(tokens=(300, 50))), user_id="U1")
    await repo.obtain(KEY, "fp-a", Generator(), user_id="U2", force=True)
    await repo.audit(AuditEvent.view, KEY, "U3", "ok")

    rows = await audit_rows(repo)

    assert [(r.event, r.user_id, r.outcome) for r in rows] == [
        ("generate", "U1", "ok"),
        ("regenerate", "U2", "ok"),
        ("view", "U3", "ok"),
    ]
    assert (rows[0].prompt_tokens, rows[0].completion_tokens) == (300, 50)
    assert rows[0].cost_usd == pytest.approx(0.0012)


async def test_first_share_per_channel_is_canonical(repo: PersonaRepository) -> None:
    repo.share_later(KEY, "C1", "111.1", None, 1, "U1")
    await repo.flush_writes()
    repo.share_later(KEY, "C1", "222.2", "111.1", 2, "U2")  # written later: the first stays
    repo.share_later(KEY, "C2", "333.3", None, 2, "U2")
    await repo.flush_writes()

    first, other = await repo.find_share(KEY, "C1"), await repo.find_share(KEY, "C2")
    assert first is not None and (first.message_ts, first.version, first.shared_by) == ("111.1", 1, "U1")
    assert other is not None and other.message_ts == "333.3"
    assert await repo.find_share(KEY, "C3") is None


async def test_forget_erases_every_trace_of_content(repo: PersonaRepository) -> None:
    secret_summary = "Zyx-unique-summary prefers long lunches"
    persona = make_persona(name="Quentin Quux", summary=secret_summary)
    other = PersonaKey(team_id="T1", crm="demo", contact_id="c-2")
    await repo.obtain(KEY, "fp-a", Generator(persona), user_id="U1")
    await repo.obtain(KEY, "fp-b", Generator(persona), user_id="U1")
    await repo.obtain(KEY.model_copy(update={"team_id": "T2"}), "fp-a", Generator(persona), user_id=None)
    await repo.obtain(other, "fp-a", Generator(make_persona("c-2", name="Bo Bramblewick")), user_id="U1")
    repo.share_later(KEY, "C1", "111.1", None, 1, "U1")

    deleted = await repo.forget("demo", "c-1", user_id="U9")

    assert deleted == 3
    assert await repo.latest(KEY) is None
    assert await repo.find_share(KEY, "C1") is None
    assert await repo.latest(other) is not None  # other contacts untouched
    async with repo.engine.connect() as connection:
        for table in ("persona_versions", "shares", "audit_events"):
            rows = (await connection.execute(text(f"SELECT * FROM {table}"))).all()
            dump = repr(rows)
            assert "Quentin" not in dump and "Zyx-unique-summary" not in dump, table
        remaining = await connection.scalar(select(PersonaVersion.id).where(PersonaVersion.contact_id == "c-1"))
        assert remaining is None
        shares = await connection.scalar(select(ShareRow.id).where(ShareRow.contact_id == "c-1"))
        assert shares is None
    erase = (await audit_rows(repo))[-1]
    assert (erase.event, erase.contact_id, erase.user_id) == ("erase", "c-1", "U9")
    if repo.engine.dialect.name == "sqlite":  # secure_delete: not even in the file's free pages
        async with repo.engine.connect() as connection:
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(repo.engine.url.database or "")
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert b"Zyx-unique-summary" not in raw
        assert b"Bramblewick" in raw  # the scan does see live content


async def test_forget_can_be_scoped_to_one_team(repo: PersonaRepository) -> None:
    other_team = KEY.model_copy(update={"team_id": "T2"})
    await repo.obtain(KEY, "fp-a", Generator(), user_id=None)
    await repo.obtain(other_team, "fp-a", Generator(), user_id=None)

    assert await repo.forget("demo", "c-1", team_id="T2") == 1
    assert await repo.latest(KEY) is not None
    assert await repo.latest(other_team) is None


async def test_prune_deletes_old_versions_but_keeps_each_latest(repo: PersonaRepository) -> None:
    lonely = PersonaKey(team_id="T1", crm="demo", contact_id="c-9")
    for n in range(3):
        await repo.obtain(KEY, f"fp-{n}", Generator(), user_id=None)
    await repo.obtain(lonely, "fp-0", Generator(), user_id=None)
    long_ago = datetime.now(UTC) - timedelta(days=400)
    async with repo.engine.begin() as connection:  # age everything but KEY's version 3
        await connection.execute(
            update(PersonaVersion)
            .where((PersonaVersion.contact_id == "c-9") | (PersonaVersion.version < 3))
            .values(created_at=long_ago)
        )

    assert await repo.prune(retention_days=30) == 2

    assert [v.version for v in await repo.versions(KEY)] == [3]
    assert [v.version for v in await repo.versions(lonely)] == [1]  # old, but the latest
    assert await repo.prune(retention_days=30) == 0


async def test_reads_survive_the_server_dropping_pooled_connections(repo: PersonaRepository, database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("a server that can drop connections")
    await repo.obtain(KEY, "fp", Generator(), user_id=None)
    assert await repo.latest(KEY) is not None  # a pooled connection now exists
    admin = await asyncpg.connect(asyncpg_dsn(database_url))  # outside the pool: a restart or failover
    try:
        killed = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    finally:
        await admin.close()
    assert killed >= 1  # the pooled connection is gone
    stored = await repo.latest(KEY)
    assert stored is not None and stored.version == 1
