"""What team corrections (issue 12) add to every card: FeedbackStore.load (corrections + vote
counts, one connection) among 10,000 contacts, and apply_corrections' CPU time.

    python bench/corrections.py                      # SQLite (temp file)
    python bench/corrections.py --pg postgresql+asyncpg://postgres@127.0.0.1:5432/test
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

from persona.corrections import apply_corrections
from persona.models import Correction
from storage.corrections import FeedbackStore
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from storage.tables import CorrectionRow, VoteRow
from tests.builders import make_persona
from tests.storage.pg import fresh_database

TEAM, CRM = "T-bench", "demo"


async def populate(repo: PersonaRepository, contacts: int) -> None:
    """Every 5th contact has two corrections; every contact has 3 votes on version 1."""
    now = datetime.now(UTC)
    corrections, votes = [], []
    for n in range(contacts):
        key = {"team_id": TEAM, "crm": CRM, "contact_id": f"c{n}"}
        if n % 5 == 0:
            for field, value in (("preferred_channel", "phone"), ("formality", "casual")):
                corrections.append(
                    {
                        **key,
                        "field": field,
                        "value": value,
                        "note": "moved to calls since the reorg",
                        "user_id": "U1",
                        "version": 1,
                        "measured_value": "email",
                        "measured_confidence": 0.9,
                        "kept_at": None,
                        "created_at": now,
                    }
                )
        for user in ("U1", "U2", "U3"):
            votes.append({**key, "version": 1, "user_id": user, "accurate": user != "U3", "created_at": now})
    async with repo.engine.begin() as connection:
        await connection.execute(insert(CorrectionRow), corrections)
        await connection.execute(insert(VoteRow), votes)


async def measure(url: str, contacts: int, samples: int) -> list[float]:
    repo = await PersonaRepository.open(url)
    try:
        await populate(repo, contacts)
        store = FeedbackStore(repo.engine)
        timings = []
        for _ in range(samples):
            key = PersonaKey(team_id=TEAM, crm=CRM, contact_id=f"c{random.randrange(contacts)}")
            start = time.perf_counter()
            await store.load(key, 1)
            timings.append((time.perf_counter() - start) * 1000)
        return timings
    finally:
        await repo.close()


def report(label: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    p50 = statistics.median(ordered)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    print(f"{label}: load(corrections + votes) p50 {p50:.2f} ms, p99 {p99:.2f} ms ({len(ordered)} samples)")


def overlay_cost(samples: int = 2_000) -> None:
    persona = make_persona()
    fixes = [
        Correction(field="preferred_channel", value="phone", by="U1", at=datetime.now(UTC)),
        Correction(field="formality", value="casual", by="U1", at=datetime.now(UTC)),
    ]
    for label, given in (("no corrections", []), ("two corrections", fixes)):
        start = time.perf_counter()
        for _ in range(samples):
            apply_corrections(persona, given)
        per = (time.perf_counter() - start) * 1000 / samples
        print(f"apply_corrections, {label}: {per:.3f} ms per persona")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=2_000)
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}"
        report("SQLite", await measure(url, args.contacts, args.samples))
    if args.pg:
        async with fresh_database(args.pg) as url:
            report("PostgreSQL", await measure(url, args.contacts, args.samples))
    overlay_cost()


if __name__ == "__main__":
    asyncio.run(main())
