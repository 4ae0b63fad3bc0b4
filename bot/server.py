"""Serving the app: HTTP (aiohttp, `/slack/events` + `/healthz`) or Socket Mode."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


def web_app(bolt: AsyncApp) -> web.Application:
    """Commands, interactivity and shortcuts all arrive at EVENTS_PATH (Bolt verifies them)."""

    async def slack_events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app = web.Application(client_max_size=1024 * 1024)
    app.add_routes([web.post(EVENTS_PATH, slack_events), web.get("/healthz", healthz)])
    return app


@dataclass
class HttpServer:
    """A started aiohttp server; `port` is the real one (pass 0 for an ephemeral port)."""

    runner: web.AppRunner
    port: int

    @classmethod
    async def start(cls, bolt: AsyncApp, host: str = "0.0.0.0", port: int = 3000) -> HttpServer:
        runner = web.AppRunner(web_app(bolt), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        real_port = int(runner.addresses[0][1])
        log.info("listening on http://%s:%s%s", host, real_port, EVENTS_PATH)
        return cls(runner, real_port)

    async def stop(self) -> None:
        await self.runner.cleanup()


async def run_socket_mode(bolt: AsyncApp, app_token: str) -> None:
    """No public URL needed: Slack delivers over a WebSocket the app opens. Runs until cancelled."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(bolt, app_token)
    try:
        await handler.start_async()
    finally:
        await handler.close_async()
