"""Request verification and the answers that need no CRM: signatures, usage, health."""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import urlencode

import httpx
import pytest

from bot.app import build_app
from bot.envelope import MalformedRequest, parse_signed
from bot.server import EVENTS_PATH, HttpServer
from tests.fakes.slack_api import FakeSlack
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, Harness, signed_headers
from tests.slack.server import settle

BODY = urlencode(
    {
        "command": "/persona",
        "text": "help",
        "team_id": "T0OWN",
        "user_id": "U1",
        "channel_id": "C1",
        "response_url": "http://127.0.0.1:1/never",
    }
)


async def test_forged_signature_is_rejected(bare: Harness) -> None:
    response = await bare.post(BODY, signed_headers(BODY, secret="not-the-secret"))
    assert response.status_code == 401


async def test_missing_signature_is_rejected(bare: Harness) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    assert (await bare.post(BODY, headers)).status_code == 401


async def test_stale_signature_is_rejected(bare: Harness) -> None:
    stale = signed_headers(BODY, timestamp=int(time.time()) - 6 * 60)
    assert (await bare.post(BODY, stale)).status_code == 401
    # A body changed after signing is a forgery too.
    headers = signed_headers(BODY)
    assert (await bare.post(BODY.replace("help", "Ana"), headers)).status_code == 401


async def test_help_and_empty_answer_usage_privately(bare: Harness) -> None:
    for text in ("", "help", "  HELP  "):
        response, path = await bare.command(text)
        assert response.status_code == 200
        [answer] = await bare.answers(path)
        assert answer["response_type"] == "ephemeral"
        assert "/persona history" in answer["text"]
    assert not bare.slack.called("chat.postMessage")


async def test_healthz(bare: Harness) -> None:
    response = await bare.http.get(bare.events_url.replace("/slack/events", "/healthz"))
    assert response.status_code == 200 and response.json() == {"ok": True}


def _signed_json(body: dict[str, object]) -> tuple[str, dict[str, str]]:
    text = json.dumps(body)
    return text, signed_headers(text, content_type="application/json")


async def test_forged_click_is_rejected_before_any_work(bare: Harness) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": "T0OWN"},
        "user": {"id": "U1"},
        "actions": [{"action_id": "persona_history", "value": "x"}],
    }
    body = urlencode({"payload": json.dumps(payload)})
    response = await bare.post(body, signed_headers(body, secret="not-the-secret"))
    assert response.status_code == 401
    await settle()
    assert not bare.slack.calls  # nothing dispatched: no auth.test, no answer


async def test_requests_that_need_a_body_still_get_bolts_answer(bare: Harness) -> None:
    """Not fast-acked: Bolt answers url_verification with the challenge."""
    body, headers = _signed_json({"type": "url_verification", "challenge": "abc123", "token": "legacy"})
    response = await bare.post(body, headers)
    assert response.status_code == 200
    assert "abc123" in response.text


def test_only_empty_ack_requests_are_fast_acked() -> None:
    def form(payload: dict[str, object]) -> str:
        return urlencode({"payload": json.dumps(payload)})

    def acks_empty(body: str, content_type: str = "application/x-www-form-urlencoded") -> bool:
        return parse_signed(body.encode(), "", {"Content-Type": content_type}).acks_empty

    user = {"id": "U1"}
    assert acks_empty(BODY)
    assert acks_empty(form({"type": "block_actions", "user": user, "actions": [{"action_id": "history"}]}))
    assert acks_empty(form({"type": "message_action", "user": user, "callback_id": "generate_persona"}))
    assert not acks_empty(form({"type": "view_submission", "user": user}))  # may answer response_action
    assert not acks_empty(form({"type": "block_suggestion"}))  # answers options
    assert not acks_empty(json.dumps({"type": "url_verification", "challenge": "c"}), "application/json")
    assert not acks_empty(urlencode({"ssl_check": "1", "token": "t"}))
    with pytest.raises(MalformedRequest):  # signed, but not a request anyone could read
        acks_empty(urlencode({"payload": "not json"}))


async def test_stopping_the_server_finishes_acked_dispatches(slack: FakeSlack) -> None:
    bolt = build_app(None, token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=slack.api_url)
    server = await HttpServer.start(bolt, SIGNING_SECRET, host="127.0.0.1", port=0)
    async with httpx.AsyncClient(timeout=10) as http:
        h = Harness(slack, http, f"http://127.0.0.1:{server.port}{EVENTS_PATH}")
        response, path = await h.command("help")
        assert response.status_code == 200 and response.text == ""
    await server.stop()

    pending = [t for t in asyncio.all_tasks() if getattr(t.get_coro(), "__qualname__", "") == "dispatch_after_ack"]
    assert pending == []
    [answer] = await h.answers(path)  # the listener Bolt started still answers
    assert answer["response_type"] == "ephemeral"
