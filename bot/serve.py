"""Runs the Slack app (`persona-bot serve`), and exposes `persona_blocks` for `generate --blocks`.

bot depends on persona_bot (the use case and the settings), never the reverse: the CLI finds
these two through the `persona_bot.slack` entry points in pyproject.toml
(persona_bot/slack_entry.py), so persona_bot imports nothing from bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from contextlib import AbstractAsyncContextManager
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.blocks.card import persona_blocks
from bot.errors import ConfigError
from persona_bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import PersonaApp
    from persona_bot.service import PersonaService

log = logging.getLogger(__name__)


async def serve(settings: Settings, port: int | None = None) -> None:
    """Run the Slack app until cancelled or SIGTERM: Socket Mode if SLACK_APP_TOKEN is set,
    else HTTP (which stops gracefully: acked requests are dispatched, audits written)."""
    token, secret, app_token = settings.slack_credentials()  # before opening anything

    from bot.admins import Admins
    from bot.app import build_app
    from bot.flows.correctors import Correctors
    from bot.server import HttpServer, run_socket_mode
    from persona_bot.service import open_service

    async with open_service(settings) as service:
        await service.warm_up()
        api_url = settings.slack_api_url
        correctors = Correctors.parse(settings.persona_correctors)
        bolt = build_app(
            service,
            token=token,
            signing_secret=secret,
            api_url=api_url,
            correctors=correctors,
            admins=Admins.parse(settings.persona_admins),
        )
        async with _refresher(service, bolt, settings):
            if app_token:
                log.info("Socket Mode: connecting to Slack")
                _tune_garbage_collector()
                await run_socket_mode(bolt, app_token)
                return
            port = port if port is not None else settings.port
            try:
                server = await HttpServer.start(bolt, secret, port=port)
            except OSError as exc:  # taken, or not ours to bind
                await bolt.aclose()
                raise ConfigError(f"PORT: cannot listen on port {port} ({exc.strerror or exc})") from None
            _tune_garbage_collector()
            try:
                await _until_terminated()
            finally:
                await server.stop()  # acked requests still reach their listeners


def _tune_garbage_collector() -> None:
    """Two changes for a long-running server (made once it is up, so a start that fails leaves the
    process as it was), measured with `bench/slack_load.py --rounds 10`.

    Start-up (modules, schemas, the app: ~90 % of the objects a serving process holds) is frozen
    out of the collector's sight: every full collection walked all of it, 60-100 ms pauses that
    landed on whatever burst was running. Start-up's own garbage is collected first, so none of
    it is kept for good. And the youngest generation is collected every 10,000 allocations
    instead of 700: a burst allocates that many in a few milliseconds, and the collections
    (and the full ones they led to) came mid-burst. Peak memory moved by about 1 %."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000)


def _refresher(service: PersonaService, bolt: PersonaApp, settings: Settings) -> AbstractAsyncContextManager[None]:
    """Issue 13: watched contacts re-checked every PERSONA_REFRESH_MINUTES while serving."""
    from bot.flows.refresh_notify import SlackNotifier
    from persona_bot.refresh import Refresher, refreshing_in_background

    notifier = SlackNotifier(bolt.shared_client)
    refresher = Refresher(service, notifier, max_generations=settings.persona_refresh_max)
    return refreshing_in_background(refresher, timedelta(minutes=settings.persona_refresh_minutes))


async def _until_terminated() -> None:
    stop = asyncio.Event()
    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()


__all__ = ["ConfigError", "persona_blocks", "serve"]
