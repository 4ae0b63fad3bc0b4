"""Random unsigned and signed-but-malformed requests through the real HTTP server: 401, 400 or
200 only, and never a traceback in the log (one short line per refusal)."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.slack.harness import Harness, signed_headers
from tests.slack.server import settle

FORM = "application/x-www-form-urlencoded"
content_types = st.sampled_from([FORM, "application/json", "text/plain", ""])
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
kinds = st.sampled_from(["block_actions"] * 4 + ["message_action", "shortcut", "view_submission", "nonsense", ""])
action_ids = st.sampled_from(["regenerate", "history", "retry", "pick_contact_0", "retry_lookup", "unknown"])


def _maybe(value: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Mostly the right shape (so some requests are dispatched), sometimes any JSON."""
    return st.integers(0, 7).flatmap(lambda k: json_values if k == 7 else value)  # 0 is drawn most


def payloads(response_url: str) -> st.SearchStrategy[dict[str, object]]:
    """Interactive payloads close to Slack's, with some fields of the wrong shape."""
    action = st.fixed_dictionaries(
        {"action_id": _maybe(action_ids)}, optional={"value": _maybe(st.text(max_size=40)), "type": json_values}
    )
    return st.fixed_dictionaries(
        {
            "type": _maybe(kinds),
            "user": _maybe(st.fixed_dictionaries({"id": st.just("U1")})),
            "team": _maybe(st.fixed_dictionaries({"id": st.sampled_from(["T0OWN", "T0OTHER"])})),
            "channel": _maybe(st.fixed_dictionaries({"id": st.just("C1")})),
            "actions": _maybe(st.lists(action, min_size=1, max_size=2)),
            "response_url": st.just(response_url),
        },
        optional={
            "callback_id": _maybe(st.just("generate_persona")),
            "message": _maybe(st.fixed_dictionaries({"ts": st.just("1.1"), "text": st.text(max_size=20)})),
        },
    )


def _no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.exc_info]


@settings(max_examples=60)
@given(body=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)), content_type=content_types)
async def test_unsigned_requests_get_401(
    bare: Harness, caplog: pytest.LogCaptureFixture, body: bytes, content_type: str
) -> None:
    caplog.set_level(logging.INFO)
    caplog.clear()  # one fixture for all examples: each checks its own log
    response = await bare.http.post(bare.events_url, content=body, headers={"Content-Type": content_type})
    assert response.status_code == 401
    _no_traceback(caplog)
    assert not bare.slack.calls


@settings(max_examples=60)
@given(data=st.data(), content_type=content_types)
async def test_signed_malformed_requests_get_400_or_200(
    harness: Harness, caplog: pytest.LogCaptureFixture, data: st.DataObject, content_type: str
) -> None:
    caplog.set_level(logging.INFO)
    caplog.clear()
    url = harness.slack.response_url("fuzz")
    close_to_slack = payloads(url).map(lambda p: urlencode({"payload": json.dumps(p)}))
    body = data.draw(
        st.one_of(
            close_to_slack,
            close_to_slack,
            close_to_slack,
            st.text(max_size=200),
            json_values.map(json.dumps),
            json_values.map(lambda v: urlencode({"payload": json.dumps(v)})),
            close_to_slack.map(lambda b: b[: len(b) // 2]),  # cut short
            st.dictionaries(
                st.sampled_from(["command", "text", "user_id", "team_id", "channel_id", "response_url"]),
                st.text(max_size=20),
            ).map(urlencode),
        )
    )
    response = await harness.post(body, signed_headers(body, content_type=content_type))
    event(f"HTTP {response.status_code}")
    assert response.status_code in (200, 400)
    await settle()
    _no_traceback(caplog)
