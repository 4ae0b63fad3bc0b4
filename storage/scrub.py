"""After erasing, no copy of the erased rows may stay in the database files.

SQLite: `secure_delete` (storage.engine) zeroes deleted content in the pages it rewrites, but
in WAL mode the rewritten pages go to `personas.db-wal` first, and the old ones stay in both
files until a checkpoint copies them back, which with a long-running server may be never.
A TRUNCATE checkpoint copies every frame into the main file (overwriting the old page) and
truncates the WAL to zero bytes, so after `forget` or retention pruning neither file holds
the erased persona, whoever else has the database open. PostgreSQL keeps dead tuples until
VACUUM (see the README, section "Erasure").
"""

from __future__ import annotations

import logging
from typing import cast

from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import writer_lock

log = logging.getLogger(__name__)


async def scrub_wal(engine: AsyncEngine) -> bool:
    """Checkpoint and truncate SQLite's WAL; True when nothing is left in it (always on
    PostgreSQL, where this is a no-op). A reader holding an old snapshot can keep frames
    alive: then the next erasure or pruning tries again, and the warning says so."""
    if engine.dialect.name != "sqlite":
        return True
    async with writer_lock(engine), engine.connect() as connection:
        result = await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        busy, frames, copied = cast("tuple[int, int, int]", tuple(result.one()))
    if busy:
        log.warning("WAL checkpoint after erasure was blocked by a reader (%s of %s frames copied)", copied, frames)
        return False
    return True
