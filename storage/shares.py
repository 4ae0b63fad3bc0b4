"""Shares: the cards posted in channels, so a persona's thread is found again; the first card
per contact and channel stays canonical. Written in batches by storage.later."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.records import PersonaKey, Share
from storage.tables import ShareRow
from storage.versions import key_params, read_rows

_SHARES = ShareRow.__table__
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
