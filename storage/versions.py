"""Persona versions: the prebuilt reads of the hot path, and a new version stored together
with its audit row."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Text, and_, bindparam, cast, func, select, tuple_
from sqlalchemy.engine import Row
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from persona.models import Persona
from storage.audit import audit_row
from storage.records import AuditEvent, PersonaKey, Reason, StoredPersona
from storage.tables import PersonaVersion, utcnow
from storage.writes import write_session

logger = logging.getLogger(__name__)
_VERSIONS = PersonaVersion.__table__
# Every read of a version takes the persona as its stored JSON text, parsed by `stored_persona`.
PERSONA_TEXT = cast(_VERSIONS.c.persona, Text).label("persona")
_COLUMNS = (*(column for column in _VERSIONS.c if column.name != "persona"), PERSONA_TEXT)


def key_params(key: PersonaKey) -> dict[str, str]:
    return {"team_id": key.team_id, "crm": key.crm, "contact_id": key.contact_id}


async def read_first(engine: AsyncEngine, statement: Any, params: dict[str, Any]) -> Row[Any] | None:
    """One row (the hot reads use LIMIT 1), with `read_rows`' retry."""
    rows = await read_rows(engine, statement, params)
    return rows[0] if rows else None


async def read_rows(engine: AsyncEngine, statement: Any, params: dict[str, Any] | None = None) -> list[Row[Any]]:
    """Every row; a pooled connection the server dropped (restart, failover) is retried once."""
    for attempt in (1, 2):
        try:
            async with engine.connect() as connection:
                return list(await connection.execute(statement, params))
        except DBAPIError as error:
            if attempt == 2 or not error.connection_invalidated:
                raise
            logger.info("database connection was dropped; reading again on a new one")
    return []  # unreachable: the loop returns or raises


def key_tuple(key: PersonaKey) -> tuple[str, str, str]:
    return (key.team_id, key.crm, key.contact_id)


async def latest_of(engine: AsyncEngine, keys: Sequence[PersonaKey]) -> dict[PersonaKey, StoredPersona]:
    """The newest version of each key that has one, in one query (see storage.coalesce)."""
    columns = (_VERSIONS.c.team_id, _VERSIONS.c.crm, _VERSIONS.c.contact_id)
    newest = (
        select(*columns, func.max(_VERSIONS.c.version).label("version"))
        .where(tuple_(*columns).in_([key_tuple(key) for key in keys]))
        .group_by(*columns)
        .subquery()
    )
    statement = select(*_COLUMNS).join(
        newest, and_(*(column == newest.c[column.name] for column in (*columns, _VERSIONS.c.version)))
    )
    stored = [_stored(row) for row in await read_rows(engine, statement)]
    return {s.key: s for s in stored}


async def latest(engine: AsyncEngine, key: PersonaKey) -> StoredPersona | None:
    """The newest version: the hot path, so Core on a prebuilt statement, no ORM session."""
    row = await read_first(engine, _LATEST, key_params(key))
    return _stored(row) if row else None


async def version_before(engine: AsyncEngine, key: PersonaKey, version: int) -> StoredPersona | None:
    """The newest version older than `version` (versions may have gaps after pruning)."""
    row = await read_first(engine, _BEFORE, {**key_params(key), "version": version})
    return _stored(row) if row else None


async def versions(engine: AsyncEngine, key: PersonaKey) -> list[StoredPersona]:
    """Every stored version of the key, oldest first."""
    async with engine.connect() as connection:
        rows = await connection.execute(_VERSIONS_OF_KEY, key_params(key))
        return [_stored(row) for row in rows]


async def keys_for_contact(engine: AsyncEngine, crm: str, contact_id: str) -> list[PersonaKey]:
    """The persona lines of one contact across workspaces (what an erasure will touch)."""
    query = (
        select(_VERSIONS.c.team_id)
        .where(_VERSIONS.c.crm == crm, _VERSIONS.c.contact_id == contact_id)
        .distinct()
        .order_by(_VERSIONS.c.team_id)
    )
    async with engine.connect() as connection:
        teams = await connection.scalars(query)
        return [PersonaKey(team_id=t, crm=crm, contact_id=contact_id) for t in teams]


async def insert_version(
    engine: AsyncEngine,
    key: PersonaKey,
    version: int,
    persona: Persona,
    fingerprint: str,
    reason: Reason,
    event: AuditEvent,
    user_id: str | None,
    latency_ms: int,
) -> StoredPersona:
    """The version and its audit row in one transaction: both or neither."""
    usage = persona.usage
    row = PersonaVersion(
        team_id=key.team_id,
        crm=key.crm,
        contact_id=key.contact_id,
        version=version,
        persona=persona.model_dump(mode="json"),
        fingerprint=fingerprint,
        generator=persona.generator.name,
        model=persona.generator.model,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        cost_usd=usage.cost_usd,
        latency_ms=latency_ms,
        requested_by=user_id,
        reason=reason.value,
        created_at=utcnow(),
    )
    async with write_session(engine) as session:
        session.add(row)
        await session.flush()
        session.add(audit_row(event, key, user_id, "ok", usage.prompt_tokens, usage.completion_tokens, usage.cost_usd))
    return StoredPersona(
        key=key,
        version=version,
        persona=persona,
        fingerprint=fingerprint,
        reason=reason,
        requested_by=user_id,
        created_at=row.created_at,
        latency_ms=latency_ms,
    )


_OF_KEY = select(*_COLUMNS).where(
    _VERSIONS.c.team_id == bindparam("team_id"),
    _VERSIONS.c.crm == bindparam("crm"),
    _VERSIONS.c.contact_id == bindparam("contact_id"),
)
_LATEST = _OF_KEY.order_by(_VERSIONS.c.version.desc()).limit(1)
_BEFORE = _LATEST.where(_VERSIONS.c.version < bindparam("version"))  # the newest older one
_VERSIONS_OF_KEY = _OF_KEY.order_by(_VERSIONS.c.version)


def _stored(row: Row[Any]) -> StoredPersona:
    return StoredPersona(
        key=PersonaKey(team_id=row.team_id, crm=row.crm, contact_id=row.contact_id),
        version=row.version,
        persona=stored_persona(row.persona),
        fingerprint=row.fingerprint,
        reason=Reason(row.reason),
        requested_by=row.requested_by,
        created_at=row.created_at,
        latency_ms=row.latency_ms,
    )


@lru_cache(maxsize=256)
def stored_persona(stored_json: str) -> Persona:
    """A stored persona (selected as `PERSONA_TEXT`), parsed once while it is among the last 256
    read: a persona shown again (a teammate in another channel, a burst of commands) is the same
    stored text, and parsing and validating it was a fifth of a cached card's CPU. Keyed by the
    text itself, so a new version can never be served stale; callers share the object, which
    is why persona models are frozen."""
    return Persona.model_validate_json(stored_json)
