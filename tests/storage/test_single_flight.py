"""Concurrent requests for one contact cause exactly one generation."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from persona.models import Persona
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from tests.storage.factories import make_persona

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

    results = await asyncio.gather(
        *(repo.obtain(KEY, "fp-a", generate, user_id=f"U{n}") for n in range(20))
    )

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


async def test_other_keys_do_not_wait_for_each_other(repo: PersonaRepository) -> None:
    generate = SlowGenerator()
    keys = [KEY.model_copy(update={"contact_id": f"c-{n}"}) for n in range(5)]

    results = await asyncio.gather(*(repo.obtain(k, "fp", generate, user_id=None) for k in keys))

    assert generate.calls == 5
    assert all(generated for _, generated in results)


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
