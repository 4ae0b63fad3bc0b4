"""What every store's writes share: an ORM session on one write transaction, and the number
of rows a DELETE touched."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from sqlalchemy.engine import CursorResult, Result
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.engine import write_transaction


@asynccontextmanager
async def write_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """One write transaction as an ORM session (see storage.engine.write_transaction)."""
    async with write_transaction(engine) as connection:
        async with AsyncSession(bind=connection, expire_on_commit=False) as session:
            async with session.begin():  # joins the transaction: flushes, never commits it
                yield session


def rowcount(result: Result[Any]) -> int:
    """Rows a DELETE/UPDATE touched (DML results are cursor results, which count them)."""
    return cast(CursorResult[Any], result).rowcount
