"""Serving the app: HTTP (aiohttp, `/slack/events` + `/healthz`) or Socket Mode."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.app import PersonaApp

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
# Interactive payloads whose listeners all just ack (empty 200) and answer later.
_ACK_EMPTY_PAYLOADS = frozenset({"block_actions", "message_action", "shortcut"})
_DISPATCHES: web.AppKey[set[asyncio.Task[None]]] = web.AppKey("dispatches", set[asyncio.Task[None]])


def acks_empty(body: str) -> bool:
    """True for the requests every listener of ours answers with an empty 200: slash commands,
    button clicks and shortcuts. Anything else (url_verification, view submissions, options,
    ssl_check...) may need Bolt's response body, so it is dispatched before answering."""
    form = parse_qs(body)
    if "command" in form:
        return True
    try:
        payload = json.loads(form["payload"][0])
    except (KeyError, ValueError):
        return False
    return isinstance(payload, dict) and payload.get("type") in _ACK_EMPTY_PAYLOADS


def web_app(bolt: AsyncApp, signing_secret: str) -> web.Application:
    """Commands, interactivity and shortcuts all arrive at EVENTS_PATH.

    Fast ack: a request that only needs an empty 200 is verified here and answered at once;
    Bolt then dispatches the same request (verifying it again, running the ack and the lazy
    listeners) in a task, so the ack never waits behind other requests' work on the event loop.
    """
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    async def slack_events(request: web.Request) -> web.Response:
        bolt_request = await to_bolt_request(request)
        if verifier is None or not acks_empty(bolt_request.raw_body):
            return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))
        if not _verified(verifier, bolt_request.raw_body, request):
            return web.json_response({"error": "invalid request"}, status=401)
        tasks = request.app[_DISPATCHES]
        task = asyncio.create_task(dispatch_after_ack(bolt, bolt_request))
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


def _verified(verifier: SignatureVerifier, body: str, request: web.Request) -> bool:
    try:
        return verifier.is_valid_request(body, dict(request.headers))
    except ValueError:  # a timestamp that is not a number
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
