"""Watched contacts and refresh state (issue 13).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("crm", sa.String(32), nullable=False),
        sa.Column("contact_id", sa.String(255), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("contact_name", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("team_id", "crm", "contact_id", "user_id", name="uq_watches_key_user"),
    )
    op.create_index("ix_watches_contact", "watches", ["crm", "contact_id"])
    op.create_index("ix_watches_user", "watches", ["team_id", "user_id"])

    op.create_table(
        "watch_states",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("crm", sa.String(32), nullable=False),
        sa.Column("contact_id", sa.String(255), nullable=False),
        sa.Column("marker", sa.String(128), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("change", sa.String(500), nullable=True),
        sa.UniqueConstraint("team_id", "crm", "contact_id", name="uq_watch_states_key"),
    )
    op.create_index("ix_watch_states_contact", "watch_states", ["crm", "contact_id"])


def downgrade() -> None:
    op.drop_table("watch_states")
    op.drop_table("watches")
