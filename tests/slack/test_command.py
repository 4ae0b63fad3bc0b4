"""/persona over HTTP: the card, not found, the picker, cached cards, threads, privacy, errors."""

from __future__ import annotations

import json
from typing import Any

from tests.slack.cards import action_ids, card_of, has_buttons, valid_blocks
from tests.slack.harness import Harness
from tests.slack.server import settle


async def test_command_posts_a_valid_card_with_regenerate(harness: Harness) -> None:
    response, _ = await harness.command("<mailto:ana.souza@acme.example|ana.souza@acme.example>")
    assert response.status_code == 200 and response.text == ""  # acked, nothing ephemeral
    post = await card_of(harness)
    valid_blocks(post["blocks"])
    assert post["blocks"][0]["text"]["text"] == "Ana Souza"
    assert "Regenerate" in json.dumps(post["blocks"]) and "regenerate" in action_ids(post["blocks"])
    assert post["text"].startswith("Persona: Ana Souza (Acme Corp)")


async def test_not_found_suggests_closest(harness: Harness) -> None:
    _, path = await harness.command("Ana Suoza")
    [answer] = await harness.answers(path)
    assert answer["response_type"] == "ephemeral"
    assert "No contact matches" in answer["text"]
    assert "Ana Souza" in json.dumps(answer["blocks"])
    assert not harness.slack.called("chat.postMessage")


async def test_ambiguous_shows_a_picker_and_the_pick_posts_the_card(harness: Harness) -> None:
    _, path = await harness.command("  @Ana  ")
    [picker] = await harness.answers(path)
    assert picker["response_type"] == "ephemeral" and "2 contacts match" in picker["text"]
    valid_blocks(picker["blocks"])
    _, pick_path = await harness.click_ephemeral(picker["blocks"], "pick_contact_1")
    post = await card_of(harness)
    assert post["blocks"][0]["text"]["text"] in {"Ana Lima", "Ana Souza"}
    [delete] = await harness.answers(pick_path)
    assert delete.get("delete_original") is True


def mrkdwn_texts(blocks: list[dict[str, Any]]) -> list[str]:
    out = []
    for b in blocks:
        for obj in [b.get("text") or {}, *b.get("fields", []), *b.get("elements", [])]:
            if isinstance(obj, dict) and obj.get("type") == "mrkdwn":
                out.append(obj["text"])
    return out


async def test_cached_card_is_posted_at_once(harness: Harness) -> None:
    await harness.command("Bruno Costa", channel="C1")
    await card_of(harness, "C1")
    await harness.command("Bruno Costa", channel="C2")
    [post] = await harness.slack.wait_for("chat.postMessage", channel="C2")
    assert has_buttons(post.args)  # final at first post: no progressive step, no model call
    assert not harness.slack.called("chat.update", channel="C2")
    versions = await harness.service.versions("T0OWN", "c-bruno")
    assert len(versions) == 1


async def test_second_card_in_a_channel_goes_into_the_first_cards_thread(harness: Harness) -> None:
    await harness.command("Bruno Costa")
    first = await card_of(harness)
    await settle()  # the bot records where the card went just after Slack has it
    await harness.command("bruno@initech.example")
    second = await card_of(harness, count=2)
    [*_, reply] = harness.slack.called("chat.postMessage", channel="C1")
    assert reply.args["thread_ts"] == first["ts"] and reply.args["reply_broadcast"] is True
    assert second["thread_ts"] == first["ts"]
    assert "No change" in json.dumps(second["blocks"])


async def test_shared_channel_gets_an_ephemeral_card_and_the_reason(harness: Harness) -> None:
    for channel, flag in (("CEXT", "is_ext_shared"), ("CPEND", "is_pending_ext_shared")):
        harness.slack.add_channel(channel, **{flag: True})
        _, path = await harness.command("Bruno Costa", channel=channel)
        await harness.slack.until(
            lambda path=path: any("regenerate" in json.dumps(a) for a in harness.answers_now(path)),
            "final ephemeral card",
        )
        final = harness.answers_now(path)[-1]
        assert final["response_type"] == "ephemeral"
        assert "shared with another organization" in json.dumps(final["blocks"])
        assert not harness.slack.called("chat.postMessage", channel=channel)


async def test_not_in_channel_falls_back_to_the_requester_with_invite_hint(
    harness: Harness,
) -> None:
    harness.slack.fail("chat.postMessage", "not_in_channel", channel="CPRIV")
    _, path = await harness.command("Bruno Costa", channel="CPRIV")
    await harness.slack.until(
        lambda: any("regenerate" in json.dumps(a) for a in harness.answers_now(path)),
        "ephemeral card",
    )
    final = harness.answers_now(path)[-1]
    assert final["response_type"] == "ephemeral"
    assert "/invite @Persona Bot" in json.dumps(final["blocks"])
    valid_blocks(final["blocks"])


async def test_private_channel_without_the_bot_answers_privately(harness: Harness) -> None:
    harness.slack.add_channel("GSECRET", missing=True)  # conversations.info: channel_not_found
    _, path = await harness.command("Bruno Costa", channel="GSECRET")
    await harness.slack.until(
        lambda: any("regenerate" in json.dumps(a) for a in harness.answers_now(path)),
        "ephemeral card",
    )
    assert not harness.slack.called("chat.postMessage", channel="GSECRET")
    assert "/invite @Persona Bot" in json.dumps(harness.answers_now(path)[-1])


async def test_rate_limited_post_is_retried_after_retry_after(harness: Harness) -> None:
    harness.slack.rate_limit("chat.postMessage", retry_after=1)
    await harness.command("Bruno Costa")
    await card_of(harness, count=2)  # the 429, then the retry that went through
    first, second = harness.slack.called("chat.postMessage")[:2]
    assert first.result == {} and second.result["ok"] is True
    assert second.at - first.at >= 0.9  # it waited for Retry-After


async def test_hostile_crm_text_is_escaped_on_the_card(harness: Harness) -> None:
    await harness.command("mallory@evil.example")
    card = await card_of(harness)
    valid_blocks(card["blocks"])
    texts = [*mrkdwn_texts(card["blocks"]), card["text"]]
    assert any("&lt;!channel&gt;" in t for t in texts)
    for text in texts:
        for bad in ("<!channel>", "<@U999>", "<https://evil", "*Mal*", "_ory_", "@here"):
            assert bad not in text


async def test_crm_failure_answers_privately_with_retry(harness: Harness) -> None:
    from crm.errors import CrmError

    class DownCrm:
        name = "json"

        async def find(self, query: str, limit: int = 10) -> list[Any]:
            raise CrmError("the CRM timed out")

        async def list_contacts(self) -> list[Any]:
            raise CrmError("the CRM timed out")

        async def history(self, contact_id: str) -> Any:
            raise CrmError("the CRM timed out")

    working, harness.service.crm = harness.service.crm, DownCrm()
    _, path = await harness.command("Bruno Costa")
    [answer] = await harness.answers(path)
    assert answer["response_type"] == "ephemeral" and "the CRM timed out" in answer["text"]
    assert "Traceback" not in json.dumps(answer)
    harness.service.crm = working
    await harness.click_ephemeral(answer["blocks"], "retry_lookup")
    card = await card_of(harness)
    assert card["blocks"][0]["text"]["text"] == "Bruno Costa"
