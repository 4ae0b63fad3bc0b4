"""Team corrections and feedback votes (issue 12).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _key() -> list[sa.Column[str]]:
    return [
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("crm", sa.String(32), nullable=False),
        sa.Column("contact_id", sa.String(255), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "persona_corrections",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        *_key(),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value", sa.String(32), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("measured_value", sa.String(32), nullable=False),
        sa.Column("measured_confidence", sa.Float(), nullable=False),
        sa.Column("kept_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("team_id", "crm", "contact_id", "field", name="uq_persona_corrections_key_field"),
    )
    op.create_index("ix_persona_corrections_contact", "persona_corrections", ["crm", "contact_id"])

    op.create_table(
        "persona_votes",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        *_key(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("accurate", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("team_id", "crm", "contact_id", "version", "user_id", name="uq_persona_votes_voter"),
    )
    op.create_index("ix_persona_votes_contact", "persona_votes", ["crm", "contact_id"])
    op.create_index("ix_persona_votes_created_at", "persona_votes", ["created_at"])


def downgrade() -> None:
    op.drop_table("persona_votes")
    op.drop_table("persona_corrections")
