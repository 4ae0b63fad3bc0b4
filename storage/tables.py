"""The schema as typed SQLAlchemy ORM classes; Alembic migrations must match these.

Room for issue 7: behavior vectors go in their own table (one row per version and
embedding model) added by a later migration, so this table never needs rewriting.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

# BIGINT ids on PostgreSQL; SQLite only auto-increments a column declared INTEGER.
Id = BigInteger().with_variant(Integer(), "sqlite")


class Json(TypeDecorator[Any]):
    """JSONB on PostgreSQL (compact, indexable later), plain JSON text elsewhere. Chosen per
    dialect when used, so PostgreSQL's SQLAlchemy dialect loads only where PostgreSQL is."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on SQLite (naive storage) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class PersonaVersion(Base):
    """One generated persona for a (team, crm, contact); versions count up from 1."""

    __tablename__ = "persona_versions"
    __table_args__ = (
        # Also the index behind "latest for a key" (ORDER BY version DESC LIMIT 1).
        UniqueConstraint("team_id", "crm", "contact_id", "version", name="uq_persona_versions_key"),
        Index("ix_persona_versions_contact", "crm", "contact_id"),  # erasure across teams
        Index("ix_persona_versions_created_at", "created_at"),  # retention
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    crm: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[str] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(Integer)
    persona: Mapped[dict[str, Any]] = mapped_column(Json)
    fingerprint: Mapped[str] = mapped_column(String(64))
    generator: Mapped[str] = mapped_column(String(32))
    model: Mapped[str | None] = mapped_column(String(128))
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_usd: Mapped[float] = mapped_column(Float, default=0.0)
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    requested_by: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ShareRow(Base):
    """Where a persona card was posted: the first card per contact and channel is canonical."""

    __tablename__ = "shares"
    __table_args__ = (
        UniqueConstraint("team_id", "crm", "contact_id", "channel_id", name="uq_shares_key_channel"),
        Index("ix_shares_contact", "crm", "contact_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    crm: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[str] = mapped_column(String(255))
    channel_id: Mapped[str] = mapped_column(String(64))
    message_ts: Mapped[str] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    shared_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditRow(Base):
    """Who did what, when, at what cost. Never persona content, never secrets."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    event: Mapped[str] = mapped_column(String(32))
    team_id: Mapped[str | None] = mapped_column(String(64))
    crm: Mapped[str | None] = mapped_column(String(32))
    contact_id: Mapped[str | None] = mapped_column(String(255))
    user_id: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(128))
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_usd: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PersonaVectorRow(Base):
    """Issue 7: the behavior vector (and optional text embedding) of one persona version.

    Computed once when the version is stored; erased with it (ON DELETE CASCADE), so
    `forget` and retention need no change. Vectors are little-endian float32 bytes: portable
    to SQLite and PostgreSQL, and loaded straight into numpy.
    """

    __tablename__ = "persona_vectors"
    __table_args__ = (
        ForeignKeyConstraint(
            ["team_id", "crm", "contact_id", "version"],
            [
                "persona_versions.team_id",
                "persona_versions.crm",
                "persona_versions.contact_id",
                "persona_versions.version",
            ],
            ondelete="CASCADE",
            name="fk_persona_vectors_version",
        ),
        # Also the index behind the search: one workspace and CRM, the latest version per contact.
        UniqueConstraint("team_id", "crm", "contact_id", "version", name="uq_persona_vectors_key"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    crm: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[str] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(Integer)
    contact_name: Mapped[str] = mapped_column(String(255))
    layout: Mapped[int] = mapped_column(Integer)  # persona.similarity.LAYOUT when computed
    behavior: Mapped[bytes] = mapped_column(LargeBinary)
    text_model: Mapped[str | None] = mapped_column(String(128))
    text_embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CorrectionRow(Base):
    """Issue 12: a teammate's value for one field of a contact's persona, one per field.

    Not tied to a version: it outlives regenerations and history changes until cleared;
    `forget` erases it with the contact. The measured value at the time is kept beside it."""

    __tablename__ = "persona_corrections"
    __table_args__ = (
        UniqueConstraint("team_id", "crm", "contact_id", "field", name="uq_persona_corrections_key_field"),
        Index("ix_persona_corrections_contact", "crm", "contact_id"),  # erasure across teams
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    crm: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[str] = mapped_column(String(255))
    field: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(String(500), default="")
    user_id: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int | None] = mapped_column(Integer)
    measured_value: Mapped[str] = mapped_column(String(32))
    measured_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    kept_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VoteRow(Base):
    """Issue 12: "Accurate?" 👍/👎, one per person per persona version (a new click replaces it).

    No foreign key to the version: pruning old versions must not erase the accuracy record;
    `forget` erases votes explicitly."""

    __tablename__ = "persona_votes"
    __table_args__ = (
        UniqueConstraint("team_id", "crm", "contact_id", "version", "user_id", name="uq_persona_votes_voter"),
        Index("ix_persona_votes_contact", "crm", "contact_id"),
        Index("ix_persona_votes_created_at", "created_at"),  # the feedback report by period
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    crm: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[str] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[str] = mapped_column(String(64))
    accurate: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WatchRow(Base):
    """Issue 13: one person watching one contact's persona (DMs when it changes)."""

    __tablename__ = "watches"
    __table_args__ = (
        UniqueConstraint("team_id", "crm", "contact_id", "user_id", name="uq_watches_key_user"),
        Index("ix_watches_contact", "crm", "contact_id"),  # the refresher and erasure
        Index("ix_watches_user", "team_id", "user_id"),  # the Home tab
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    crm: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[str] = mapped_column(String(64))
    contact_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WatchStateRow(Base):
    """Issue 13: what the refresher last saw of a watched contact, and its latest change.

    `marker` is the CRM's cheap change marker (HubSpot: last-modified stamps; JSON: the
    history fingerprint); a different marker sends the contact through the service again.
    """

    __tablename__ = "watch_states"
    __table_args__ = (
        UniqueConstraint("team_id", "crm", "contact_id", name="uq_watch_states_key"),
        Index("ix_watch_states_contact", "crm", "contact_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    crm: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[str] = mapped_column(String(255))
    marker: Mapped[str | None] = mapped_column(String(128))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    change: Mapped[str | None] = mapped_column(String(500))  # one line, for the Home tab


class SuppressionRow(Base):
    """Issue 16: a contact who objected to profiling (GDPR art. 21): never profiled again.

    Only what the objection needs: the CRM id, a hash of the normalised e-mail (so a
    duplicate CRM record or another CRM is refused too), who recorded it, when and why.
    Not touched by retention pruning; removed only when the objection is withdrawn.
    """

    __tablename__ = "suppressions"
    __table_args__ = (
        Index("ix_suppressions_contact", "crm", "contact_id"),
        Index("ix_suppressions_email_hash", "email_hash"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    crm: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[str] = mapped_column(String(255))
    email_hash: Mapped[str | None] = mapped_column(String(64))  # sha256 hex of the normalised e-mail
    recorded_by: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
