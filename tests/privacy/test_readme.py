"""The README's data inventory lists every table the database holds."""

from __future__ import annotations

from pathlib import Path

from storage.tables import Base

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_data_inventory_lists_every_table() -> None:
    start = README.index("<!-- inventory:")
    inventory = README[start : README.index("<!-- /inventory -->", start)]
    listed = {line.split("`")[1] for line in inventory.splitlines() if line.startswith("| `")}
    tables = {table.name for table in Base.metadata.sorted_tables} | {"alembic_version"}
    missing = tables - listed
    assert not missing, f"add these tables to the README's data inventory: {sorted(missing)}"
    assert listed == tables  # and nothing that no longer exists


def test_the_privacy_commands_are_documented() -> None:
    for expected in ("persona-bot object QUERY", "persona-bot export QUERY", "`PERSONA_ADMINS`", "How this was made"):
        assert expected in README, expected
