"""The Home tab through the real server: app_home_opened publishes a valid view, once per
delivery even when Slack retries it; Watch on a card stores, Unwatch removes."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.views import View

from tests.fakes.slack_api import TEAM_ID
from tests.slack.harness import Harness
from tests.slack.server import settle


def _valid(view: dict[str, Any]) -> View:
    clean = {k: v for k, v in view.items() if k not in ("id", "hash", "state")}
    parsed = View(**clean)
    parsed.validate_json()  # slack_sdk raises on any Block Kit limit
    assert len(parsed.blocks) <= 100
    return parsed


def _texts(view: dict[str, Any]) -> str:
    return str(view["blocks"])


async def _card(harness: Harness, query: str = "bruno@initech.example") -> tuple[str, str]:
    await harness.command(query)
    [post] = await harness.slack.wait_for("chat.postMessage")
    await settle()
    return post.args["channel"], post.result["ts"]


async def test_home_opened_publishes_a_valid_view_once_even_when_retried(harness: Harness) -> None:
    await _card(harness)
    event = {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}
    first = await harness.event(event, event_id="Ev1")
    assert first.status_code == 200
    [published] = await harness.slack.wait_for("views.publish")
    retried = await harness.event(event, event_id="Ev1", retry=1)
    assert retried.status_code == 200
    await settle()
    assert len(harness.slack.called("views.publish")) == 1

    view = harness.slack.homes["U1"]
    assert published.args["user_id"] == "U1"
    _valid(view)
    assert "Look up a contact" in _texts(view) and "Bruno" in _texts(view)  # a recent persona
    assert "Nobody yet" in _texts(view)  # watching nobody

    await harness.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "messages"})
    await settle()
    assert len(harness.slack.called("views.publish")) == 1  # the Messages tab is not ours


async def test_watch_stores_and_unwatch_removes(harness: Harness) -> None:
    channel, ts = await _card(harness)
    key = harness.service.key(TEAM_ID, _contact_id(harness, channel, ts))
    _, path = await harness.click(channel, ts, "watch", user="U2")
    [answer] = await harness.answers(path)
    assert answer["response_type"] == "ephemeral" and "You're watching" in answer["text"]
    assert await harness.service.watches.is_watching(key, "U2")
    assert not await harness.service.watches.is_watching(key, "U1")  # per person

    _, again = await harness.click(channel, ts, "watch", user="U2")
    assert "already watching" in (await harness.answers(again))[0]["text"]

    _, undo = await harness.click_ephemeral(answer["blocks"], "unwatch", channel=channel, user="U2")
    [stopped] = await harness.answers(undo)
    assert "stopped watching" in stopped["text"] and stopped["replace_original"] is True
    assert not await harness.service.watches.is_watching(key, "U2")


async def test_home_lists_watches_with_an_unwatch_button(harness: Harness) -> None:
    channel, ts = await _card(harness)
    _, path = await harness.click(channel, ts, "watch")
    await harness.answers(path)
    await harness.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    await harness.slack.wait_for("views.publish")
    view = harness.slack.homes["U1"]
    _valid(view)
    unwatch = [b for b in view["blocks"] if (b.get("accessory") or {}).get("action_id") == "unwatch"]
    assert len(unwatch) == 1 and "Bruno" in unwatch[0]["text"]["text"]

    await harness.interact(
        {
            "type": "block_actions",
            "team": {"id": TEAM_ID},
            "user": {"id": "U1", "team_id": TEAM_ID},
            "container": {"type": "view", "view_id": view["id"]},
            "view": view,
            "actions": [{**unwatch[0]["accessory"], "block_id": unwatch[0].get("block_id", "b"), "action_ts": "1"}],
        }
    )
    await harness.slack.wait_for("views.publish", 2)
    assert "unwatch" not in str(harness.slack.homes["U1"]["blocks"])


def _contact_id(harness: Harness, channel: str, ts: str) -> str:
    blocks = harness.slack.messages[(channel, ts)]["blocks"]
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == "watch":
                return str(element["value"])
    raise AssertionError("no Watch button on the card")
