"""Everything stored about one contact, table by table (a data-subject access request, issue 16).

A table holding rows about contacts has `crm` and `contact_id` columns; adding it to the
export is one line in SUBJECT_TABLES (a test fails when a table with a contact_id column is
missing here). A table with an `email_hash` column also matches by the normalised e-mail.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import write_transaction
from storage.records import AuditEvent
from storage.tables import (
    AuditRow,
    Base,
    CorrectionRow,
    PersonaVectorRow,
    PersonaVersion,
    ShareRow,
    SuppressionRow,
    VoteRow,
    WatchRow,
    WatchStateRow,
    utcnow,
)


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


SUBJECT_TABLES: tuple[Table, ...] = (
    _table(PersonaVersion),
    _table(ShareRow),
    _table(PersonaVectorRow),
    _table(AuditRow),
    _table(SuppressionRow),
    _table(CorrectionRow),  # issue 12
    _table(VoteRow),  # issue 12
    _table(WatchRow),  # issue 13
    _table(WatchStateRow),  # issue 13
)


async def rows_about(
    engine: AsyncEngine, crm: str, contact_id: str, email_hash: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """{table name: [row as JSON-ready dict, oldest first]} for every table in SUBJECT_TABLES."""
    found: dict[str, list[dict[str, Any]]] = {}
    async with engine.connect() as connection:
        for table in SUBJECT_TABLES:
            clause: ColumnElement[bool] = (table.c.crm == crm) & (table.c.contact_id == contact_id)
            if email_hash and "email_hash" in table.c:
                clause = or_(clause, table.c.email_hash == email_hash)
            rows = await connection.execute(select(table).where(clause).order_by(table.c.id))
            found[table.name] = [{k: _plain(v) for k, v in row._mapping.items()} for row in rows]
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


async def record_export(engine: AsyncEngine, crm: str, contact_id: str, user_id: str | None) -> None:
    """Audit the access request itself (ids only)."""
    row = {
        "event": AuditEvent.export.value,
        "team_id": None,
        "crm": crm,
        "contact_id": contact_id,
        "user_id": user_id,
        "outcome": "ok",
        "prompt_tokens": 0,
        "completion_tokens": 0,
        "cost_usd": 0.0,
        "created_at": utcnow(),
    }
    async with write_transaction(engine) as connection:
        await connection.execute(insert(AuditRow).values(**row))
