"""Throwaway PostgreSQL databases for tests, so concurrent sessions and reruns never collide."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.engine import make_url


def server_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL")


@asynccontextmanager
async def fresh_database(base_url: str) -> AsyncIterator[str]:
    """Create an empty database next to `base_url`'s, yield its URL, drop it afterwards."""
    url = make_url(base_url)
    name = f"persona_storage_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(asyncpg_dsn(url.render_as_string(hide_password=False)))
    try:
        # template0: never connected to, so creation cannot fail on someone else's session.
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def asyncpg_dsn(sqlalchemy_url: str) -> str:
    """asyncpg wants postgresql://, SQLAlchemy URLs say postgresql+asyncpg://."""
    return "postgresql://" + sqlalchemy_url.split("://", 1)[1]
