"""Similar-contact query latency at 1,000, 10,000 and 100,000 stored personas (synthetic vectors).

Target: <= 50 ms per query at 100,000. Three figures per size:
  search   the exact numpy top-k over the in-memory matrix (argpartition), k = 5
  warm     what a query costs in a running bot: the staleness check against the database
           (row count and highest id) plus the search over the cached matrix
  cold     loading the whole workspace's vectors from the database, then the search
           (first query of a process, or the first after a persona was added)

    python bench/similar.py                          # SQLite (temp file)
    python bench/similar.py --pg postgresql+asyncpg://postgres@127.0.0.1:5432/test
    TEST_DATABASE_URL=... python bench/similar.py    # same as --pg

PostgreSQL runs in a throwaway database created next to the given one and dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from sqlalchemy import insert

from persona.similarity import CATEGORIES, LAYOUT, NUMBERS, top_k
from storage import migrate
from storage.engine import create_engine
from storage.tables import PersonaVectorRow, PersonaVersion, utcnow
from storage.vectors import VectorStore, pgvector_available
from tests.storage.pg import fresh_database

SIZES = [1_000, 10_000, 100_000]
TARGET_MS = 50.0
TEAM, CRM, K = "T1", "bench", 5


def synthetic_vectors(n: int, seed: int = 1) -> np.ndarray:
    """Vectors with the real layout: one-hot categories (10% unknown), quarter-circle numbers."""
    rng = np.random.default_rng(seed)
    fields = len(CATEGORIES) + len(NUMBERS)
    block = 1 / np.sqrt(fields)
    parts = []
    for category in CATEGORIES:
        width = len(category.vocabulary)
        onehot = np.zeros((n, width), dtype=np.float32)
        onehot[np.arange(n), rng.integers(0, width, n)] = block
        onehot[rng.random(n) < 0.1] = 0
        parts.append(onehot)
    for _ in NUMBERS:
        angle = rng.random(n) * np.pi / 2
        pair = np.stack([np.cos(angle), np.sin(angle)], axis=1).astype(np.float32) * block
        pair[rng.random(n) < 0.2] = 0
        parts.append(pair)
    return np.concatenate(parts, axis=1)


async def fill(url: str, matrix: np.ndarray) -> None:
    engine = create_engine(url)
    await migrate.upgrade(engine)
    now = utcnow()
    try:
        for start in range(0, len(matrix), 5_000):
            rows = range(start, min(start + 5_000, len(matrix)))
            versions = [
                {
                    "team_id": TEAM,
                    "crm": CRM,
                    "contact_id": f"c{i:06d}",
                    "version": 1,
                    "persona": {},
                    "fingerprint": "f",
                    "generator": "signals",
                    "model": None,
                    "prompt_tokens": 0,
                    "completion_tokens": 0,
                    "cost_usd": 0.0,
                    "latency_ms": 0,
                    "requested_by": None,
                    "reason": "first",
                    "created_at": now,
                }
                for i in rows
            ]
            vectors = [
                {
                    "team_id": TEAM,
                    "crm": CRM,
                    "contact_id": f"c{i:06d}",
                    "version": 1,
                    "contact_name": f"Contact {i}",
                    "layout": LAYOUT,
                    "behavior": matrix[i].astype("<f4").tobytes(),
                    "text_model": None,
                    "text_embedding": None,
                    "created_at": now,
                }
                for i in rows
            ]
            async with engine.begin() as connection:
                await connection.execute(insert(PersonaVersion), versions)
                await connection.execute(insert(PersonaVectorRow), vectors)
    finally:
        await engine.dispose()


def timed(run: Callable[[], Any], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return times


async def atimed(run: Callable[[], Any], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        await run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, round(q * (len(values) - 1)))]


async def measure(url: str, n: int) -> dict[str, list[float]]:
    matrix = synthetic_vectors(n)
    await fill(url, matrix)
    exclude = np.zeros(n, dtype=bool)
    queries = iter(range(10**9))

    def search(vectors: np.ndarray = matrix) -> None:
        row = next(queries) % n
        exclude[:] = False
        exclude[row] = True
        top_k(vectors, vectors[row], K, exclude)

    results = {"search": timed(search, 200)}
    engine = create_engine(url)
    try:
        store = VectorStore(engine)
        await store.workspace(TEAM, CRM, LAYOUT)  # fills the cache

        async def warm() -> None:
            loaded = await store.workspace(TEAM, CRM, LAYOUT)
            search(loaded.matrix)

        async def cold() -> None:
            loaded = await VectorStore(engine).workspace(TEAM, CRM, LAYOUT)
            search(loaded.matrix)

        results["warm"] = await atimed(warm, 100)
        results["cold"] = await atimed(cold, 5 if n >= 100_000 else 10)
    finally:
        await engine.dispose()
    return results


@asynccontextmanager
async def database(pg: str | None, n: int) -> AsyncIterator[str]:
    if pg:
        async with fresh_database(pg) as url:
            yield url
        return
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite+aiosqlite:///{Path(folder) / f'similar-{n}.db'}"


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"), help="PostgreSQL URL")
    parser.add_argument("--sizes", type=int, nargs="*", default=SIZES)
    args = parser.parse_args()
    kind = "PostgreSQL" if args.pg else "SQLite"
    if args.pg:
        engine = create_engine(args.pg)
        try:
            print(f"pgvector available on this server: {await pgvector_available(engine)} (numpy search used)")
        finally:
            await engine.dispose()
    print(f"{kind}, k={K}, {len(synthetic_vectors(1)[0])} dimensions; median / p95 in ms")
    print(f"{'personas':>9} {'search':>15} {'warm (db check)':>17} {'cold (db load)':>16}")
    worst = 0.0
    for n in args.sizes:
        async with database(args.pg, n) as url:
            r = await measure(url, n)
        cells = [f"{statistics.median(r[k]):7.2f} / {p(r[k], 0.95):6.2f}" for k in ("search", "warm", "cold")]
        print(f"{n:>9,} {cells[0]:>15} {cells[1]:>17} {cells[2]:>16}")
        if n == max(args.sizes):
            worst = statistics.median(r["warm"])
    verdict = "meets" if worst <= TARGET_MS else "misses"
    print(f"warm query at {max(args.sizes):,}: {worst:.1f} ms median, {verdict} the {TARGET_MS:.0f} ms target")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
