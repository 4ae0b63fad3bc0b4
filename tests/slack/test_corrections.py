"""Team corrections and votes over HTTP (issue 12): the modal, the card, Regenerate, Keep/Clear."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.flows.correctors import Correctors
from crm.models import Direction, Interaction, InteractionType
from tests.fakes.slack_api import FakeSlack
from tests.slack.cards import card_of, has_buttons, valid_blocks
from tests.slack.crm_export import write_export
from tests.slack.harness import Harness
from tests.slack.server import serving

TEAM = "T0OWN"
NOTE = "She moved to phone calls since the reorg <!channel> <@U999> @here"


def modal_values(view: dict[str, Any], changes: dict[str, str], note: str = "") -> dict[str, Any]:
    """The modal's state as Slack sends it: every select's current option, with `changes`."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        if element["type"] == "static_select":
            value = changes.get(block["block_id"]) or (element.get("initial_option") or {}).get("value")
            option = {"text": {"type": "plain_text", "text": str(value)}, "value": value} if value else None
            values[block["block_id"]] = {element["action_id"]: {"type": "static_select", "selected_option": option}}
        else:
            values[block["block_id"]] = {element["action_id"]: {"type": "plain_text_input", "value": note or None}}
    return values


async def open_modal(h: Harness, card: dict[str, Any], user: str = "U2") -> dict[str, Any]:
    before = len(h.slack.called("views.open"))
    await h.choose("C1", card["ts"], "correct", user=user)
    calls = await h.slack.wait_for("views.open", before + 1)
    return calls[-1].result["view"]


def field_text(message: dict[str, Any]) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


async def correct_channel(h: Harness, card: dict[str, Any], value: str = "phone") -> None:
    view = await open_modal(h, card)
    response = await h.submit_view(view, modal_values(view, {"preferred_channel": value}, NOTE), user="U2")
    assert response.status_code == 200 and response.text == ""  # acked: the modal closes


async def test_correct_opens_a_modal_and_the_submission_updates_the_card(harness: Harness) -> None:
    h = harness
    await h.command("Ana Souza")
    card = await card_of(h)
    valid_blocks(card["blocks"])
    view = await open_modal(h, card)
    [call] = h.slack.called("views.open")
    assert call.args["trigger_id"].startswith("t")  # the action's trigger_id
    channel = next(b for b in view["blocks"] if b.get("block_id") == "preferred_channel")
    assert channel["element"]["initial_option"]["value"] == "email"  # the effective value preselected
    assert channel["hint"]["text"].startswith("Measured: email")
    assert json.loads(view["private_metadata"])["contact_id"] == "c-ana"

    response = await h.submit_view(view, modal_values(view, {"preferred_channel": "phone"}, NOTE), user="U2")
    assert response.status_code == 200 and response.text == ""
    await h.slack.until(lambda: "set by <@U2>" in field_text(h.slack.messages[("C1", card["ts"])]), "corrected card")
    updated = h.slack.messages[("C1", card["ts"])]
    valid_blocks(updated["blocks"])
    text = field_text(updated)
    assert "Phone  ✏️ set by <@U2>" in text and "measured: email, " in text
    assert "<!channel>" not in text and "<@U999>" not in text and "@here" not in text  # the note is escaped
    assert "&lt;!channel&gt;" in text
    assert "prefers the phone" in text  # the offline prose follows the corrected value
    [reply] = await h.slack.wait_for("chat.postMessage", thread_ts=card["ts"])
    assert "<@U2> corrected" in reply.args["text"] and "<!channel>" not in reply.args["text"]

    [stored] = await h.service.feedback.corrections(h.service.key(TEAM, "c-ana"))
    assert (stored.field, stored.value, stored.by, stored.measured_then) == (
        "preferred_channel",
        "phone",
        "U2",
        "email",
    )
    assert stored.confidence_then > 0.5 and stored.note.startswith("She moved")


async def test_regenerate_keeps_the_correction(harness: Harness) -> None:
    h = harness
    await h.command("Ana Souza")
    card = await card_of(h)
    await correct_channel(h, card)
    await h.slack.until(lambda: "set by <@U2>" in field_text(h.slack.messages[("C1", card["ts"])]), "corrected card")
    await h.click("C1", card["ts"], "regenerate")
    await h.slack.wait_for("chat.postMessage", 2, thread_ts=card["ts"])  # correction line, then "Regenerated"
    await h.slack.until(lambda: "v2" in field_text(h.slack.messages[("C1", card["ts"])]), "v2 card")
    final = h.slack.messages[("C1", card["ts"])]
    await h.slack.until(lambda: has_buttons(final), "final card")
    assert "Phone  ✏️ set by <@U2>" in field_text(final)
    versions = await h.service.versions(TEAM, "c-ana")
    assert [v.stored.version for v in versions] == [1, 2]
    assert versions[-1].stored.persona.communication.preferred_channel == "email"  # stored: measured


async def test_bad_values_and_no_change_get_inline_errors(harness: Harness) -> None:
    h = harness
    await h.command("Ana Souza")
    card = await card_of(h)
    view = await open_modal(h, card)
    response = await h.submit_view(view, modal_values(view, {"preferred_channel": "fax"}), user="U2")
    assert response.json()["response_action"] == "errors"
    assert "preferred_channel" in response.json()["errors"]
    unchanged = await h.submit_view(view, modal_values(view, {}), user="U2")
    assert "Nothing changed" in unchanged.json()["errors"]["note"]
    too_long = await h.submit_view(view, modal_values(view, {"formality": "casual"}, "x" * 501), user="U2")
    assert "under 500" in too_long.json()["errors"]["note"]
    assert await h.service.feedback.corrections(h.service.key(TEAM, "c-ana")) == []


async def test_forged_or_foreign_metadata_is_refused_and_logged(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h = harness
    await h.command("Ana Souza")
    card = await card_of(h)
    view = await open_modal(h, card)
    values = modal_values(view, {"preferred_channel": "phone"})
    metadata = json.loads(view["private_metadata"])
    caplog.set_level(logging.WARNING)
    forged = [
        {**view, "private_metadata": json.dumps({**metadata, "team_id": "T0OTHER"})},  # another workspace
        {**view, "private_metadata": json.dumps({**metadata, "contact_id": "c-nobody"})},  # no persona here
        {**view, "private_metadata": "not json"},
    ]
    for tampered in forged:
        response = await h.submit_view(tampered, values, user="U2")
        assert response.json()["response_action"] == "errors"
    # The real metadata, submitted by someone of another workspace:
    foreign = await h.submit_view(view, values, user="U7", team="T0OTHER")
    assert foreign.json()["response_action"] == "errors"
    assert await h.service.feedback.corrections(h.service.key(TEAM, "c-ana")) == []
    assert await h.service.feedback.corrections(h.service.key("T0OTHER", "c-ana")) == []
    assert sum("refused a correction" in r.getMessage() for r in caplog.records) == 4


async def test_votes_count_once_per_person_and_a_second_click_changes_it(harness: Harness) -> None:
    h = harness
    await h.command("Bruno Costa")
    card = await card_of(h)
    key = ("C1", card["ts"])

    def labels() -> list[str]:
        actions = next(b for b in h.slack.messages[key]["blocks"] if b.get("block_id") == "persona_actions")
        return [e["text"]["text"] for e in actions["elements"] if e["action_id"].startswith("vote_")]

    assert labels() == ["Accurate? 👍 0", "👎 0"]
    for user, action in [("U1", "vote_up"), ("U1", "vote_up"), ("U2", "vote_up"), ("U1", "vote_down")]:
        before = len(h.slack.called("chat.update", ts=card["ts"]))
        await h.click("C1", card["ts"], action, user=user)
        await h.slack.wait_for("chat.update", before + 1, ts=card["ts"])
    assert labels() == ["Accurate? 👍 1", "👎 1"]
    counts = await h.service.feedback.votes(h.service.key(TEAM, "c-bruno"), 1)
    assert (counts.up, counts.down) == (1, 1)
    # A click carrying this card's value from another workspace votes on nothing there.
    _, path = await h.click("C1", card["ts"], "vote_up", user="U7", team="T0OTHER")
    [answer] = await h.answers(path)
    assert "no longer exists" in answer["text"]
    assert (await h.service.feedback.votes(h.service.key("T0OTHER", "c-bruno"), 1)).up == 0


def _newer_calls(since: datetime, count: int, step: timedelta = timedelta(days=1)) -> list[Interaction]:
    """Connected inbound calls after `since`: the data now says "phone"."""
    return [
        Interaction(
            id=f"new-call-{i}",
            type=InteractionType.call,
            direction=Direction.inbound,
            timestamp=since + step * (i + 1),
            duration_seconds=600,
            outcome="connected",
        )
        for i in range(count)
    ]


async def test_history_change_contradicting_a_correction_offers_keep_and_clear(harness: Harness) -> None:
    h = harness
    await h.command("Ana Souza")
    card = await card_of(h)
    await correct_channel(h, card, value="meeting")
    await h.slack.until(lambda: "set by <@U2>" in field_text(h.slack.messages[("C1", card["ts"])]), "corrected card")
    assert "new data says" not in field_text(h.slack.messages[("C1", card["ts"])])

    crm = h.service.crm  # the CRM's history changes: calls after the correction
    old = await crm.history("c-ana")
    crm._histories.put(
        old.model_copy(update={"interactions": [*old.interactions, *_newer_calls(datetime.now(UTC), 12)]})
    )
    await h.click("C1", card["ts"], "regenerate")
    await h.slack.until(lambda: "new data says" in field_text(h.slack.messages[("C1", card["ts"])]), "review prompt")
    message = h.slack.messages[("C1", card["ts"])]
    await h.slack.until(lambda: has_buttons(message), "final card")
    valid_blocks(message["blocks"])
    text = field_text(message)
    today = datetime.now(UTC)
    assert f"new data says phone since {today.day} {today:%b}" in text
    review = [b for b in message["blocks"] if str(b.get("block_id", "")).startswith("correction_review")]
    assert [e["action_id"] for e in review[0]["elements"]] == ["correction_keep", "correction_clear"]

    await h.click("C1", card["ts"], "correction_clear", user="U3")
    await h.slack.until(lambda: "set by <@U2>" not in field_text(h.slack.messages[("C1", card["ts"])]), "cleared")
    assert "new data says" not in field_text(h.slack.messages[("C1", card["ts"])])
    assert await h.service.feedback.corrections(h.service.key(TEAM, "c-ana")) == []


async def test_keep_silences_the_prompt_until_newer_data(harness: Harness) -> None:
    h = harness
    await h.command("Ana Souza")
    card = await card_of(h)
    await correct_channel(h, card, value="meeting")
    await h.slack.until(lambda: "set by <@U2>" in field_text(h.slack.messages[("C1", card["ts"])]), "corrected card")
    [made] = await h.service.feedback.corrections(h.service.key(TEAM, "c-ana"))
    crm = h.service.crm  # calls after the correction, before anyone presses Keep
    old = await crm.history("c-ana")
    calls = _newer_calls(made.at, 12, step=timedelta(milliseconds=1))
    crm._histories.put(old.model_copy(update={"interactions": [*old.interactions, *calls]}))
    await h.click("C1", card["ts"], "regenerate")
    await h.slack.until(lambda: "new data says" in field_text(h.slack.messages[("C1", card["ts"])]), "review prompt")
    await h.slack.until(lambda: has_buttons(h.slack.messages[("C1", card["ts"])]), "final card")
    await h.click("C1", card["ts"], "correction_keep", user="U3")
    await h.slack.until(lambda: "new data says" not in field_text(h.slack.messages[("C1", card["ts"])]), "kept")
    assert "Meeting  ✏️ set by <@U2>" in field_text(h.slack.messages[("C1", card["ts"])])
    [kept] = await h.service.feedback.corrections(h.service.key(TEAM, "c-ana"))
    assert kept.kept_at is not None


async def test_history_command_lists_corrections(harness: Harness) -> None:
    h = harness
    await h.command("Ana Souza")
    card = await card_of(h)
    await correct_channel(h, card)
    await h.slack.until(lambda: "set by <@U2>" in field_text(h.slack.messages[("C1", card["ts"])]), "corrected card")
    _, path = await h.command("history Ana Souza")
    [answer] = await h.answers(path)
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Team corrections" in text and "Preferred channel" in text and "<@U2>" in text and "v1" in text
    assert "<!channel>" not in text
    valid_blocks(answer["blocks"])


@pytest.fixture
async def restricted(slack: FakeSlack, tmp_path: Path) -> AsyncIterator[Harness]:
    slack.usergroups["S0SALES"] = ["U3"]
    export = write_export(tmp_path)
    correctors = Correctors.parse("U2, S0SALES")
    async with serving(slack, tmp_path, {"correctors": correctors}, crm_adapter="json", crm_json_path=export) as h:
        yield h


async def test_persona_correctors_limits_who_may_correct(restricted: Harness) -> None:
    h = restricted
    await h.command("Ana Souza")
    card = await card_of(h)
    _, path = await h.choose("C1", card["ts"], "correct", user="U9")
    [answer] = await h.answers(path)
    assert answer["response_type"] == "ephemeral" and "Only the teammates" in answer["text"]
    assert not h.slack.called("views.open")
    await open_modal(h, card, user="U3")  # a member of the user group
    view = await open_modal(h, card, user="U2")  # named
    refused = await h.submit_view(view, modal_values(view, {"preferred_channel": "phone"}), user="U9")
    assert "Only the teammates" in refused.json()["errors"]["note"]
