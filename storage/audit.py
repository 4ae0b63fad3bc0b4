"""The audit trail: who generated, viewed, shared or erased which persona, and what it cost.

Rows hold ids, token counts and a short outcome ("ok", "error: Timeout"), never content.
"""

from __future__ import annotations

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
