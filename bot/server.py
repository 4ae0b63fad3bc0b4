"""Serving the app: HTTP (aiohttp, `/slack/events` + `/healthz`) or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.app import PersonaApp
from bot.envelope import MalformedRequest, parse_signed

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
_DISPATCHES: web.AppKey[set[asyncio.Task[None]]] = web.AppKey("dispatches", set[asyncio.Task[None]])


def web_app(bolt: AsyncApp, signing_secret: str) -> web.Application:
    """Commands, interactivity and shortcuts all arrive at EVENTS_PATH.

    Verify, then parse: an unsigned body is refused (401) before anything reads it, and a
    signed one that is not a Slack request we can read gets a 400; either costs one log line.
    Fast ack: a request that only needs an empty 200 is answered at once; Bolt then
    dispatches the same request (verifying it again, running the ack and the lazy
    listeners) in a task, so the ack never waits behind other requests' work on the event loop.
    """
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    async def slack_events(request: web.Request) -> web.Response:
        raw = await request.read()
        if verifier is not None and not signed(verifier, raw, request.headers):
            log.warning("refused an unsigned request (%d bytes) from %s", len(raw), request.remote)
            return web.json_response({"error": "invalid signature"}, status=401)
        try:
            signed_request = parse_signed(raw, request.query_string, request.headers)
        except MalformedRequest as exc:
            log.warning("refused a signed but malformed request: %s", exc)
            return web.json_response({"error": "malformed request"}, status=400)
        if verifier is None or not signed_request.acks_empty:
            return await to_aiohttp_response(await bolt.async_dispatch(signed_request.bolt))
        tasks = request.app[_DISPATCHES]
        task = asyncio.create_task(dispatch_after_ack(bolt, signed_request.bolt))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        return web.Response()

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def finish_dispatches(app: web.Application) -> None:
        """Graceful shutdown: requests already acked still reach their listeners."""
        pending: set[asyncio.Task[None]] = app[_DISPATCHES]
        if pending:
            await asyncio.wait(set(pending))

    app = web.Application(client_max_size=1024 * 1024)
    app[_DISPATCHES] = set()
    app.add_routes([web.post(EVENTS_PATH, slack_events), web.get("/healthz", healthz)])
    app.on_shutdown.append(finish_dispatches)
    return app


def signed(verifier: SignatureVerifier, raw: bytes, headers: Mapping[str, str]) -> bool:
    """Slack's signature over the raw bytes. slack_sdk's verifier decodes the body as UTF-8
    first, so a body that is not UTF-8 (never one of Slack's) is simply not signed."""
    try:
        return verifier.is_valid_request(raw, dict(headers))
    except (ValueError, TypeError):  # a timestamp that is not a number, a body not UTF-8
        return False


async def dispatch_after_ack(bolt: AsyncApp, request: AsyncBoltRequest) -> None:
    """Bolt's full dispatch of an already acked request; its (empty) answer is not sent."""
    try:
        response = await bolt.async_dispatch(request)
    except Exception:
        log.exception("dispatch failed after the ack")
        return
    if response.status != 200:
        log.warning("Bolt answered %s after the fast ack: %s", response.status, response.body)


@dataclass
class HttpServer:
    """A started aiohttp server; `port` is the real one (pass 0 for an ephemeral port)."""

    runner: web.AppRunner
    port: int
    bolt: PersonaApp

    @classmethod
    async def start(cls, bolt: PersonaApp, signing_secret: str, host: str = "0.0.0.0", port: int = 3000) -> HttpServer:
        runner = web.AppRunner(web_app(bolt, signing_secret), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        real_port = int(runner.addresses[0][1])
        log.info("listening on http://%s:%s%s", host, real_port, EVENTS_PATH)
        return cls(runner, real_port, bolt)

    async def stop(self) -> None:
        await self.runner.cleanup()
        await self.bolt.aclose()


async def run_socket_mode(bolt: PersonaApp, app_token: str) -> None:
    """No public URL needed: Slack delivers over a WebSocket the app opens. Runs until cancelled."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(bolt, app_token)
    try:
        await handler.start_async()
    finally:
        await handler.close_async()
        await bolt.aclose()
