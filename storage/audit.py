"""The audit trail: who generated, viewed, shared or erased which persona, and what it cost.

Rows hold ids, token counts and a short outcome ("ok", "error: Timeout"), never content.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncEngine

from storage.records import AuditEvent, PersonaKey
from storage.tables import AuditRow, utcnow
from storage.writes import write_session

logger = logging.getLogger(__name__)


def audit_row(
    event: AuditEvent,
    key: PersonaKey | None,
    user_id: str | None,
    outcome: str,
    prompt_tokens: int = 0,
    completion_tokens: int = 0,
    cost_usd: float = 0.0,
) -> AuditRow:
    return AuditRow(
        event=event.value,
        team_id=key.team_id if key else None,
        crm=key.crm if key else None,
        contact_id=key.contact_id if key else None,
        user_id=user_id,
        outcome=outcome[:128],
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        cost_usd=cost_usd,
        created_at=utcnow(),
    )


async def write_audit(engine: AsyncEngine, row: AuditRow) -> None:
    async with write_session(engine) as session:
        session.add(row)


async def audit_failure(
    engine: AsyncEngine, event: AuditEvent, key: PersonaKey, user_id: str | None, error: Exception
) -> None:
    """Audit a failed generation; a broken audit must not hide the generator's error."""
    try:
        # The type only: error messages can quote prompts, payloads or credentials.
        await write_audit(engine, audit_row(event, key, user_id, f"error: {type(error).__name__}"))
    except Exception:
        logger.exception("could not audit a failed generation")


class AuditQueue:
    """Audit rows written off the caller's path: queued rows are written together, in one
    transaction per batch, by a background task; `flush` waits for it."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._rows: list[AuditRow] = []
        self._flusher: asyncio.Task[None] | None = None

    def add(self, row: AuditRow) -> None:
        self._rows.append(row)
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._write())

    async def flush(self) -> None:
        """Wait until every queued row is written."""
        while self._flusher is not None and not self._flusher.done():
            await asyncio.wait([self._flusher])

    async def _write(self) -> None:
        await asyncio.sleep(0)  # let the callers of this loop turn queue theirs too
        while self._rows:
            rows, self._rows = self._rows, []
            try:
                async with write_session(self._engine) as session:
                    session.add_all(rows)
            except Exception:
                logger.exception("could not write %d audit rows", len(rows))
