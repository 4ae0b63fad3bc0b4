"""The do-not-profile list (issue 16): contacts who objected to profiling.

Queried before every persona is produced, so a match is one indexed read. Rows hold only
ids, a hash of the normalised e-mail, who recorded the objection, when and why; retention
pruning never touches them. Each change writes its audit row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, insert, or_, select, tuple_
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.coalesce import Coalescer
from storage.engine import write_transaction
from storage.records import AuditEvent
from storage.tables import AuditRow, SuppressionRow, utcnow

_S = SuppressionRow.__table__
REASON_LIMIT = 500


class Suppression(BaseModel):
    crm: str
    contact_id: str
    email_hash: str | None
    recorded_by: str | None
    reason: str | None
    created_at: datetime


def _matching(crm: str, contact_id: str, email_hash: str | None) -> Any:
    """This CRM record, or anyone (in any CRM) with the same normalised e-mail."""
    by_id = (_S.c.crm == crm) & (_S.c.contact_id == contact_id)
    return or_(by_id, _S.c.email_hash == email_hash) if email_hash else by_id


Asked = tuple[str, str, str | None]  # crm, contact id, e-mail hash


def _covers(objection: Suppression, crm: str, contact_id: str, email_hash: str | None) -> bool:
    """`_matching` in Python: this CRM record, or anyone with the same normalised e-mail."""
    same_record = objection.crm == crm and objection.contact_id == contact_id
    return same_record or (email_hash is not None and objection.email_hash == email_hash)


class SuppressionStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._found = Coalescer(self._find_all)

    async def find(self, crm: str, contact_id: str, email_hash: str | None) -> Suppression | None:
        """An objection covering this contact, if any (a burst's checks share one query)."""
        return await self._found.get((crm, contact_id, email_hash))

    async def _find_all(self, asked: Sequence[Asked]) -> dict[Asked, Suppression]:
        """The objection covering each contact asked about, in one query. No ORDER BY: with one,
        PostgreSQL walks the primary key instead of the two indexes (a full scan)."""
        hashes = [email_hash for _, _, email_hash in asked if email_hash]
        by_id = tuple_(_S.c.crm, _S.c.contact_id).in_([(crm, contact_id) for crm, contact_id, _ in asked])
        query = select(_S).where(or_(by_id, _S.c.email_hash.in_(hashes)) if hashes else by_id)
        async with self._engine.connect() as connection:
            found = [_record(row) for row in await connection.execute(query)]
        covering: dict[Asked, Suppression] = {}
        for ask in asked:
            crm, contact_id, email_hash = ask
            match = next((s for s in found if _covers(s, crm, contact_id, email_hash)), None)
            if match is not None:
                covering[ask] = match
        return covering

    async def matching(self, crm: str, contact_id: str, email_hash: str | None) -> list[Suppression]:
        """Every objection covering this contact (for an access request)."""
        query = select(_S).where(_matching(crm, contact_id, email_hash)).order_by(_S.c.id)
        async with self._engine.connect() as connection:
            return [_record(row) for row in await connection.execute(query)]

    async def all(self) -> list[Suppression]:
        async with self._engine.connect() as connection:
            return [_record(row) for row in await connection.execute(select(_S).order_by(_S.c.id))]

    async def add(
        self, crm: str, contact_id: str, email_hash: str | None, *, recorded_by: str | None, reason: str | None
    ) -> tuple[Suppression, bool]:
        """Record an objection; (the objection, True) or, if this record already objected, (it, False)."""
        reason = (reason or "").strip()[:REASON_LIMIT] or None
        async with write_transaction(self._engine) as connection:
            existing = (await connection.execute(select(_S).where(_matching(crm, contact_id, None)))).first()
            if existing is not None:
                return _record(existing), False
            values = {
                "crm": crm,
                "contact_id": contact_id,
                "email_hash": email_hash,
                "recorded_by": recorded_by,
                "reason": reason,
                "created_at": utcnow(),
            }
            await connection.execute(insert(SuppressionRow).values(**values))
            await _audit(connection, AuditEvent.object, crm, contact_id, recorded_by, "ok")
        return Suppression(**values), True

    async def remove(self, crm: str, contact_id: str, email_hash: str | None, *, removed_by: str | None) -> int:
        """Withdraw every objection covering this contact; returns how many were lifted."""
        async with write_transaction(self._engine) as connection:
            statement = delete(SuppressionRow).where(_matching(crm, contact_id, email_hash))
            lifted = (await connection.execute(statement)).rowcount
            await _audit(connection, AuditEvent.withdraw, crm, contact_id, removed_by, f"ok: {lifted} lifted")
        return int(lifted)


async def _audit(
    connection: AsyncConnection, event: AuditEvent, crm: str, contact_id: str, user_id: str | None, outcome: str
) -> None:
    values = {
        "event": event.value,
        "team_id": None,  # objections hold in every workspace
        "crm": crm,
        "contact_id": contact_id,
        "user_id": user_id,
        "outcome": outcome,
        "prompt_tokens": 0,
        "completion_tokens": 0,
        "cost_usd": 0.0,
        "created_at": utcnow(),
    }
    await connection.execute(insert(AuditRow).values(**values))


def _record(row: Row[Any]) -> Suppression:
    return Suppression(
        crm=row.crm,
        contact_id=row.contact_id,
        email_hash=row.email_hash,
        recorded_by=row.recorded_by,
        reason=row.reason,
        created_at=row.created_at,
    )
