"""Latency of PersonaRepository.latest(key) among 10,000 stored contacts (target p99 <= 5 ms).

    python bench/storage.py                      # SQLite (temp file)
    python bench/storage.py --pg postgresql+asyncpg://postgres@127.0.0.1:5432/test
    TEST_DATABASE_URL=... python bench/storage.py   # same as --pg

PostgreSQL runs in a throwaway database created next to the given one and dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from persona.models import Persona
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from storage.tables import PersonaVersion
from tests.builders import make_persona
from tests.storage.pg import fresh_database

TEAM, CRM = "T-bench", "demo"


def persona(contact_id: str) -> Persona:
    """A realistically sized persona (five traits, a long summary) to store 10,000 times."""
    return make_persona(
        contact_id,
        name=f"Contact {contact_id}",
        summary="Answers quickly by email, deliberate on price, buys in Q4. " * 3,
        traits=[f"Trait {n}" for n in range(5)],
    )


async def populate(repo: PersonaRepository, contacts: int, versions: int) -> None:
    """Bulk insert (the cache path is not what is measured here)."""
    payload = persona("template").model_dump(mode="json")
    now = datetime.now(UTC)
    rows = [
        {
            "team_id": TEAM,
            "crm": CRM,
            "contact_id": f"c-{n}",
            "version": v,
            "persona": {**payload, "contact": {**payload["contact"], "id": f"c-{n}"}},
            "fingerprint": f"{n:064x}",
            "generator": "signals",
            "model": None,
            "prompt_tokens": 0,
            "completion_tokens": 0,
            "cost_usd": 0.0,
            "latency_ms": 1,
            "requested_by": None,
            "reason": "first" if v == 1 else "history_changed",
            "created_at": now,
        }
        for n in range(contacts)
        for v in range(1, versions + 1)
    ]
    async with repo.engine.begin() as connection:
        for start in range(0, len(rows), 1000):
            await connection.execute(insert(PersonaVersion), rows[start : start + 1000])


async def measure(url: str, contacts: int, versions: int, samples: int) -> list[float]:
    repo = await PersonaRepository.open(url)
    try:
        await populate(repo, contacts, versions)
        keys = [PersonaKey(team_id=TEAM, crm=CRM, contact_id=f"c-{random.randrange(contacts)}") for _ in range(samples)]
        for key in keys[:200]:  # warm up pool, statement caches
            await repo.latest(key)
        timings = []
        for key in keys:
            start = time.perf_counter()
            stored = await repo.latest(key)
            timings.append((time.perf_counter() - start) * 1000)
            assert stored is not None and stored.version == versions
        return timings
    finally:
        await repo.close()


def report(label: str, timings: list[float]) -> None:
    cuts = statistics.quantiles(timings, n=100)
    p50, p99 = cuts[49], cuts[98]
    verdict = "OK" if p99 <= 5 else "over target"
    print(
        f"{label:<11} latest(key): p50 {p50:.2f} ms  p99 {p99:.2f} ms  "
        f"max {max(timings):.2f} ms  (n={len(timings)}, target p99 <= 5 ms: {verdict})"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--versions", type=int, default=2, help="versions stored per contact")
    parser.add_argument("--samples", type=int, default=5_000)
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"))
    args = parser.parse_args()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{args.contacts} contacts x {args.versions} versions, {args.samples} lookups "
        f"({os.cpu_count()} CPUs, load average {load}: tails grow on a busy machine)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        report("SQLite", await measure(url, args.contacts, args.versions, args.samples))
    if args.pg:
        async with fresh_database(args.pg) as url:
            report("PostgreSQL", await measure(url, args.contacts, args.versions, args.samples))


if __name__ == "__main__":
    asyncio.run(main())
