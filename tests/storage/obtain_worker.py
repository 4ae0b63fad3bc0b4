"""A separate process firing concurrent obtain() calls at one key (single-flight test).

Usage: python -m tests.storage.obtain_worker DATABASE_URL CALLS GENERATIONS_FILE
Each generation appends a line to GENERATIONS_FILE; prints the results as JSON.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys

from persona.models import Persona
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from tests.builders import make_persona

KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-cross")


def _record(generations_file: str) -> None:
    with open(generations_file, "a") as log:  # O_APPEND: one whole line per write
        log.write(f"{os.getpid()}\n")


async def main(url: str, calls: int, generations_file: str) -> None:
    async def generate() -> Persona:
        await asyncio.to_thread(_record, generations_file)
        await asyncio.sleep(0.5)
        return make_persona("c-cross")

    repo = await PersonaRepository.open(url)
    try:
        results = await asyncio.gather(*(repo.obtain(KEY, "fp-x", generate, user_id=f"U{n}") for n in range(calls)))
    finally:
        await repo.close()
    print(json.dumps([[stored.version, generated] for stored, generated in results]))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
