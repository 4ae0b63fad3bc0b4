"""Persona vectors in the database: saved once per persona version, loaded per workspace.

The search itself is exact numpy (persona.similarity.top_k) over the latest vector of each
contact in one workspace and CRM. A loaded workspace is kept in memory and reused while a
cheap stamp (row count and highest id) shows that no vector was added or erased since.
pgvector is not used: `pgvector_available` tells whether a server could offer it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import numpy.typing as npt
from sqlalchemy import ColumnElement, Table, and_, delete, func, insert, select, text, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.orm import aliased

from storage.engine import write_transaction
from storage.records import PersonaKey
from storage.tables import PersonaVectorRow, PersonaVersion, utcnow

_T = cast(Table, PersonaVectorRow.__table__)  # a mapped class's table is a Table
_V = PersonaVersion.__table__


@dataclass(frozen=True)
class VectorRecord:
    """What is saved for one persona version."""

    key: PersonaKey
    version: int
    contact_name: str
    layout: int
    behavior: npt.NDArray[np.float32]
    text_model: str | None = None
    text_embedding: npt.NDArray[np.float32] | None = None


@dataclass(frozen=True)
class VectorSet:
    """The latest behavior vector of every contact in one workspace and CRM, as one matrix."""

    contact_ids: list[str]
    names: list[str]
    versions: npt.NDArray[np.int64]
    matrix: npt.NDArray[np.float32]  # one row per contact
    _rows: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._rows.update({cid: row for row, cid in enumerate(self.contact_ids)})

    def __len__(self) -> int:
        return len(self.contact_ids)

    def row_of(self, contact_id: str) -> int | None:
        return self._rows.get(contact_id)


@dataclass(frozen=True)
class TextVector:
    model: str
    vector: npt.NDArray[np.float32]


def _to_bytes(vector: npt.NDArray[np.float32]) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def _from_bytes(blob: bytes) -> npt.NDArray[np.float32]:
    return np.frombuffer(blob, dtype="<f4")


class VectorStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._cache: dict[tuple[str, str, int], tuple[tuple[int, int], VectorSet]] = {}
        self._loading = asyncio.Lock()

    # -- writing ---------------------------------------------------------------------------

    async def save(self, record: VectorRecord) -> None:
        """Store (or replace) the vectors of one persona version."""
        values = {
            "team_id": record.key.team_id,
            "crm": record.key.crm,
            "contact_id": record.key.contact_id,
            "version": record.version,
            "contact_name": record.contact_name[:255],
            "layout": record.layout,
            "behavior": _to_bytes(record.behavior),
            "text_model": record.text_model,
            "text_embedding": None if record.text_embedding is None else _to_bytes(record.text_embedding),
            "created_at": utcnow(),
        }
        try:
            async with self._write() as connection:
                # Delete + insert (not update): a new id changes the stamp, so caches reload.
                await connection.execute(delete(_T).where(_key_clause(record.key, record.version)))
                await connection.execute(insert(_T).values(**values))
        except IntegrityError:
            # The version was erased meanwhile (foreign key), or another process saved the
            # same vectors first: either way there is nothing left to do.
            return

    # -- reading ---------------------------------------------------------------------------

    async def get(self, key: PersonaKey, version: int) -> VectorRecord | None:
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(_T).where(_key_clause(key, version)))).first()
        if row is None:
            return None
        return VectorRecord(
            key=key,
            version=version,
            contact_name=row.contact_name,
            layout=row.layout,
            behavior=_from_bytes(row.behavior),
            text_model=row.text_model,
            text_embedding=None if row.text_embedding is None else _from_bytes(row.text_embedding),
        )

    async def has(self, key: PersonaKey, version: int, layout: int) -> bool:
        query = select(_T.c.id).where(_key_clause(key, version), _T.c.layout == layout).limit(1)
        async with self._engine.connect() as connection:
            return (await connection.scalar(query)) is not None

    async def workspace(self, team_id: str, crm: str, layout: int) -> VectorSet:
        """The latest vector (of `layout`) per contact of one workspace; cached while unchanged."""
        cache_key = (team_id, crm, layout)
        async with self._engine.connect() as connection:
            stamp = await _stamp(connection, team_id, crm)
            cached = self._cache.get(cache_key)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            async with self._loading:
                vectors = await _load(connection, team_id, crm, layout)
        self._cache[cache_key] = (stamp, vectors)
        return vectors

    async def text_vectors(self, team_id: str, crm: str, wanted: Sequence[tuple[str, int]]) -> dict[str, TextVector]:
        """Text embeddings of the given (contact_id, version) pairs that have one."""
        found: dict[str, TextVector] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            query = select(_T.c.contact_id, _T.c.text_model, _T.c.text_embedding).where(
                _T.c.team_id == team_id,
                _T.c.crm == crm,
                tuple_(_T.c.contact_id, _T.c.version).in_(chunk),
                _T.c.text_embedding.is_not(None),
            )
            async with self._engine.connect() as connection:
                for contact_id, model, blob in await connection.execute(query):
                    found[contact_id] = TextVector(model, _from_bytes(blob))
        return found

    async def missing(self, crm: str, layout: int, team_id: str | None = None, limit: int = 500) -> list[PersonaKey]:
        """Persona lines whose latest version has no vector of `layout` (for the backfill)."""
        newer = aliased(_V)
        latest = (
            ~select(newer.c.id)
            .where(
                newer.c.team_id == _V.c.team_id,
                newer.c.crm == _V.c.crm,
                newer.c.contact_id == _V.c.contact_id,
                newer.c.version > _V.c.version,
            )
            .exists()
        )
        vector = and_(
            _T.c.team_id == _V.c.team_id,
            _T.c.crm == _V.c.crm,
            _T.c.contact_id == _V.c.contact_id,
            _T.c.version == _V.c.version,
            _T.c.layout == layout,
        )
        query = (
            select(_V.c.team_id, _V.c.contact_id)
            .select_from(_V.outerjoin(_T, vector))
            .where(_V.c.crm == crm, latest, _T.c.id.is_(None))
            .order_by(_V.c.team_id, _V.c.contact_id)
            .limit(limit)
        )
        if team_id is not None:
            query = query.where(_V.c.team_id == team_id)
        async with self._engine.connect() as connection:
            rows = await connection.execute(query)
            return [PersonaKey(team_id=t, crm=crm, contact_id=c) for t, c in rows]

    # -- plumbing ----------------------------------------------------------------------------

    def _write(self) -> AbstractAsyncContextManager[AsyncConnection]:
        return write_transaction(self._engine)  # queued with the repository's writers


async def pgvector_available(engine: AsyncEngine) -> bool:
    """Could this server use pgvector? (Checked by the benchmark; the search is numpy.)"""
    if engine.dialect.name != "postgresql":
        return False
    async with engine.connect() as connection:
        query = text("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        return (await connection.scalar(query)) is not None


def _key_clause(key: PersonaKey, version: int) -> ColumnElement[bool]:
    return and_(
        _T.c.team_id == key.team_id,
        _T.c.crm == key.crm,
        _T.c.contact_id == key.contact_id,
        _T.c.version == version,
    )


async def _stamp(connection: AsyncConnection, team_id: str, crm: str) -> tuple[int, int]:
    query = select(func.count(), func.max(_T.c.id)).where(_T.c.team_id == team_id, _T.c.crm == crm)
    count, highest = (await connection.execute(query)).one()
    return int(count), int(highest or 0)


async def _load(connection: AsyncConnection, team_id: str, crm: str, layout: int) -> VectorSet:
    """One index-ordered scan; the last row per contact is its latest version."""
    query = (
        select(_T.c.contact_id, _T.c.version, _T.c.contact_name, _T.c.behavior)
        .where(_T.c.team_id == team_id, _T.c.crm == crm, _T.c.layout == layout)
        .order_by(_T.c.contact_id, _T.c.version)
    )
    rows = (await connection.execute(query)).all()
    keep = [row for row, after in zip(rows, [*rows[1:], None], strict=True) if after is None or after[0] != row[0]]
    if not keep:
        return VectorSet([], [], np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.float32))
    matrix = np.frombuffer(b"".join(row[3] for row in keep), dtype="<f4").reshape(len(keep), -1)
    return VectorSet(
        contact_ids=[row[0] for row in keep],
        names=[row[2] for row in keep],
        versions=np.fromiter((row[1] for row in keep), dtype=np.int64, count=len(keep)),
        matrix=matrix,
    )
