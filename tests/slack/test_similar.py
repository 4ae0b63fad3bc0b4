"""/persona similar over HTTP: a private list of look-alike contacts, with a picker when ambiguous."""

from __future__ import annotations

import json

from bot.parsing import parse_command
from tests.slack.cards import card_of, valid_blocks
from tests.slack.harness import Harness


def test_similar_is_parsed_like_history() -> None:
    request = parse_command("similar <mailto:ana.souza@acme.example|ana.souza@acme.example>")
    assert (request.kind, request.query) == ("similar", "ana.souza@acme.example")
    assert parse_command("similar").kind == "help"


async def test_similar_lists_other_contacts_privately(harness: Harness) -> None:
    for name, channel in [("Ana Souza", "C1"), ("Ana Lima", "C2")]:
        await harness.command(name, channel=channel)
        await card_of(harness, channel)
    _, path = await harness.command("similar Bruno Costa", channel="C3")
    [answer] = await harness.answers(path)
    assert answer["response_type"] == "ephemeral"
    valid_blocks(answer["blocks"])
    text = json.dumps(answer["blocks"])
    assert "Contacts who behave like Bruno Costa" in answer["text"]
    assert "Ana Souza" in text and "Ana Lima" in text and "% alike" in text
    assert "both" in text  # shared traits in words
    assert "1. *Bruno Costa*" not in answer["text"]  # never itself
    assert not harness.slack.called("chat.postMessage", channel="C3")  # nothing public


async def test_ambiguous_similar_offers_a_picker(harness: Harness) -> None:
    await harness.command("Bruno Costa", channel="C1")
    await card_of(harness, "C1")
    _, path = await harness.command("similar ana", channel="C2")
    [picker] = await harness.answers(path)
    assert "Find similar" in json.dumps(picker["blocks"])
    _, pick_path = await harness.click_ephemeral(picker["blocks"], "pick_similar_0")
    answers = await harness.answers(pick_path, 2)
    assert answers[0].get("delete_original") is True
    assert "Contacts who behave like" in answers[1]["text"] and "Bruno Costa" in answers[1]["text"]
