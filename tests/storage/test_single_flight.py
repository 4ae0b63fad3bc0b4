"""Concurrent requests for one contact cause exactly one generation."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from sqlalchemy import select

from persona.models import Persona
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from storage.tables import AuditRow
from tests.builders import make_persona

KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-1")
ROOT = Path(__file__).resolve().parents[2]


class SlowGenerator:
    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self) -> Persona:
        self.calls += 1
        await asyncio.sleep(0.2)  # long enough for every caller to pile up behind the lock
        return make_persona()


async def test_twenty_concurrent_requests_generate_once(repo: PersonaRepository) -> None:
    generate = SlowGenerator()

    results = await asyncio.gather(*(repo.obtain(KEY, "fp-a", generate, user_id=f"U{n}") for n in range(20)))

    assert generate.calls == 1
    assert sum(generated for _, generated in results) == 1
    assert {stored.version for stored, _ in results} == {1}
    assert len(await repo.versions(KEY)) == 1


async def test_twenty_concurrent_regenerates_generate_once(repo: PersonaRepository) -> None:
    await repo.obtain(KEY, "fp-a", SlowGenerator(), user_id="U0")
    generate = SlowGenerator()

    results = await asyncio.gather(
        *(repo.obtain(KEY, "fp-a", generate, user_id=f"U{n}", force=True) for n in range(20))
    )

    assert generate.calls == 1
    assert {stored.version for stored, _ in results} == {2}
    assert len(await repo.versions(KEY)) == 2


async def test_many_contacts_generating_at_once(repo: PersonaRepository) -> None:
    """More simultaneous generations (25) than the connection pool holds (5 + 10 overflow):
    the advisory locks must not starve the lock holders of connections."""
    generate = SlowGenerator()
    keys = [KEY.model_copy(update={"contact_id": f"c-{n}"}) for n in range(25)]

    results = await asyncio.gather(*(repo.obtain(k, "fp", generate, user_id=None) for k in keys))

    assert generate.calls == 25
    assert all(generated for _, generated in results)
    assert {stored.key for stored, _ in results} == set(keys)


async def test_concurrent_processes_store_one_version(
    repo: PersonaRepository, database_url: str, tmp_path: Path
) -> None:
    """4 processes x 5 concurrent calls. PostgreSQL: one generation in all (advisory lock).
    SQLite has no cross-process lock: the unique constraint still keeps one version."""
    generations = tmp_path / "generations.log"
    generations.touch()
    workers = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.storage.obtain_worker",
            database_url,
            "5",
            str(generations),
            cwd=ROOT,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(4)
    ]
    outputs = [await worker.communicate() for worker in workers]

    for worker, (_, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err.decode()
    results = [tuple(r) for out, _ in outputs for r in json.loads(out)]
    assert len(results) == 20
    assert {version for version, _ in results} == {1}
    assert sum(generated for _, generated in results) == 1
    stored = await repo.versions(KEY.model_copy(update={"contact_id": "c-cross"}))
    assert [v.version for v in stored] == [1]
    if repo.engine.dialect.name == "postgresql":
        assert len(generations.read_text().splitlines()) == 1


async def test_two_instances_on_one_database_store_one_version(database_url: str) -> None:
    """Separate repositories share no in-process lock: PostgreSQL's advisory lock still gives
    one generation; on SQLite the unique constraint keeps one version and the loser's
    discarded generation is audited (it cost tokens)."""
    first = await PersonaRepository.open(database_url)
    second = await PersonaRepository.open(database_url)
    sqlite = first.engine.dialect.name == "sqlite"
    both_generating = asyncio.Event()
    calls = 0

    async def generate() -> Persona:
        nonlocal calls
        calls += 1
        if calls == 2:
            both_generating.set()
        if sqlite:  # make the race certain: both instances generate before either stores
            await asyncio.wait_for(both_generating.wait(), timeout=10)
        else:
            await asyncio.sleep(0.2)
        return make_persona()

    try:
        results = await asyncio.gather(
            first.obtain(KEY, "fp-a", generate, user_id="U1"),
            second.obtain(KEY, "fp-a", generate, user_id="U2"),
        )

        assert {stored.version for stored, _ in results} == {1}
        assert sum(generated for _, generated in results) == 1
        assert len(await first.versions(KEY)) == 1
        async with first.engine.connect() as connection:
            outcomes = (await connection.scalars(select(AuditRow.outcome))).all()
        if not sqlite:
            assert calls == 1
            assert outcomes == ["ok"]
        else:
            assert calls == 2
            assert sorted(outcomes) == ["discarded: concurrent version", "ok"]
    finally:
        await first.close()
        await second.close()


async def test_regenerates_one_after_another_each_make_a_version(repo: PersonaRepository) -> None:
    generate = SlowGenerator()
    await repo.obtain(KEY, "fp-a", generate, user_id="U1")
    await repo.obtain(KEY, "fp-a", generate, user_id="U1", force=True)
    stored, generated = await repo.obtain(KEY, "fp-a", generate, user_id="U1", force=True)

    assert (generated, stored.version, generate.calls) == (True, 3, 3)
