"""Objections / do-not-profile suppressions (issue 16).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "suppressions",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("crm", sa.String(32), nullable=False),
        sa.Column("contact_id", sa.String(255), nullable=False),
        sa.Column("email_hash", sa.String(64), nullable=True),
        sa.Column("recorded_by", sa.String(64), nullable=True),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_suppressions_contact", "suppressions", ["crm", "contact_id"])
    op.create_index("ix_suppressions_email_hash", "suppressions", ["email_hash"])


def downgrade() -> None:
    op.drop_table("suppressions")
