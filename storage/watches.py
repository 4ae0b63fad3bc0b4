"""Watched contacts (issue 13): who watches whom, what the refresher last saw, and the Home
tab's two lists. Separate from the persona repository; hands out records, never ORM rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from pydantic import BaseModel
from sqlalchemy import Table, and_, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from persona.models import Persona
from storage.engine import write_transaction
from storage.records import PersonaKey, Share
from storage.tables import PersonaVersion, ShareRow, WatchRow, WatchStateRow, utcnow
from storage.upsert import upsert
from storage.versions import PERSONA_TEXT, stored_persona

_W = cast(Table, WatchRow.__table__)
_S = cast(Table, WatchStateRow.__table__)
_V = cast(Table, PersonaVersion.__table__)
_SH = cast(Table, ShareRow.__table__)


class WatchedContact(BaseModel):
    """A contact at least one person watches, as the refresher sees it."""

    key: PersonaKey
    contact_name: str
    watchers: list[str]  # Slack user ids
    marker: str | None  # what the CRM's change marker was at the last check (None: never checked)


class UserWatch(BaseModel):
    """One line of "Contacts you watch" on the Home tab."""

    key: PersonaKey
    contact_name: str
    since: datetime
    changed_at: datetime | None
    change: str | None


class RecentPersona(BaseModel):
    """One line of "Recent personas" on the Home tab."""

    key: PersonaKey
    version: int
    created_at: datetime
    persona: Persona


class WatchStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    # -- one person's watches -------------------------------------------------------------

    async def watch(self, key: PersonaKey, user_id: str, contact_name: str) -> bool:
        """Start watching; False when this person already watched the contact."""
        statement = (
            upsert(self._engine, WatchRow)
            .values(**_key(key), user_id=user_id, contact_name=contact_name[:255], created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["team_id", "crm", "contact_id", "user_id"])
        )
        async with write_transaction(self._engine) as connection:
            return bool((await connection.execute(statement)).rowcount)

    async def unwatch(self, key: PersonaKey, user_id: str) -> bool:
        """Stop watching; False when this person was not watching. The contact's refresh state
        goes with its last watcher."""
        async with write_transaction(self._engine) as connection:
            removed = (await connection.execute(delete(_W).where(_is(key, _W), _W.c.user_id == user_id))).rowcount
            left = await connection.scalar(select(func.count()).select_from(_W).where(_is(key, _W)))
            if not left:
                await connection.execute(delete(_S).where(_is(key, _S)))
        return bool(removed)

    async def is_watching(self, key: PersonaKey, user_id: str) -> bool:
        async with self._engine.connect() as connection:
            found = await connection.scalar(select(_W.c.id).where(_is(key, _W), _W.c.user_id == user_id).limit(1))
        return found is not None

    async def user_watches(self, team_id: str, crm: str, user_id: str, limit: int) -> list[UserWatch]:
        """The Home tab's watch list: one query, most recently changed first."""
        query = (
            select(
                _W.c.team_id,
                _W.c.crm,
                _W.c.contact_id,
                _W.c.contact_name,
                _W.c.created_at,
                _S.c.changed_at,
                _S.c.change,
            )
            .select_from(_W.outerjoin(_S, and_(*_join(_W, _S))))
            .where(_W.c.team_id == team_id, _W.c.crm == crm, _W.c.user_id == user_id)
            .order_by(func.coalesce(_S.c.changed_at, _W.c.created_at).desc())
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [
            UserWatch(
                key=PersonaKey(team_id=r.team_id, crm=r.crm, contact_id=r.contact_id),
                contact_name=r.contact_name,
                since=_utc(r.created_at),
                changed_at=_utc(r.changed_at) if r.changed_at else None,
                change=r.change,
            )
            for r in rows
        ]

    # -- the refresher ----------------------------------------------------------------------

    async def watched(self, crm: str) -> list[WatchedContact]:
        """Every watched contact of this CRM with its watchers, least recently checked first
        (so contacts left over by PERSONA_REFRESH_MAX go first next cycle). One query."""
        query = (
            select(_W.c.team_id, _W.c.contact_id, _W.c.contact_name, _W.c.user_id, _S.c.marker, _S.c.checked_at)
            .select_from(_W.outerjoin(_S, and_(*_join(_W, _S))))
            .where(_W.c.crm == crm)
            .order_by(_S.c.checked_at.is_not(None), _S.c.checked_at, _W.c.team_id, _W.c.contact_id, _W.c.user_id)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        contacts: dict[tuple[str, str], WatchedContact] = {}
        for row in rows:
            found = contacts.get((row.team_id, row.contact_id))
            if found is None:
                key = PersonaKey(team_id=row.team_id, crm=crm, contact_id=row.contact_id)
                found = WatchedContact(key=key, contact_name=row.contact_name, watchers=[], marker=row.marker)
                contacts[(row.team_id, row.contact_id)] = found
            found.watchers.append(row.user_id)
        return list(contacts.values())

    async def save_check(self, key: PersonaKey, marker: str | None, change: str | None = None) -> None:
        """Remember the marker seen now; `change` (one line) also records when it changed."""
        now = utcnow()
        values: dict[str, Any] = {"marker": marker, "checked_at": now}
        if change is not None:
            values |= {"changed_at": now, "change": change[:500]}
        statement = (
            upsert(self._engine, WatchStateRow)
            .values(**_key(key), **values)
            .on_conflict_do_update(index_elements=["team_id", "crm", "contact_id"], set_=values)
        )
        async with write_transaction(self._engine) as connection:
            await connection.execute(statement)

    async def drop_contact(self, key: PersonaKey) -> list[str]:
        """Every watch of a contact (deleted from the CRM); returns who was watching."""
        async with write_transaction(self._engine) as connection:
            users = list(await connection.scalars(select(_W.c.user_id).where(_is(key, _W)).order_by(_W.c.user_id)))
            await connection.execute(delete(_W).where(_is(key, _W)))
            await connection.execute(delete(_S).where(_is(key, _S)))
        return users

    async def shares(self, key: PersonaKey) -> list[Share]:
        """Where this contact's card was posted (one thread per channel)."""
        async with self._engine.connect() as connection:
            rows = (await connection.execute(select(_SH).where(_is(key, _SH)).order_by(_SH.c.created_at))).all()
        return [
            Share(
                key=key,
                channel_id=r.channel_id,
                message_ts=r.message_ts,
                thread_ts=r.thread_ts,
                version=r.version,
                shared_by=r.shared_by,
                created_at=_utc(r.created_at),
            )
            for r in rows
        ]

    async def mark_shared(self, key: PersonaKey, channel_id: str, version: int) -> None:
        """The thread now shows `version` (its next "what changed" starts from there)."""
        statement = update(_SH).where(_is(key, _SH), _SH.c.channel_id == channel_id).values(version=version)
        async with write_transaction(self._engine) as connection:
            await connection.execute(statement)

    # -- the Home tab ---------------------------------------------------------------------------

    async def recent_personas(self, team_id: str, crm: str, limit: int) -> list[RecentPersona]:
        """The workspace's most recently generated personas, latest version per contact. One query."""
        latest = (
            select(_V.c.contact_id, func.max(_V.c.version).label("version"))
            .where(_V.c.team_id == team_id, _V.c.crm == crm)
            .group_by(_V.c.contact_id)
            .subquery()
        )
        query = (
            select(_V.c.contact_id, _V.c.version, _V.c.created_at, PERSONA_TEXT)
            .join(latest, and_(_V.c.contact_id == latest.c.contact_id, _V.c.version == latest.c.version))
            .where(_V.c.team_id == team_id, _V.c.crm == crm)
            .order_by(_V.c.created_at.desc())
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [
            RecentPersona(
                key=PersonaKey(team_id=team_id, crm=crm, contact_id=r.contact_id),
                version=r.version,
                created_at=_utc(r.created_at),
                persona=stored_persona(r.persona),
            )
            for r in rows
        ]


def _key(key: PersonaKey) -> dict[str, str]:
    return {"team_id": key.team_id, "crm": key.crm, "contact_id": key.contact_id}


def _is(key: PersonaKey, table: Any) -> Any:
    return and_(table.c.team_id == key.team_id, table.c.crm == key.crm, table.c.contact_id == key.contact_id)


def _join(a: Any, b: Any) -> Sequence[Any]:
    return [a.c.team_id == b.c.team_id, a.c.crm == b.c.crm, a.c.contact_id == b.c.contact_id]


def _utc(value: datetime) -> datetime:
    """Aware UTC, whichever way the driver handed the value back."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
