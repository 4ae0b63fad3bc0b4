"""HubSpot requests per refresh cycle: 1,000 watched contacts, 10 of them changed.

Runs against the fake HubSpot (tests/fakes/hubspot.py) on 127.0.0.1 and a temporary SQLite
database; prints the requests of a quiet cycle, of a cycle with 10 changed contacts, and of
the first look (every history loaded once), which is what a cycle without change detection
would cost every time.

    python bench/refresh_hubspot.py [--watched 1000] [--changed 10]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.hubspot import FakeHubSpot
from tests.refresh.hubspot_world import HubSpotWorld, change, seed


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--watched", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=10)
    args = parser.parse_args()
    fake = FakeHubSpot()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        world = await HubSpotWorld.open(fake, f"sqlite+aiosqlite:///{tmp}/bench.db")
        try:
            ids = seed(fake, args.watched)
            await world.watch_all(ids)
            rows = []
            for label, edit in (
                ("first look (every history, = no change detection)", None),
                ("quiet cycle (nothing changed)", None),
                (f"{args.changed} changed", ids[: args.changed]),
            ):
                for contact_id in edit or []:
                    change(fake, contact_id)
                started = time.perf_counter()
                report, requests = await world.cycle(max_generations=args.changed)
                seconds = time.perf_counter() - started
                rows.append((label, requests, report.generated, seconds))
        finally:
            await world.close()
            await fake.close()
    print(f"HubSpot requests per refresh cycle, {args.watched:,} watched contacts (fake HubSpot, SQLite):")
    for label, requests, generated, seconds in rows:
        print(
            f"  {label:<52} {requests['total']:>6,} requests "
            f"({requests['search']:,} search, {requests['contact']:,} contact reads), "
            f"{generated} generated, {seconds:.2f}s"
        )


if __name__ == "__main__":
    asyncio.run(main())
