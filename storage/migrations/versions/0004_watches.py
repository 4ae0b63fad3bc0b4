"""Watched contacts and refresh state (issue 13).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Reserved for Watched contacts and refresh state (issue 13); filled in by that work."""


def downgrade() -> None:
    """Reserved."""
