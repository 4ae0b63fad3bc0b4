"""Persona vectors (issue 7): behavior vector and optional text embedding per persona version.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-15
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_KEY = ["team_id", "crm", "contact_id", "version"]


def upgrade() -> None:
    op.create_table(
        "persona_vectors",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("crm", sa.String(32), nullable=False),
        sa.Column("contact_id", sa.String(255), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("contact_name", sa.String(255), nullable=False),
        sa.Column("layout", sa.Integer(), nullable=False),
        sa.Column("behavior", sa.LargeBinary(), nullable=False),
        sa.Column("text_model", sa.String(128), nullable=True),
        sa.Column("text_embedding", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            _KEY,
            [f"persona_versions.{c}" for c in _KEY],
            ondelete="CASCADE",
            name="fk_persona_vectors_version",
        ),
        sa.UniqueConstraint(*_KEY, name="uq_persona_vectors_key"),
    )


def downgrade() -> None:
    op.drop_table("persona_vectors")
