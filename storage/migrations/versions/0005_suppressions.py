"""Objections / do-not-profile suppressions (issue 16).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Reserved for Objections / do-not-profile suppressions (issue 16); filled in by that work."""


def downgrade() -> None:
    """Reserved."""
