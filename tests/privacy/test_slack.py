"""Objections in Slack, through the real server with signed requests and the fake Slack:
every path refuses with a neutral note, only admins may object or forget, cards are cleared."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from persona_bot.objections import OBJECTED, record_objection, withdraw_objection
from storage.subject_export import rows_about
from tests.privacy.crm import MARIA, MARIA_EMAIL
from tests.slack.cards import card_of
from tests.slack.harness import Harness

NEUTRAL = "asked not to be profiled"


async def neutral_answer(h: Harness, path: str) -> dict[str, Any]:
    [answer] = await h.answers(path)
    assert answer["response_type"] == "ephemeral" and NEUTRAL in answer["text"]
    assert "Preferred channel" not in json.dumps(answer) and "Maria Keller" not in json.dumps(answer)
    return answer


async def stored(h: Harness, contact_id: str) -> dict[str, int]:
    await h.service.settle()
    rows = await rows_about(h.service.repository.engine, h.service.crm.name, contact_id)
    return {t: len(r) for t, r in rows.items() if t in ("persona_versions", "shares", "persona_vectors")}


async def shared(h: Harness, contact_id: str) -> None:
    """The card's share is recorded just after it is shown: wait for it."""
    for _ in range(500):
        if (await stored(h, contact_id))["shares"]:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"no share recorded for {contact_id}")


async def test_after_an_objection_every_slack_path_refuses(bot: Harness) -> None:
    h = bot
    await h.command("Maria Keller", channel="C1")
    old_card = await card_of(h, "C1")
    for number, name in enumerate(["Ana Souza", "Tom Berg", "Keller Import"], 2):
        await h.command(name, channel=f"C{number}")
        await card_of(h, f"C{number}")
    posts = len(h.slack.called("chat.postMessage"))
    maria = (await h.service.crm.history(MARIA)).contact
    await record_objection(h.service, maria, recorded_by="cli:op", reason=None)  # the operator's path

    _, path = await h.command("Maria Keller")  # /persona
    await neutral_answer(h, path)
    _, path = await h.command("Keller Import")  # a duplicate record, same person by e-mail
    await neutral_answer(h, path)
    message = {"ts": "1700000999.000100", "user": "U2", "text": f"Met <mailto:{MARIA_EMAIL}|{MARIA_EMAIL}> today"}
    _, path = await h.shortcut(message)  # message shortcut
    await neutral_answer(h, path)
    _, path = await h.command("similar Maria Keller")  # similar as the query
    await neutral_answer(h, path)
    _, path = await h.command("similar Bruno Costa")  # similar as a result
    [answer] = await h.answers(path)
    assert "Ana Souza" in json.dumps(answer["blocks"]) and "Keller" not in json.dumps(answer["blocks"])

    await h.click("C1", old_card["ts"], "regenerate")  # Regenerate on an old card
    key = ("C1", old_card["ts"])
    await h.slack.until(lambda: NEUTRAL in h.slack.messages[key]["text"], "the old card cleared")
    assert "Preferred channel" not in json.dumps(h.slack.messages[key]["blocks"])
    assert len(h.slack.called("chat.postMessage")) == posts  # nothing new was posted anywhere
    assert await stored(h, MARIA) == {"persona_versions": 0, "shares": 0, "persona_vectors": 0}
    assert (await stored(h, "c-maria-dup"))["persona_versions"] == 0

    await withdraw_objection(h.service, maria, withdrawn_by="cli:op")
    await h.command("Maria Keller", channel="C9")
    card = await card_of(h, "C9")
    assert card["blocks"][0]["text"]["text"] == "Maria Keller"


async def test_only_admins_may_object_or_forget_from_slack(bot: Harness) -> None:
    h = bot
    await h.command("Maria Keller", channel="C1")
    card = await card_of(h, "C1")
    await shared(h, MARIA)
    for text in ("object Maria Keller -- no reason", "forget Maria Keller"):
        _, path = await h.command(text, user="U1")
        [answer] = await h.answers(path)
        assert answer["response_type"] == "ephemeral" and "Only Persona Bot admins" in answer["text"]
    assert await h.service.suppressions.all() == []
    assert (await stored(h, MARIA))["persona_versions"] == 1

    _, path = await h.command("object Keller", user="UADMIN")  # two records: never a guess
    [answer] = await h.answers(path)
    assert "matches 2 contacts" in answer["text"] and await h.service.suppressions.all() == []

    _, path = await h.command(f"object <mailto:{MARIA_EMAIL}|{MARIA_EMAIL}> -- asked by e-mail", user="UADMIN")
    [answer] = await h.answers(path)
    assert "Objection recorded" in answer["text"] and "1 posted card" in answer["text"]
    [objection] = await h.service.suppressions.all()
    assert (objection.contact_id, objection.recorded_by, objection.reason) == (MARIA, "UADMIN", "asked by e-mail")
    assert OBJECTED in h.slack.messages[("C1", card["ts"])]["text"]  # the posted card no longer shows her
    assert await stored(h, MARIA) == {"persona_versions": 0, "shares": 0, "persona_vectors": 0}
    _, path = await h.command("Maria Keller", user="U1")
    await neutral_answer(h, path)

    await h.command("Ana Souza", channel="C2")
    ana = await card_of(h, "C2")
    await shared(h, "c-ana")
    _, path = await h.command("forget Ana Souza", user="UOPS")  # a listed user id
    [answer] = await h.answers(path)
    assert "Erased 1 persona version" in answer["text"]
    assert "erased" in h.slack.messages[("C2", ana["ts"])]["text"]
    assert await stored(h, "c-ana") == {"persona_versions": 0, "shares": 0, "persona_vectors": 0}
