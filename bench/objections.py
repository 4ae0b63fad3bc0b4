"""What the do-not-profile check costs a request: the check alone, among 10,000 objections,
and a cached `get_persona` with it (issue 16).

    python bench/objections.py                   # SQLite (temp file)
    python bench/objections.py --pg postgresql+asyncpg://postgres@127.0.0.1:5432/test

Every persona request runs the check once (by id and e-mail): one indexed read on the
suppressions table (PostgreSQL plans it as a BitmapOr of the two indexes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from crm.demo import demo_adapter
from persona.generators.signals_gen import SignalsGenerator
from persona_bot.objections import email_hash
from persona_bot.service import PersonaService
from storage.repository import PersonaRepository
from storage.tables import SuppressionRow, utcnow
from tests.storage.pg import fresh_database

OBJECTIONS = 10_000
RUNS = 500


async def timed(work: Callable[[], Awaitable[object]]) -> tuple[float, float]:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        await work()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


async def nothing(contact_id: str, email: str | None) -> None:
    return None


async def measure(url: str) -> None:
    repository = await PersonaRepository.open(url)
    service = PersonaService(demo_adapter(), repository, SignalsGenerator())
    try:
        rows = [
            {
                "crm": "demo",
                "contact_id": f"x{n}",
                "email_hash": email_hash(f"p{n}@example.com"),
                "created_at": utcnow(),
            }
            for n in range(OBJECTIONS)
        ]
        async with repository.engine.begin() as connection:
            await connection.execute(insert(SuppressionRow), rows)
        contact = (await service.crm.list_contacts())[0]
        await service.get_persona(team_id="T", contact_id=contact.id, user_id="bench")
        check = await timed(lambda: service.refuse_objected(contact.id, contact.email))
        request = lambda: service.get_persona(team_id="T", contact_id=contact.id, user_id="b", compare=False)  # noqa: E731
        cached = await timed(request)
        checked = service.refuse_objected
        service.refuse_objected = nothing  # type: ignore[method-assign]
        unchecked = await timed(request)
        service.refuse_objected = checked  # type: ignore[method-assign]
        print(
            f"{repository.engine.dialect.name:<10} one check p50 {check[0]:.2f} ms p99 {check[1]:.2f} ms · "
            f"cached get_persona p50 {cached[0]:.2f} ms p99 {cached[1]:.2f} ms, "
            f"without the checks p50 {unchecked[0]:.2f} ms p99 {unchecked[1]:.2f} ms"
        )
    finally:
        await service.aclose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        await measure(f"sqlite+aiosqlite:///{directory}/bench.db")
    if args.pg:
        async with fresh_database(args.pg) as url:
            await measure(url)


if __name__ == "__main__":
    asyncio.run(main())
