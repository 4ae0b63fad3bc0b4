"""The Look up a contact modal through the real server: the button opens it, block_suggestion
answers options (min 2 characters, at most 100, fast even when the CRM is not), choosing one
shows the card in the modal, Share posts it in the chosen channel; ids and HubSpot links work."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.views import View

from tests.fakes.hubspot import FakeHubSpot, Fault
from tests.fakes.slack_api import TEAM_ID, FakeSlack
from tests.slack.harness import Harness
from tests.slack.server import serving, settle

USER = {"id": "U1", "team_id": TEAM_ID}
TEAM = {"id": TEAM_ID, "domain": "own"}


def _valid(view: dict[str, Any]) -> None:
    View(**{k: v for k, v in view.items() if k not in ("id", "hash", "state")}).validate_json()


async def _open(harness: Harness) -> dict[str, Any]:
    home = {"type": "home", "id": "VH1"}
    button = {"type": "button", "action_id": "open_lookup", "block_id": "home_actions", "action_ts": "1"}
    await harness.interact(
        {"type": "block_actions", "team": TEAM, "user": USER, "container": {"type": "view"}, "view": home,
         "actions": [button]}
    )  # fmt: skip
    [opened] = await harness.slack.wait_for("views.open")
    view = opened.result["view"]
    _valid(view)
    return view


async def _suggest(harness: Harness, view: dict[str, Any], value: str) -> list[dict[str, Any]]:
    response, _ = await harness.interact(
        {
            "type": "block_suggestion",
            "team": TEAM,
            "user": USER,
            "container": {"type": "view", "view_id": view["id"]},
            "view": view,
            "action_id": "contact_search",
            "block_id": "contact_search_block",
            "value": value,
        }
    )
    assert response.status_code == 200
    return list(response.json()["options"])


async def _choose(harness: Harness, view: dict[str, Any], option: dict[str, Any]) -> dict[str, Any]:
    updates = len(harness.slack.called("views.update"))
    await harness.interact(
        {
            "type": "block_actions",
            "team": TEAM,
            "user": USER,
            "container": {"type": "view", "view_id": view["id"]},
            "view": view,
            "actions": [
                {
                    "type": "external_select",
                    "action_id": "contact_search",
                    "block_id": "contact_search_block",
                    "selected_option": option,
                    "action_ts": "2",
                }
            ],
        }
    )
    await harness.slack.wait_for("views.update", updates + 2)
    await settle()
    return harness.slack.views[view["id"]]


async def test_lookup_modal_from_search_to_shared_card(harness: Harness) -> None:
    view = await _open(harness)
    assert "external_select" in str(view["blocks"])

    assert await _suggest(harness, view, "a") == []  # below the minimum length
    options = await _suggest(harness, view, "ana")
    assert len(options) == 2 and all("Ana" in o["text"]["text"] for o in options)
    assert all(len(o["text"]["text"]) <= 75 for o in options)
    by_id = await _suggest(harness, view, "c-bruno")
    assert [o["value"] for o in by_id] == ["c-bruno"]

    modal = await _choose(harness, view, by_id[0])
    _valid(modal)
    text = str(modal["blocks"])
    assert "Bruno Costa" in text and "share_channel" in text and "'action_id': 'watch'" in text
    assert not harness.slack.called("chat.postMessage")  # private until shared

    url, path = harness.slack.response_url("share"), "/response/share"
    state = {"values": {"share_channel": {"share_channel_select": {"type": "conversations_select",
                                                                     "selected_conversation": "C7"}}}}  # fmt: skip
    response, _ = await harness.interact(
        {
            "type": "view_submission",
            "team": TEAM,
            "user": USER,
            "view": {**modal, "state": state},
            "response_urls": [
                {"block_id": "share_channel", "action_id": "share_channel_select", "channel_id": "C7",
                 "response_url": url}
            ],
        }
    )  # fmt: skip
    assert response.status_code == 200 and response.text in ("", "null")
    [post] = await harness.slack.wait_for("chat.postMessage", channel="C7")
    assert "Bruno Costa" in post.args["text"]
    await settle()
    assert await harness.service.find_share(TEAM_ID, "c-bruno", "C7") is not None
    assert harness.slack.answers(path) == []  # posted in the channel, no private fallback needed


async def test_watch_in_the_modal_flips_the_button(harness: Harness) -> None:
    view = await _open(harness)
    [option] = await _suggest(harness, view, "c-bruno")
    modal = await _choose(harness, view, option)
    watch = next(e for b in modal["blocks"] for e in b.get("elements", []) if e.get("action_id") == "watch")
    await harness.interact(
        {"type": "block_actions", "team": TEAM, "user": USER, "container": {"type": "view", "view_id": modal["id"]},
         "view": modal, "actions": [{**watch, "block_id": "lookup_actions", "action_ts": "3"}]}
    )  # fmt: skip
    await harness.slack.until(lambda: "'unwatch'" in str(harness.slack.views[modal["id"]]["blocks"]), "Unwatch")
    assert await harness.service.watches.is_watching(harness.service.key(TEAM_ID, "c-bruno"), "U1")


# ----- HubSpot behind the modal and /persona: links, ids, a failing or slow CRM -----


@pytest.fixture
async def hubspot() -> AsyncIterator[FakeHubSpot]:
    fake = FakeHubSpot()
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
async def hub_harness(slack: FakeSlack, tmp_path: Path, hubspot: FakeHubSpot) -> AsyncIterator[Harness]:
    async with serving(
        slack, tmp_path, crm_adapter="hubspot", hubspot_access_token=hubspot.token, hubspot_api_url=hubspot.url
    ) as h:
        yield h


async def test_hubspot_links_and_ids_in_the_typeahead_and_the_command(
    hub_harness: Harness, hubspot: FakeHubSpot
) -> None:
    ana = hubspot.add("contacts", {"firstname": "Ana", "lastname": "Souza", "email": "ana@acme.example"})
    view = await _open(hub_harness)
    for typed in (
        f"https://app.hubspot.com/contacts/4711/record/0-1/{ana}",
        f"https://app.hubspot.com/contacts/4711/contact/{ana}/",
        ana,
    ):
        assert [o["value"] for o in await _suggest(hub_harness, view, typed)] == [ana], typed
    await hub_harness.command(f"<https://app.hubspot.com/contacts/4711/record/0-1/{ana}>")
    [post] = await hub_harness.slack.wait_for("chat.postMessage")
    assert "Ana Souza" in post.args["text"]


async def test_a_failing_or_slow_crm_gives_no_options_quickly(
    hub_harness: Harness, hubspot: FakeHubSpot, caplog: pytest.LogCaptureFixture
) -> None:
    hubspot.add("contacts", {"firstname": "Ana", "lastname": "Souza"})
    view = await _open(hub_harness)
    hubspot.inject(Fault(403, path="/search"))
    assert await _suggest(hub_harness, view, "ana") == []
    assert "typeahead: the CRM failed" in caplog.text

    hubspot.latency = 5.0
    started = time.monotonic()
    assert await _suggest(hub_harness, view, "souza") == []
    assert time.monotonic() - started < 3.0  # Slack gives up at 3 s
    assert "no options" in caplog.text
    hubspot.latency = 0.0
