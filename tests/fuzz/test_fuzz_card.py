"""Random CRM and model text through the Block Kit card: slack_sdk accepts every card, and no
text can mention, broadcast or link (every `<` that reaches Slack is our own date token)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block

from bot.blocks import messages
from bot.blocks.card import persona_card
from crm.models import Contact
from tests.builders import make_persona

OUR_DATE = re.compile(r"<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>]*>")
BROADCAST = re.compile(r"@(?:here|channel|everyone)\b", re.IGNORECASE)  # escape() inserts a ZWSP after @
NASTY = st.sampled_from(
    ["<!channel>", "<!here>", "@here", "@everyone", "<@U123>", "<#C1|x>", "<https://x|y>", "&lt;", "*", "_", "`", "\n"]
)
crm_text = st.lists(st.one_of(NASTY, st.text(max_size=40)), max_size=8).map("".join)
long_text = st.one_of(crm_text, st.builds(lambda t, n: t * n, crm_text, st.integers(1, 400)))


def _texts(node: object) -> list[str]:
    """Every mrkdwn text in a block tree (plain_text cannot mention anyone)."""
    if isinstance(node, dict):
        found = [node["text"]] if node.get("type") == "mrkdwn" else []
        return found + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def _assert_inert(text: str) -> None:
    rest = OUR_DATE.sub("", text)
    assert "<" not in rest and ">" not in rest, rest
    assert not BROADCAST.search(rest), rest


def _valid(blocks: list[dict[str, object]]) -> None:
    for block in Block.parse_all(blocks):
        block.validate_json()
    assert len(blocks) <= 50


@settings(max_examples=100)
@given(
    name=long_text.filter(str.strip),
    company=crm_text,
    title=crm_text,
    summary=long_text,
    traits=st.lists(long_text, max_size=12),
    contact_id=st.text(min_size=1, max_size=60),
)
def test_any_crm_text_makes_a_valid_inert_card(
    name: str, company: str, title: str, summary: str, traits: list[str], contact_id: str
) -> None:
    persona = make_persona(contact_id, name=name, summary=summary, traits=traits)
    contact = persona.contact.model_copy(update={"company": company or None, "title": title or None})
    persona = persona.model_copy(update={"contact": contact, "recommendations": traits})
    card = persona_card(persona, version=2, changes=traits, changes_since=1, team_id="T1")
    blocks = card.block_dicts()
    _valid(blocks)
    for text in [*_texts(blocks), card.fallback()]:
        _assert_inert(text)


@settings(max_examples=60)
@given(query=long_text, names=st.lists(long_text.filter(str.strip), min_size=1, max_size=12))
def test_any_crm_text_makes_valid_inert_replies(query: str, names: list[str]) -> None:
    contacts = [Contact(id=f"c{i}", name=n.strip() or "x", company=query or None) for i, n in enumerate(names)]
    for message in (
        messages.picker(query, contacts),
        messages.not_found(query, contacts[:3]),
        messages.history(names[0], []),
        messages.similar(names[0], [messages.SimilarLine(n, 0.5, query) for n in names], len(names)),
        messages.changes_reply(2, 1, names),
    ):
        blocks = message.block_dicts()
        _valid(blocks)
        for text in [*_texts(blocks), message.fallback()]:
            _assert_inert(text)
