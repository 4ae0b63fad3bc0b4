"""Writes off the caller's path: audit rows and shares, queued and written together in one
transaction per batch by a background task.

Under a burst of cards this turns fifty small write transactions (each a BEGIN IMMEDIATE,
inserts and a COMMIT, a round trip apiece) into a few batches. A queued share is already
visible to `pending_share` in this process, so the next card in that channel finds its thread
before the batch is written. `flush` waits for everything queued so far; `close` calls it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import write_transaction
from storage.records import PersonaKey, Share
from storage.shares import ShareSpot, spot
from storage.tables import AuditRow, ShareRow
from storage.upsert import upsert

logger = logging.getLogger(__name__)


class LaterWrites:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._audits: list[AuditRow] = []
        self._shares: dict[ShareSpot, Share] = {}  # queued or being written; the first one wins
        self._queued: list[Share] = []
        self._writer: asyncio.Task[None] | None = None
        self._added = 0  # rows queued so far
        self._done = 0  # of those, how many have been written (or failed, logged)
        self._progress = asyncio.Event()  # set after every batch
        self._insert_share = upsert(engine, ShareRow).on_conflict_do_nothing(
            index_elements=["team_id", "crm", "contact_id", "channel_id"]
        )

    def audit(self, row: AuditRow) -> None:
        self._audits.append(row)
        self._added += 1
        self._wake()

    def share(self, share: Share, audit: AuditRow | None = None) -> None:
        """Queue a share; a spot already queued keeps its first card (as the table does)."""
        where = spot(share.key, share.channel_id)
        if where not in self._shares:
            self._shares[where] = share
            self._queued.append(share)
            self._added += 1
        if audit is not None:
            self._audits.append(audit)
            self._added += 1
        self._wake()

    def pending_share(self, key: PersonaKey, channel_id: str) -> Share | None:
        """A share queued in this process and not yet known to be written."""
        return self._shares.get(spot(key, channel_id))

    async def flush(self) -> None:
        """Wait until everything queued so far is written (or its batch failed and was logged);
        rows queued meanwhile don't keep the caller waiting."""
        target = self._added
        while self._done < target and self._writer is not None and not self._writer.done():
            batch_done = asyncio.ensure_future(self._progress.wait())
            try:
                await asyncio.wait([batch_done, self._writer], return_when=asyncio.FIRST_COMPLETED)
            finally:
                batch_done.cancel()

    def _wake(self) -> None:
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())

    async def _write(self) -> None:
        await asyncio.sleep(0)  # let the callers of this loop turn queue theirs too
        while self._audits or self._queued:
            audits, self._audits = self._audits, []
            shares, self._queued = self._queued, []
            mark = self._added
            try:
                await self._write_batch(audits, shares)
            finally:
                for share in shares:
                    self._shares.pop(spot(share.key, share.channel_id), None)
                self._done = mark
                self._progress.set()
                self._progress = asyncio.Event()

    async def _write_batch(self, audits: list[AuditRow], shares: list[Share]) -> None:
        """One transaction; tried again once (a pooled connection the server dropped, SQLite
        busy past its timeout), then logged and given up: these rows are bookkeeping."""
        for attempt in (1, 2):
            try:
                async with write_transaction(self._engine) as connection:  # Core: no ORM flush
                    if shares:
                        await connection.execute(self._insert_share, [_values(s) for s in shares])
                    if audits:
                        await connection.execute(insert(AuditRow), [_columns(row) for row in audits])
                return
            except Exception:
                if attempt == 2:
                    logger.exception("could not write %d audit rows and %d shares", len(audits), len(shares))
                else:
                    logger.info("writing %d audit rows and %d shares failed; trying again", len(audits), len(shares))


def _values(share: Share) -> dict[str, Any]:
    return {
        "team_id": share.key.team_id,
        "crm": share.key.crm,
        "contact_id": share.key.contact_id,
        "channel_id": share.channel_id,
        "message_ts": share.message_ts,
        "thread_ts": share.thread_ts,
        "version": share.version,
        "shared_by": share.shared_by,
        "created_at": share.created_at,
    }


_AUDIT_COLUMNS = [column.key for column in AuditRow.__table__.columns if not column.primary_key]


def _columns(row: AuditRow) -> dict[str, Any]:
    return {key: getattr(row, key) for key in _AUDIT_COLUMNS}
