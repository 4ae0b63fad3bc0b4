"""The real server on 127.0.0.1 (ephemeral port) against a fake Slack, a tmp SQLite and the demo CRM:
the settings, the running server, and `settle` for lazy listeners still at work."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from bot.app import build_app
from bot.server import EVENTS_PATH, HttpServer
from persona_bot.settings import Settings
from tests.fakes.slack_api import FakeSlack
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, Harness


def slack_settings(tmp_path: Path, slack: FakeSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'personas.db'}",
        "crm_adapter": "demo",
        "openai_api_key": None,
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": slack.api_url,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running(service: Any, slack: FakeSlack, **app: Any) -> AsyncIterator[Harness]:
    bolt = build_app(service, token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=slack.api_url, **app)
    server = await HttpServer.start(bolt, SIGNING_SECRET, host="127.0.0.1", port=0)
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            yield Harness(slack, http, f"http://127.0.0.1:{server.port}{EVENTS_PATH}")
        await settle()
    finally:
        await server.stop()


async def settle() -> None:
    """Let lazy listeners still running (e.g. a last share write) finish before teardown."""
    acked = {t for t in asyncio.all_tasks() if getattr(t.get_coro(), "__qualname__", "") == "dispatch_after_ack"}
    if acked:  # Bolt's dispatch of fast-acked requests starts the lazy listeners
        await asyncio.wait(acked, timeout=5)
    lazy = {
        t
        for t in asyncio.all_tasks()
        if "runnable_function" in getattr(t.get_coro(), "__qualname__", "")  # Bolt's lazy runs
    }
    if lazy:
        await asyncio.wait(lazy, timeout=5)


@asynccontextmanager
async def serving(
    slack: FakeSlack, tmp_path: Path, app: dict[str, Any] | None = None, **settings: Any
) -> AsyncIterator[Harness]:
    """The real service (tmp SQLite, the given CRM) behind the real server (`app`: build_app options)."""
    from persona_bot.service import open_service

    async with (
        open_service(slack_settings(tmp_path, slack, **settings)) as service,
        running(service, slack, **(app or {})) as h,
    ):
        h.service = service
        yield h
