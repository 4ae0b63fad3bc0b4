"""Hostile but fair requests: unsigned garbage, signed nonsense, forged button values, clicks
from another workspace, and CRM text too long for Block Kit."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.blocks.messages import EXPIRED_BUTTON, OTHER_WORKSPACE
from tests.fakes.slack_api import FakeSlack
from tests.slack.cards import card_of, valid_blocks
from tests.slack.crm_export import CONTACTS, _contact
from tests.slack.harness import Harness, signed_headers
from tests.slack.server import serving, settle

FORM = "application/x-www-form-urlencoded"
GARBAGE = [
    ("payload=%7Bx", FORM),  # not JSON
    ("[1]", "application/json"),  # JSON, not an object
    ("payload=%5B1%5D", FORM),  # a payload that is a list
    ("payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A7%7D", FORM),  # wrong shapes
    ("command=%2Fpersona", FORM),  # a command without a user
    ('{"type": "nonsense"}', "application/json"),
    ("", FORM),
]
NOT_UTF8 = b"payload=\xff\xfe\xfa"


def _no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.exc_info], "a log record carries a traceback"


async def test_unsigned_garbage_is_refused_before_it_is_read(bare: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    for body, content_type in GARBAGE:
        response = await bare.post(body, {"Content-Type": content_type})
        assert response.status_code == 401, body
    response = await bare.http.post(bare.events_url, content=NOT_UTF8, headers={"Content-Type": FORM})
    assert response.status_code == 401
    await settle()
    _no_traceback(caplog)
    refusals = [r for r in caplog.records if "unsigned" in r.getMessage()]
    assert len(refusals) == len(GARBAGE) + 1  # one short line each
    assert all(len(r.getMessage()) < 200 for r in refusals)
    assert not bare.slack.calls


async def test_signed_but_malformed_is_a_400_with_one_line(bare: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    for body, content_type in GARBAGE:
        response = await bare.post(body, signed_headers(body, content_type=content_type))
        assert response.status_code == 400, body
    await settle()
    _no_traceback(caplog)
    assert len([r for r in caplog.records if "malformed" in r.getMessage()]) == len(GARBAGE)
    assert not bare.slack.calls


@pytest.mark.parametrize(
    ("action_id", "value"),
    [
        ("regenerate", "{"),
        ("history", "not json"),
        ("pick_contact_0", "%%%"),
        ("pick_history_0", '{"c": 5}'),
        ("pick_similar_0", "[]"),
        ("retry_lookup", '{"k": "format-disk"}'),
        ("retry", '{"c": ""}'),
        ("vote_up", '{"c": "c-ana", "v": "1"}'),
        ("vote_down", "garbage"),
        ("correction_keep", '{"c": "c-ana"}'),
        ("correction_clear", "{}"),
    ],
)
async def test_a_garbage_button_value_gets_the_expired_answer(harness: Harness, action_id: str, value: str) -> None:
    _, path = await harness.click("C1", "1.1", action_id, value=value)
    [answer] = await harness.answers(path)
    assert answer["response_type"] == "ephemeral"
    assert answer["text"] == EXPIRED_BUTTON and "/persona" in answer["text"]
    assert not harness.slack.called("chat.postMessage")


async def test_regenerate_from_another_workspace_is_refused(harness: Harness) -> None:
    await harness.command("Bruno Costa")
    card = await card_of(harness)
    before = json.dumps(card["blocks"])

    _, path = await harness.click("C1", card["ts"], "regenerate", team="T0OTHER", user="U7")

    [answer] = await harness.answers(path)
    assert answer["text"] == OTHER_WORKSPACE and answer["response_type"] == "ephemeral"
    await settle()
    assert json.dumps(harness.slack.messages[("C1", card["ts"])]["blocks"]) == before  # card untouched
    assert not harness.slack.called("chat.update", ts=card["ts"])
    assert await harness.service.versions("T0OTHER", "c-bruno") == []  # nothing generated for them


async def test_history_of_a_contact_with_a_very_long_name(slack: FakeSlack, tmp_path: Path) -> None:
    long_name = "Bartholomew " * 400  # ~4,800 characters
    export = tmp_path / "crm.json"
    contacts = [*CONTACTS, _contact("c-long", long_name.strip(), "bart@long.example", "Long Names Ltd")]
    export.write_text(json.dumps({"contacts": contacts}), encoding="utf-8")
    async with serving(slack, tmp_path, crm_adapter="json", crm_json_path=export) as h:
        await h.command("bart@long.example")
        card = await card_of(h)
        valid_blocks(card["blocks"])
        _, path = await h.command("history bart@long.example")
        [answer] = await h.answers(path)
        assert answer["response_type"] == "ephemeral" and "v1" in json.dumps(answer["blocks"])
        valid_blocks(answer["blocks"])
        assert "went wrong" not in answer["text"]


async def test_a_garbage_card_menu_choice_gets_the_expired_answer(harness: Harness) -> None:
    for value in ("junk", '{"m": "self-destruct", "c": "c-ana"}'):
        _, path = await harness.interact(
            {
                "type": "block_actions",
                "team": {"id": "T0OWN"},
                "user": {"id": "U1", "team_id": "T0OWN"},
                "channel": {"id": "C1"},
                "container": {"type": "message", "message_ts": "1.1", "channel_id": "C1"},
                "actions": [{"type": "overflow", "action_id": "card_menu", "selected_option": {"value": value}}],
            }
        )
        [answer] = await harness.answers(path)
        assert answer["text"] == EXPIRED_BUTTON and answer["response_type"] == "ephemeral"
