"""Team corrections and feedback votes (issue 12): stored, read, reported, erased.

Each change and its audit row are one transaction. Audit rows name the field or the vote,
never a note's text (notes are CRM-grade data, erased by `forget`; the audit trail is not).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Delete, bindparam, delete, func, insert, select, tuple_, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from persona.models import Correction
from storage.coalesce import Coalescer
from storage.engine import write_transaction
from storage.records import AuditEvent, PersonaKey
from storage.tables import AuditRow, CorrectionRow, VoteRow, utcnow
from storage.upsert import upsert
from storage.versions import key_tuple

_C = CorrectionRow.__table__
_V = VoteRow.__table__
_A = AuditRow.__table__


class VoteCount(BaseModel, frozen=True):
    up: int = 0
    down: int = 0


class FieldFeedback(BaseModel):
    field: str
    corrected: int = 0  # a teammate set a value
    kept: int = 0  # a teammate kept it against newer data
    cleared: int = 0


class VotePeriod(BaseModel):
    period: str  # "2026-12"
    up: int
    down: int

    @property
    def accuracy(self) -> float | None:
        total = self.up + self.down
        return self.up / total if total else None


class FeedbackReport(BaseModel):
    since: datetime | None
    fields: list[FieldFeedback]
    votes: list[VotePeriod]


Shown = tuple[PersonaKey, int]  # a persona line and the version on the card
Feedback = tuple[list[Correction], VoteCount]


class FeedbackStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._loaded = Coalescer(self._load_all)
        self._corrected = Coalescer(self._corrections_all)

    # -- corrections ------------------------------------------------------------------------

    async def corrections(self, key: PersonaKey) -> list[Correction]:
        """The contact's corrections, oldest first (a burst's first cards share one query)."""
        return list(await self._corrected.get(key) or [])

    async def _corrections_all(self, keys: Sequence[PersonaKey]) -> dict[PersonaKey, list[Correction]]:
        async with self._engine.connect() as connection:
            by_line = await _corrections_of(connection, keys)
        return {key: by_line[key_tuple(key)] for key in keys if key_tuple(key) in by_line}

    async def load(self, key: PersonaKey, version: int) -> Feedback:
        """Corrections and the version's vote counts, shown with every card (a burst's cards
        share two queries)."""
        loaded = await self._loaded.get((key, version))
        return loaded if loaded is not None else ([], VoteCount())

    async def _load_all(self, shown: Sequence[Shown]) -> dict[Shown, Feedback]:
        cards = [(*key_tuple(key), version) for key, version in shown]
        votes: dict[tuple[str, str, str, int], Counter[bool]] = {}
        async with self._engine.connect() as connection:
            corrections = await _corrections_of(connection, [key for key, _ in shown])
            counted = select(_V.c.team_id, _V.c.crm, _V.c.contact_id, _V.c.version, _V.c.accurate, func.count())
            counted = counted.where(tuple_(*_line(_V).clauses, _V.c.version).in_(cards)).group_by(
                _V.c.team_id, _V.c.crm, _V.c.contact_id, _V.c.version, _V.c.accurate
            )
            for team_id, crm, contact_id, version, accurate, n in await connection.execute(counted):
                votes.setdefault((team_id, crm, contact_id, version), Counter())[bool(accurate)] = n
        loaded: dict[Shown, Feedback] = {}
        for key, version in shown:
            counts = votes.get((*key_tuple(key), version), Counter())
            loaded[(key, version)] = (
                list(corrections.get(key_tuple(key), [])),
                VoteCount(up=counts[True], down=counts[False]),
            )
        return loaded

    async def correct(self, key: PersonaKey, correction: Correction) -> None:
        """Set (or replace) the correction of one field."""
        values = {
            **_key(key),
            "field": correction.field,
            "value": correction.value,
            "note": correction.note,
            "user_id": correction.by,
            "version": correction.version,
            "measured_value": correction.measured_then,
            "measured_confidence": correction.confidence_then,
            "kept_at": None,
            "created_at": correction.at,
        }
        statement = self._upsert(CorrectionRow, values, ["team_id", "crm", "contact_id", "field"])
        async with write_transaction(self._engine) as connection:
            await connection.execute(statement)
            await _audit(connection, AuditEvent.correct, key, correction.by, f"set: {correction.field}")

    async def keep(self, key: PersonaKey, field: str, user_id: str | None) -> bool:
        """Someone kept a correction that newer data disagrees with; False if it is gone."""
        statement = update(CorrectionRow).where(*_where(key), CorrectionRow.field == field).values(kept_at=utcnow())
        async with write_transaction(self._engine) as connection:
            if not (await connection.execute(statement)).rowcount:
                return False
            await _audit(connection, AuditEvent.correct, key, user_id, f"kept: {field}")
        return True

    async def clear(self, key: PersonaKey, field: str, user_id: str | None) -> bool:
        """Back to the measured value; False if there was no correction."""
        statement = delete(CorrectionRow).where(*_where(key), CorrectionRow.field == field)
        async with write_transaction(self._engine) as connection:
            if not (await connection.execute(statement)).rowcount:
                return False
            await _audit(connection, AuditEvent.clear, key, user_id, f"cleared: {field}")
        return True

    # -- votes ------------------------------------------------------------------------------

    async def vote(self, key: PersonaKey, version: int, user_id: str, accurate: bool) -> VoteCount:
        """One vote per person per version: a second click replaces the first. Returns counts."""
        values = {**_key(key), "version": version, "user_id": user_id, "accurate": accurate, "created_at": utcnow()}
        statement = self._upsert(VoteRow, values, ["team_id", "crm", "contact_id", "version", "user_id"])
        async with write_transaction(self._engine) as connection:
            await connection.execute(statement)
            await _audit(connection, AuditEvent.vote, key, user_id, f"{'up' if accurate else 'down'}: v{version}")
            return await _votes(connection, key, version)

    async def votes(self, key: PersonaKey, version: int) -> VoteCount:
        async with self._engine.connect() as connection:
            return await _votes(connection, key, version)

    # -- reporting --------------------------------------------------------------------------

    async def report(self, crm: str, team_id: str | None = None, since: datetime | None = None) -> FeedbackReport:
        """Per field how often teammates corrected it; votes per month (the accuracy in use)."""
        audits = select(_A.c.event, _A.c.outcome).where(
            _A.c.crm == crm, _A.c.event.in_([AuditEvent.correct.value, AuditEvent.clear.value])
        )
        votes = select(_V.c.created_at, _V.c.accurate).where(_V.c.crm == crm)
        if team_id is not None:
            audits = audits.where(_A.c.team_id == team_id)
            votes = votes.where(_V.c.team_id == team_id)
        if since is not None:
            audits = audits.where(_A.c.created_at >= since)
            votes = votes.where(_V.c.created_at >= since)
        async with self._engine.connect() as connection:
            audit_rows = (await connection.execute(audits)).all()
            vote_rows = (await connection.execute(votes)).all()
        counts: Counter[tuple[str, str]] = Counter()
        for row in audit_rows:
            kind, _, field = str(row.outcome).partition(": ")
            counts[(field, kind)] += 1
        fields = sorted({field for field, _ in counts})
        by_month: dict[str, Counter[bool]] = {}
        for row in vote_rows:
            by_month.setdefault(row.created_at.strftime("%Y-%m"), Counter())[bool(row.accurate)] += 1
        return FeedbackReport(
            since=since,
            fields=[
                FieldFeedback(
                    field=f, corrected=counts[(f, "set")], kept=counts[(f, "kept")], cleared=counts[(f, "cleared")]
                )
                for f in fields
            ],
            votes=[VotePeriod(period=p, up=c[True], down=c[False]) for p, c in sorted(by_month.items())],
        )

    # -- plumbing ---------------------------------------------------------------------------

    def _upsert(self, table: type[Any], values: dict[str, Any], unique: list[str]) -> Any:
        statement = upsert(self._engine, table).values(**values)
        changed = {k: statement.excluded[k] for k in values if k not in unique}
        return statement.on_conflict_do_update(index_elements=unique, set_=changed)


def erasures(crm: str, contact_id: str, team_id: str | None) -> Iterator[Delete]:
    """What `forget` deletes besides versions and shares: corrections (with their notes), votes."""
    for table in (CorrectionRow, VoteRow):
        statement = delete(table).where(table.crm == crm, table.contact_id == contact_id)
        if team_id is not None:
            statement = statement.where(table.team_id == team_id)
        yield statement


def _key(key: PersonaKey) -> dict[str, str]:
    return {"team_id": key.team_id, "crm": key.crm, "contact_id": key.contact_id}


def _line(table: Any) -> Any:
    """(team_id, crm, contact_id) of a table, for `IN` over many persona lines."""
    return tuple_(table.c.team_id, table.c.crm, table.c.contact_id)


def _where(key: PersonaKey) -> tuple[Any, ...]:
    return (
        CorrectionRow.team_id == key.team_id,
        CorrectionRow.crm == key.crm,
        CorrectionRow.contact_id == key.contact_id,
    )


_VOTES = (
    select(_V.c.accurate, func.count())
    .where(
        _V.c.team_id == bindparam("team_id"),
        _V.c.crm == bindparam("crm"),
        _V.c.contact_id == bindparam("contact_id"),
        _V.c.version == bindparam("version"),
    )
    .group_by(_V.c.accurate)
)


async def _corrections_of(
    connection: AsyncConnection, keys: Sequence[PersonaKey]
) -> dict[tuple[str, str, str], list[Correction]]:
    """The corrections of many persona lines in one query, each line's oldest first."""
    lines = list(dict.fromkeys(key_tuple(key) for key in keys))
    query = select(_C).where(_line(_C).in_(lines)).order_by(_C.c.created_at, _C.c.id)
    found: dict[tuple[str, str, str], list[Correction]] = {}
    for row in await connection.execute(query):
        found.setdefault((row.team_id, row.crm, row.contact_id), []).append(_correction(row))
    return found


async def _votes(connection: AsyncConnection, key: PersonaKey, version: int) -> VoteCount:
    counts = {bool(accurate): n for accurate, n in await connection.execute(_VOTES, {**_key(key), "version": version})}
    return VoteCount(up=counts.get(True, 0), down=counts.get(False, 0))


async def _audit(
    connection: AsyncConnection, event: AuditEvent, key: PersonaKey, user_id: str | None, outcome: str
) -> None:
    await connection.execute(
        insert(AuditRow).values(
            event=event.value,
            **_key(key),
            user_id=user_id,
            outcome=outcome[:128],
            prompt_tokens=0,
            completion_tokens=0,
            cost_usd=0.0,
            created_at=utcnow(),
        )
    )


def _correction(row: Row[Any]) -> Correction:
    return Correction(
        field=row.field,
        value=row.value,
        note=row.note,
        by=row.user_id,
        at=row.created_at,
        version=row.version,
        measured_then=row.measured_value,
        confidence_then=row.measured_confidence,
        kept_at=row.kept_at,
    )
