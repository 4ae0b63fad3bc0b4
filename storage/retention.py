"""Retention: old versions are pruned, each persona line's latest always kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import aliased

from storage.scrub import scrub_wal
from storage.tables import PersonaVersion
from storage.writes import rowcount, write_session


async def prune(engine: AsyncEngine, retention_days: int) -> int:
    """Delete versions older than `retention_days`, always keeping each key's latest."""
    cutoff = datetime.now(UTC) - timedelta(days=retention_days)
    newer = aliased(PersonaVersion)
    latest_version = (
        select(func.max(newer.version))
        .where(
            newer.team_id == PersonaVersion.team_id,
            newer.crm == PersonaVersion.crm,
            newer.contact_id == PersonaVersion.contact_id,
        )
        .scalar_subquery()
    )
    statement = delete(PersonaVersion).where(
        PersonaVersion.created_at < cutoff, PersonaVersion.version < latest_version
    )
    async with write_session(engine) as session:
        pruned = rowcount(await session.execute(statement))
    if pruned:
        await scrub_wal(engine)
    return pruned
