"""Erasure leaves no trace in the SQLite files, even while another process holds them open.

The raw bytes of `personas.db` and `personas.db-wal` are read, the way `strings` would: a row
deleted from a table but still in an uncheckpointed WAL frame (or an old page) is a copy.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import update

from persona.models import Persona
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from storage.tables import PersonaVersion
from tests.builders import make_persona

MARKER = "Zq7-erasure-marker prefers long lunches"
KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-1")


def _on_disk(db: Path) -> bytes:
    """Everything SQLite has written for this database: the main file and the WAL."""
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


async def _stored(repository: PersonaRepository, key: PersonaKey, fingerprint: str, persona: Persona) -> None:
    async def generate() -> Persona:
        return persona

    await repository.obtain(key, fingerprint, generate, user_id="U1")


async def test_forget_leaves_no_copy_in_the_files_while_the_server_holds_them(tmp_path: Path) -> None:
    db = tmp_path / "personas.db"
    url = f"sqlite+aiosqlite:///{db}"
    server = await PersonaRepository.open(url)  # `persona-bot serve`, holding the file open
    bystander = sqlite3.connect(db)  # another process reading the same file
    try:
        persona = make_persona(name="Quentin Quux", summary=MARKER)
        await _stored(server, KEY, "fp-a", persona)
        await _stored(server, KEY, "fp-b", persona)
        await _stored(server, PersonaKey(team_id="T1", crm="demo", contact_id="c-2"), "fp-a", make_persona("c-2"))
        assert bystander.execute("SELECT count(*) FROM persona_versions").fetchone() == (3,)
        assert MARKER.encode() in _on_disk(db)  # the check below can fail

        cli = await PersonaRepository.open(url)  # `persona-bot forget`, a second process
        try:
            assert await cli.forget("demo", "c-1", user_id="U9") == 2
        finally:
            await cli.close()

        data = _on_disk(db)
        assert MARKER.encode() not in data and b"Quentin Quux" not in data
        assert bystander.execute("SELECT count(*) FROM persona_versions").fetchone() == (1,)
        assert await server.latest(KEY) is None  # the server still works on the same file
    finally:
        bystander.close()
        await server.close()


async def test_retention_pruning_leaves_no_copy_in_the_files(tmp_path: Path) -> None:
    db = tmp_path / "personas.db"
    repository = await PersonaRepository.open(f"sqlite+aiosqlite:///{db}")
    holder = sqlite3.connect(db)
    try:
        await _stored(repository, KEY, "fp-old", make_persona(summary=MARKER))
        await _stored(repository, KEY, "fp-new", make_persona(summary="The current summary."))
        async with repository.engine.begin() as connection:
            old = datetime.now(UTC) - timedelta(days=400)
            await connection.execute(update(PersonaVersion).where(PersonaVersion.version == 1).values(created_at=old))
        assert MARKER.encode() in _on_disk(db)

        assert await repository.prune(retention_days=30) == 1

        assert MARKER.encode() not in _on_disk(db)
        assert b"The current summary." in _on_disk(db)
    finally:
        holder.close()
        await repository.close()
