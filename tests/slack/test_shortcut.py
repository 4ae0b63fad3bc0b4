"""Message shortcut "Generate persona": email or name in the text, or an external author."""

from __future__ import annotations

import json

from tests.slack.cards import card_of
from tests.slack.harness import Harness


async def test_email_in_the_text_answers_in_the_messages_thread(harness: Harness) -> None:
    message = {
        "ts": "1700000999.000100",
        "user": "U2",
        "text": "Call with <mailto:bruno@initech.example|bruno@initech.example> went well",
    }
    response, _ = await harness.shortcut(message)
    assert response.status_code == 200
    card = await card_of(harness)
    assert card["blocks"][0]["text"]["text"] == "Bruno Costa"
    assert card["thread_ts"] == message["ts"]


async def test_known_name_in_the_text(harness: Harness) -> None:
    message = {
        "ts": "1700000998.000100",
        "thread_ts": "1700000900.000100",
        "user": "U2",
        "text": "Has anyone spoken to ana souza lately?",
    }
    await harness.shortcut(message)
    card = await card_of(harness)
    assert card["blocks"][0]["text"]["text"] == "Ana Souza"
    assert card["thread_ts"] == message["thread_ts"]  # a reply in a thread stays in that thread


async def test_external_author_is_found_by_their_email(harness: Harness) -> None:
    harness.slack.add_user("UEXT", team_id="TPARTNER", email="erin@partner.example", name="Erin")
    harness.slack.add_user("U2", email="colleague@own.example")
    message = {"ts": "1700000997.000100", "user": "UEXT", "text": "Thanks, talk next week!"}
    await harness.shortcut(message)
    card = await card_of(harness)
    assert card["blocks"][0]["text"]["text"] == "Erin Extern"
    assert harness.slack.called("users.info", user="UEXT")


async def test_nothing_found_says_so_privately(harness: Harness) -> None:
    harness.slack.add_user("U2", email="colleague@own.example")  # same organization
    _, path = await harness.shortcut({"ts": "1700000996.000100", "user": "U2", "text": "lunch?"})
    [answer] = await harness.answers(path)
    assert answer["response_type"] == "ephemeral" and "found no email address" in answer["text"]
    assert not harness.slack.called("chat.postMessage")


async def test_several_contacts_in_the_text_offer_a_picker_that_answers_in_the_thread(
    harness: Harness,
) -> None:
    message = {"ts": "1700000995.000100", "user": "U2", "text": "Ana Souza and Bruno Costa both asked for a quote"}
    _, path = await harness.shortcut(message)
    [picker] = await harness.answers(path)
    assert "2 contacts match" in picker["text"]
    await harness.click_ephemeral(picker["blocks"], "pick_contact_0")
    card = await card_of(harness)
    assert card["thread_ts"] == message["ts"]
    assert json.dumps(card["blocks"]).count("Regenerate") == 1
