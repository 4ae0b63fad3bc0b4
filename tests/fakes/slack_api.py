"""A fake Slack Web API on 127.0.0.1 (aiohttp): the methods the bot calls, with Slack's shapes.

Every call is recorded (method + arguments, whether sent as JSON, form or query string) so
tests can assert what the bot did. Faults are scripted per method: a Slack error code
(`not_in_channel`, ...) or one HTTP 429 with `Retry-After`. It also serves response_url
endpoints (`/response/<id>`), recorded the same way, so ephemeral answers can be asserted.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TEAM_ID = "T0OWN"
BOT_TOKEN = "xoxb-fake"  # obviously not a real token; the only one this fake accepts
APP_TOKEN = "xapp-1-test-token"  # Socket Mode: apps.connections.open takes the app-level token
BOT_USER_ID = "UBOT"


@dataclass
class Call:
    method: str  # "chat.postMessage", ... or "response_url"
    args: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    path: str = ""
    result: dict[str, Any] = field(default_factory=dict)  # what the fake answered


@dataclass
class Fault:
    method: str
    error: str | None = None  # a Slack error code answered with ok=false
    status: int = 200  # 429: rate limited
    retry_after: int = 1
    times: int = 1
    match: Callable[[dict[str, Any]], bool] = lambda _args: True


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.channels: dict[str, dict[str, Any]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}
        self.homes: dict[str, dict[str, Any]] = {}  # user id -> the published Home tab
        self.views: dict[str, dict[str, Any]] = {}  # opened modals by view id
        self.usergroups: dict[str, list[str]] = {}  # user-group id -> member ids
        self.latency = 0.0
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.socket: web.WebSocketResponse | None = None  # the app's Socket Mode connection
        self.socket_acks: list[dict[str, Any]] = []

    # -- setup -----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, key: str = "r") -> str:
        return f"{self.url}/response/{key}"

    def fail(self, method: str, error: str, *, times: int = 1, **match: Any) -> None:
        """The next `times` calls to `method` (whose args include `match`) answer `error`."""
        self.faults.append(Fault(method, error=error, times=times, match=_matcher(match)))

    def rate_limit(self, method: str, *, retry_after: int = 1, times: int = 1) -> None:
        self.faults.append(Fault(method, status=429, retry_after=retry_after, times=times))

    def add_channel(self, channel_id: str, **info: Any) -> None:
        self.channels[channel_id] = {"id": channel_id, "name": channel_id.lower(), **info}

    def add_user(
        self, user_id: str, *, team_id: str = TEAM_ID, email: str | None = None, name: str = "someone", **extra: Any
    ) -> None:
        profile = {"real_name": name, "display_name": name}
        if email:
            profile["email"] = email
        self.users[user_id] = {"id": user_id, "team_id": team_id, "name": name, "profile": profile, **extra}

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.add_routes(
            [
                web.post("/api/apps.connections.open", self._connections_open),
                web.get("/link", self._socket_link),
                web.route("*", "/api/{method}", self._api),
                web.post("/response/{key}", self._response_url),
            ]
        )
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- assertions --------------------------------------------------------------------------

    def called(self, method: str, **match: Any) -> list[Call]:
        test = _matcher(match)
        return [c for c in self.calls if c.method == method and test(c.args)]

    async def wait_for(self, method: str, count: int = 1, *, within: float = 10.0, **match: Any) -> list[Call]:
        """Poll until `count` matching calls were recorded; fail with what was seen instead."""
        return await self.poll(lambda: self.called(method, **match), count, within, f"{method} {match}")

    def answers(self, path: str) -> list[Call]:
        return [c for c in self.calls if c.method == "response_url" and c.path == path]

    async def wait_answers(self, path: str, count: int = 1, *, within: float = 10.0) -> list[Call]:
        """Poll until `count` answers were sent to one response_url."""
        return await self.poll(lambda: self.answers(path), count, within, f"answers at {path}")

    async def until(self, check: Callable[[], bool], what: str, within: float = 10.0) -> None:
        """Poll a condition on what the fake holds; fail with the calls seen instead."""
        await self.poll(lambda: [Call("ok", {})] if check() else [], 1, within, what)

    async def poll(self, find: Callable[[], list[Call]], count: int, within: float, what: str) -> list[Call]:
        deadline = time.monotonic() + within
        while True:
            found = find()
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                seen = [(c.method, c.path, _short(c.args)) for c in self.calls]
                raise AssertionError(f"expected {count} x {what}; saw {seen}")
            await asyncio.sleep(0.01)

    # -- handlers ----------------------------------------------------------------------------

    async def _args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.body_exists:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(dict(await request.post()))
        for key in ("blocks", "attachments", "view"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        return args

    def _fault(self, method: str, args: dict[str, Any]) -> Fault | None:
        for fault in self.faults:
            if fault.method == method and fault.times > 0 and fault.match(args):
                fault.times -= 1
                return fault
        return None

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        if request.headers.get("Authorization", "") != f"Bearer {BOT_TOKEN}":
            self.calls.append(Call(method, args, path=request.path))
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if self.latency:
            await asyncio.sleep(self.latency)
        fault = self._fault(method, args)
        self.calls.append(Call(method, args, path=request.path))
        if fault and fault.status == 429:
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(fault.retry_after)},
            )
        if fault:
            return web.json_response({"ok": False, "error": fault.error})
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        result = handler(args)
        self.calls[-1].result = result
        return web.json_response(result)

    async def _connections_open(self, request: web.Request) -> web.Response:
        self.calls.append(Call("apps.connections.open", {}, path=request.path))
        if request.headers.get("Authorization", "") != f"Bearer {APP_TOKEN}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/link"})

    async def _socket_link(self, request: web.Request) -> web.WebSocketResponse:
        """Slack's side of Socket Mode: say hello, deliver envelopes, record the app's acks."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}, "debug_info": {"host": "fake"}}
        )
        self.socket = ws
        async for message in ws:
            self.socket_acks.append(json.loads(message.data))
        return ws

    async def deliver(self, kind: str, payload: dict[str, Any]) -> str:
        """Send one Socket Mode envelope (e.g. "slash_commands"); returns its envelope id."""
        await self.until(lambda: self.socket is not None, "a Socket Mode connection")
        envelope_id = f"env-{next(self._ts)}"
        assert self.socket is not None
        await self.socket.send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": kind != "events_api",
            }
        )
        return envelope_id

    async def _response_url(self, request: web.Request) -> web.Response:
        self.calls.append(Call("response_url", await request.json(), path=request.path))
        return web.Response(text="ok")

    def _auth_test(self, _: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://fake.slack.test/",
            "team": "Own",
            "user": "persona",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": "BBOT",
        }

    def _chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = args["channel"]
        if self.channels.get(channel, {}).get("is_archived"):
            return {"ok": False, "error": "is_archived"}
        ts = f"{1700000000 + next(self._ts)}.000100"
        message = {
            "type": "message",
            "ts": ts,
            "user": BOT_USER_ID,
            "text": args.get("text", ""),
            "blocks": args.get("blocks", []),
        }
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
        self.messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        key = (args["channel"], args["ts"])
        if key not in self.messages:
            return {"ok": False, "error": "message_not_found"}
        if len(args.get("text", "")) > 4000:
            return {"ok": False, "error": "msg_too_long"}
        self.messages[key].update(text=args.get("text", ""), blocks=args.get("blocks", []))
        return {"ok": True, "channel": args["channel"], "ts": args["ts"], "text": args.get("text")}

    def _conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = args["channel"]
        if channel not in self.channels:
            return {
                "ok": True,
                "channel": {
                    "id": channel,
                    "is_channel": True,
                    "is_member": True,
                    "is_private": False,
                    "is_ext_shared": False,
                },
            }
        info = self.channels[channel]
        if info.get("missing"):
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": {"is_channel": True, "is_member": True, **info}}

    # -- views and DMs ---------------------------------------------------------------------

    def _view(self, view: Any, view_id: str) -> dict[str, Any]:
        data = json.loads(view) if isinstance(view, str) else dict(view)
        return {**data, "id": view_id, "team_id": TEAM_ID, "hash": f"h{next(self._ts)}", "state": {"values": {}}}

    def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        view = self._view(args["view"], f"VH{args['user_id']}")
        if len(view.get("blocks", [])) > 100:
            return {"ok": False, "error": "invalid_arguments"}
        self.homes[args["user_id"]] = view
        return {"ok": True, "view": view}

    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        """A modal opened with a trigger_id (valid once): Slack answers with the view, id added."""
        trigger = args.get("trigger_id")
        if not trigger or trigger in {v.get("trigger_id") for v in self.views.values()}:
            return {"ok": False, "error": "invalid_trigger_id" if not trigger else "expired_trigger_id"}
        view = {**self._view(args["view"], f"V{next(self._ts)}"), "trigger_id": trigger}
        self.views[view["id"]] = view
        return {"ok": True, "view": {k: v for k, v in view.items() if k != "trigger_id"}}

    def _views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        view_id = args.get("view_id")
        if view_id not in self.views:
            return {"ok": False, "error": "not_found"}
        if args.get("hash") and args["hash"] != self.views[view_id]["hash"]:
            return {"ok": False, "error": "hash_conflict"}
        view = {**self._view(args["view"], view_id), "trigger_id": self.views[view_id].get("trigger_id")}
        self.views[view_id] = view
        return {"ok": True, "view": {k: v for k, v in view.items() if k != "trigger_id"}}

    def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = str(args.get("users", ""))
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        return {"ok": True, "channel": {"id": f"D{users}"}}

    def _chat_getPermalink(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = args["channel"], args["message_ts"]
        return {"ok": True, "channel": channel, "permalink": f"https://fake.slack.test/archives/{channel}/p{ts}"}

    def _usergroups_users_list(self, args: dict[str, Any]) -> dict[str, Any]:
        users = self.usergroups.get(args.get("usergroup", ""))
        return {"ok": True, "users": users} if users is not None else {"ok": False, "error": "no_such_subteam"}

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(args["user"])
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}


def _matcher(match: dict[str, Any]) -> Callable[[dict[str, Any]], bool]:
    return lambda args: all(args.get(k) == v for k, v in match.items())


def _short(args: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if len(str(v)) < 80 else str(v)[:80] + "…") for k, v in args.items()}
