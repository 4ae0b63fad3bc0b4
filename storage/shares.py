"""Shares: the cards posted in channels, so a persona's thread is found again; the first card
per contact and channel stays canonical."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select, tuple_
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.audit import audit_row
from storage.records import AuditEvent, PersonaKey, Share
from storage.tables import ShareRow, utcnow
from storage.upsert import upsert
from storage.versions import key_params, read_rows
from storage.writes import write_session

_SHARES = ShareRow.__table__
_SHARE = select(_SHARES).where(  # prebuilt: looked up before every card
    _SHARES.c.team_id == bindparam("team_id"),
    _SHARES.c.crm == bindparam("crm"),
    _SHARES.c.contact_id == bindparam("contact_id"),
    _SHARES.c.channel_id == bindparam("channel_id"),
)


async def record_share(
    engine: AsyncEngine,
    key: PersonaKey,
    channel_id: str,
    message_ts: str,
    thread_ts: str | None,
    version: int,
    shared_by: str | None,
    *,
    audit: str | None = None,
) -> Share:
    """Remember a posted card; the first card per contact and channel stays canonical.

    `audit`: also record a share event with that outcome, in the same transaction."""
    values = {
        "team_id": key.team_id,
        "crm": key.crm,
        "contact_id": key.contact_id,
        "channel_id": channel_id,
        "message_ts": message_ts,
        "thread_ts": thread_ts,
        "version": version,
        "shared_by": shared_by,
        "created_at": utcnow(),
    }
    statement = (
        upsert(engine, ShareRow)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["team_id", "crm", "contact_id", "channel_id"])
    )
    async with write_session(engine) as session:
        await session.execute(statement)
        if audit is not None:
            session.add(audit_row(AuditEvent.share, key, shared_by, audit))
        row = (await session.execute(_SHARE, {**key_params(key), "channel_id": channel_id})).first()
        assert row is not None  # inserted or already there, inside this transaction
        return _share(row)


ShareSpot = tuple[str, str, str, str]  # team, crm, contact, channel: one canonical card each


def spot(key: PersonaKey, channel_id: str) -> ShareSpot:
    return (key.team_id, key.crm, key.contact_id, channel_id)


async def find_shares(engine: AsyncEngine, spots: Sequence[ShareSpot]) -> dict[ShareSpot, Share]:
    """The share of each spot that has one, in one query (see storage.coalesce)."""
    columns = (_SHARES.c.team_id, _SHARES.c.crm, _SHARES.c.contact_id, _SHARES.c.channel_id)
    rows = await read_rows(engine, select(_SHARES).where(tuple_(*columns).in_(list(spots))))
    shares = [_share(row) for row in rows]
    return {spot(s.key, s.channel_id): s for s in shares}


async def shares_of(engine: AsyncEngine, key: PersonaKey) -> list[Share]:
    """Every posted card of one persona line (issue 16: cleared when the contact is erased)."""
    query = select(_SHARES).where(*(getattr(_SHARES.c, k) == v for k, v in key_params(key).items()))
    async with engine.connect() as connection:
        return [_share(row) for row in await connection.execute(query.order_by(_SHARES.c.id))]


def _share(row: Row[Any]) -> Share:
    return Share(
        key=PersonaKey(team_id=row.team_id, crm=row.crm, contact_id=row.contact_id),
        channel_id=row.channel_id,
        message_ts=row.message_ts,
        thread_ts=row.thread_ts,
        version=row.version,
        shared_by=row.shared_by,
        created_at=row.created_at,
    )
