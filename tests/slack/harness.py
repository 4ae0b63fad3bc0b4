"""Drives the real server over HTTP the way Slack does: signed form posts and `payload=` JSON."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
from slack_sdk.signature import SignatureVerifier

from tests.fakes.slack_api import BOT_TOKEN, TEAM_ID, FakeSlack

__all__ = ["BOT_TOKEN", "SIGNING_SECRET", "Harness", "signed_headers"]

SIGNING_SECRET = "test-signing-secret"

_ids = itertools.count(1)


def signed_headers(
    body: str,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    content_type: str = "application/x-www-form-urlencoded",
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature, "Content-Type": content_type}


@dataclass
class Harness:
    slack: FakeSlack
    http: httpx.AsyncClient
    events_url: str
    service: Any = None  # the PersonaService behind the server (None for `bare`)
    responses: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def post(self, body: str, headers: dict[str, str] | None = None) -> httpx.Response:
        return await self.http.post(
            self.events_url, content=body, headers=headers if headers is not None else signed_headers(body)
        )

    def _response_url(self) -> tuple[str, str]:
        key = f"r{next(self.responses)}"
        return self.slack.response_url(key), f"/response/{key}"

    async def command(
        self, text: str, *, channel: str = "C1", user: str = "U1", team: str = TEAM_ID
    ) -> tuple[httpx.Response, str]:
        """A signed `/persona` slash command; returns the response and its response_url path."""
        url, path = self._response_url()
        body = urlencode(
            {
                "token": "legacy",
                "team_id": team,
                "team_domain": "own",
                "channel_id": channel,
                "channel_name": "general",
                "user_id": user,
                "user_name": "asker",
                "command": "/persona",
                "text": text,
                "api_app_id": "A1",
                "is_enterprise_install": "false",
                "response_url": url,
                "trigger_id": f"t{next(_ids)}",
            }
        )
        return await self.post(body), path

    async def interact(self, payload: dict[str, Any]) -> tuple[httpx.Response, str]:
        url, path = self._response_url()
        payload = {
            "response_url": url,
            "trigger_id": f"t{next(_ids)}",
            "api_app_id": "A1",
            "token": "legacy",
            **payload,
        }
        return await self.post(urlencode({"payload": json.dumps(payload)})), path

    async def click(
        self,
        channel: str,
        ts: str,
        action_id: str,
        *,
        value: str | None = None,
        user: str = "U1",
        team: str = TEAM_ID,
        ephemeral: bool = False,
    ) -> tuple[httpx.Response, str]:
        """A button click on a message the fake Slack holds (its current blocks are sent)."""
        message = self.slack.messages.get((channel, ts), {"ts": ts, "blocks": [], "text": ""})
        button = _find_button(message["blocks"], action_id)
        return await self.interact(
            {
                "type": "block_actions",
                "team": {"id": team, "domain": "own"},
                "user": {"id": user, "team_id": team},
                "channel": {"id": channel},
                "container": {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": ephemeral},
                "message": message,
                "actions": [
                    {
                        "type": "button",
                        "action_id": action_id,
                        "block_id": button.get("block_id", "b"),
                        "value": value if value is not None else button.get("value", ""),
                        "action_ts": str(time.time()),
                    }
                ],
            }
        )

    async def click_ephemeral(
        self, blocks: list[dict[str, Any]], action_id: str, *, channel: str = "C1", user: str = "U1"
    ) -> tuple[httpx.Response, str]:
        """A click in an ephemeral message (picker, Retry): Slack sends no message body."""
        button = _find_button(blocks, action_id)
        return await self.interact(
            {
                "type": "block_actions",
                "team": {"id": TEAM_ID, "domain": "own"},
                "user": {"id": user, "team_id": TEAM_ID},
                "channel": {"id": channel},
                "container": {"type": "message", "message_ts": "1.1", "channel_id": channel, "is_ephemeral": True},
                "actions": [
                    {
                        "type": "button",
                        "action_id": button["action_id"],
                        "block_id": button.get("block_id", "b"),
                        "value": button["value"],
                        "action_ts": str(time.time()),
                    }
                ],
            }
        )

    async def choose(
        self, channel: str, ts: str, item: str, *, user: str = "U1", team: str = TEAM_ID
    ) -> tuple[httpx.Response, str]:
        """Pick `item` ("correct", ...) in the card's ⋯ overflow menu."""
        message = self.slack.messages[(channel, ts)]
        for block in message["blocks"]:
            for element in block.get("elements", []):
                if element.get("type") != "overflow":
                    continue
                option = next(o for o in element["options"] if json.loads(o["value"])["m"] == item)
                return await self.interact(
                    {
                        "type": "block_actions",
                        "team": {"id": team, "domain": "own"},
                        "user": {"id": user, "team_id": team},
                        "channel": {"id": channel},
                        "container": {"type": "message", "message_ts": ts, "channel_id": channel},
                        "message": message,
                        "actions": [
                            {
                                "type": "overflow",
                                "action_id": element["action_id"],
                                "block_id": block.get("block_id", "b"),
                                "selected_option": option,
                                "action_ts": str(time.time()),
                            }
                        ],
                    }
                )
        raise AssertionError("the card has no overflow menu")

    async def submit_view(
        self, view: dict[str, Any], values: dict[str, Any], *, user: str = "U1", team: str = TEAM_ID
    ) -> httpx.Response:
        """A signed view_submission of an opened modal with `values` as its state."""
        payload = {
            "type": "view_submission",
            "team": {"id": team, "domain": "own"},
            "user": {"id": user, "team_id": team},
            "api_app_id": "A1",
            "token": "legacy",
            "trigger_id": f"t{next(_ids)}",
            "view": {**view, "state": {"values": values}},
        }
        return await self.post(urlencode({"payload": json.dumps(payload)}))

    async def shortcut(
        self, message: dict[str, Any], *, channel: str = "C1", user: str = "U1"
    ) -> tuple[httpx.Response, str]:
        return await self.interact(
            {
                "type": "message_action",
                "callback_id": "generate_persona",
                "team": {"id": TEAM_ID, "domain": "own"},
                "user": {"id": user, "team_id": TEAM_ID},
                "channel": {"id": channel, "name": "general"},
                "message_ts": message["ts"],
                "message": {"type": "message", **message},
            }
        )

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None, team: str = TEAM_ID
    ) -> httpx.Response:
        """A signed Events API delivery (JSON); `retry` sets X-Slack-Retry-Num as Slack does."""
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": team,
                "api_app_id": "A1",
                "event": event,
                "type": "event_callback",
                "event_id": event_id or f"Ev{next(_ids)}",
                "event_time": int(time.time()),
                "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}],
            }
        )
        headers = signed_headers(body, content_type="application/json")
        if retry is not None:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(body, headers)

    def answers_now(self, path: str) -> list[dict[str, Any]]:
        return [c.args for c in self.slack.answers(path)]

    async def answers(self, path: str, count: int = 1) -> list[dict[str, Any]]:
        """What the bot sent to one response_url (waits for `count`)."""
        return [c.args for c in await self.slack.wait_answers(path, count)]


def _find_button(blocks: list[dict[str, Any]], action_id: str) -> dict[str, Any]:
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("type") == "button" and str(element.get("action_id", "")).startswith(action_id):
                return {**element, "block_id": block.get("block_id")}
    return {"action_id": action_id}
