"""Erasure: everything stored about a contact goes, in one transaction, leaving only an audit
row with ids and no content; then the SQLite WAL is scrubbed (storage.scrub)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.corrections import erasures as feedback_erasures
from storage.records import AuditEvent
from storage.scrub import scrub_wal
from storage.tables import AuditRow, PersonaVersion, ShareRow, WatchRow, WatchStateRow, utcnow
from storage.writes import rowcount, write_session


async def forget(
    engine: AsyncEngine, crm: str, contact_id: str, team_id: str | None = None, *, user_id: str | None = None
) -> int:
    """Erase every version, share, correction, vote and watch of a contact (in one team, or
    all); returns versions deleted. Only an audit row with ids and no content is left behind."""
    versions = delete(PersonaVersion).where(PersonaVersion.crm == crm, PersonaVersion.contact_id == contact_id)
    shares = delete(ShareRow).where(ShareRow.crm == crm, ShareRow.contact_id == contact_id)
    watches = delete(WatchRow).where(WatchRow.crm == crm, WatchRow.contact_id == contact_id)
    states = delete(WatchStateRow).where(WatchStateRow.crm == crm, WatchStateRow.contact_id == contact_id)
    if team_id is not None:
        versions = versions.where(PersonaVersion.team_id == team_id)
        shares = shares.where(ShareRow.team_id == team_id)
        watches = watches.where(WatchRow.team_id == team_id)
        states = states.where(WatchStateRow.team_id == team_id)
    async with write_session(engine) as session:
        deleted = rowcount(await session.execute(versions))
        await session.execute(shares)
        for statement in feedback_erasures(crm, contact_id, team_id):  # issue 12
            await session.execute(statement)
        await session.execute(watches)  # issue 13: nobody keeps watching an erased contact
        await session.execute(states)
        session.add(
            AuditRow(
                event=AuditEvent.erase.value,
                team_id=team_id,
                crm=crm,
                contact_id=contact_id,
                user_id=user_id,
                outcome=f"ok: {deleted} versions",
                prompt_tokens=0,
                completion_tokens=0,
                cost_usd=0.0,
                created_at=utcnow(),
            )
        )
    await scrub_wal(engine)  # no copy of the erased rows left in the -wal file
    return deleted
