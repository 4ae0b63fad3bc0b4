"""Request verification and the answers that need no CRM: signatures, usage, health."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from tests.slack.harness import Harness, signed_headers

BODY = urlencode({"command": "/persona", "text": "help", "team_id": "T0OWN", "user_id": "U1",
                  "channel_id": "C1", "response_url": "http://127.0.0.1:1/never"})


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
