"""Issue 12 on the card: corrected fields, "new data says…" with Keep / Clear, the votes.

Notes are CRM-grade text: escaped (no mentions, links or broadcasts survive) and clipped.
Only the teammate who made a correction is shown as a mention, from the id Slack gave us.
"""

from __future__ import annotations

import json
import re
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.blocks.base import Message
from bot.mrkdwn import bold, clip, escape, italic, one_line
from persona.corrections import BY_NAME
from persona.models import UNKNOWN, AppliedCorrection, Correction, Persona

KEEP = "correction_keep"
CLEAR = "correction_clear"
VOTE_UP = "vote_up"
VOTE_DOWN = "vote_down"
NOTE_SHOWN = 100
MAX_REVIEWS = 1  # one "new data says…" at a time (the card's size cap); the next once it is settled
_SLACK_USER = re.compile(r"[UW][A-Z0-9]+")


def who(user_id: str | None) -> str:
    """A Slack user as a mention; anything else (the CLI) as plain, escaped text."""
    if user_id and _SLACK_USER.fullmatch(user_id):
        return f"<@{user_id}>"
    return escape(user_id or "a teammate")


def words(value: str) -> str:
    text = {"needs_follow_up": "needs follow-up", "none": "no seasonal pattern"}.get(value, value.replace("_", " "))
    return text[:1].upper() + text[1:]


def measured_words(fix: AppliedCorrection) -> str:
    if fix.measured == UNKNOWN:
        return "measured: not enough data"
    return f"measured: {escape(words(fix.measured).lower())}, {fix.measured_confidence:.0%}"


def corrected_line(fix: AppliedCorrection) -> str:
    """The value line of a corrected field: "Phone ✏️ set by @ana: “note”" and the measured one."""
    line = f"{escape(words(fix.value))}  ✏️ set by {who(fix.by)}"
    if fix.note:
        line += ": “" + clip(escape(one_line(fix.note)), NOTE_SHOWN) + "”"
    return line + "\n" + italic(measured_words(fix))


def _since(fix: AppliedCorrection) -> str:
    assert fix.new_evidence is not None
    return f"{fix.new_evidence.since.day} {fix.new_evidence.since:%b}"


def review_blocks(persona: Persona) -> list[Block]:
    """Per correction that newer data contradicts: what the data says, with Keep and Clear."""
    blocks: list[Block] = []
    for fix in [f for f in persona.corrections if f.new_evidence is not None][:MAX_REVIEWS]:
        news = fix.new_evidence
        assert news is not None
        label = BY_NAME[fix.field].label if fix.field in BY_NAME else fix.field
        text = (
            f":warning: {bold(escape(label))}: new data says {escape(words(news.value).lower())} since {_since(fix)} "
            f"({news.interactions} interactions, {news.confidence:.0%}); {who(fix.by)} set "
            f"{escape(words(fix.value).lower())}."
        )
        value = clip(json.dumps({"c": persona.contact.id, "f": fix.field}, separators=(",", ":")), 2000)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(text, 2000))))
        blocks.append(
            ActionsBlock(
                block_id=f"correction_review:{fix.field}",
                elements=[
                    ButtonElement(text=f"Keep {words(fix.value).lower()}"[:75], action_id=KEEP, value=value),
                    ButtonElement(text=f"Clear (use {words(news.value).lower()})"[:75], action_id=CLEAR, value=value),
                ],
            )
        )
    return blocks


def prose_predates(persona: Persona) -> list[Block]:
    """A model's summary written before a correction: say so (Regenerate rewrites it with the
    teammates' notes); the fields above already show the corrected values."""
    if persona.generator.name != "openai":
        return []  # offline prose is rewritten from the corrected values every time
    if not any(fix.at > persona.generated_at for fix in persona.corrections):
        return []
    text = "✏️ The written summary predates a team correction: press Regenerate to rewrite it with their notes."
    return [ContextBlock(elements=[MarkdownTextObject(text=text)])]


def vote_buttons(contact_id: str, version: int, up: int, down: int) -> list[ButtonElement]:
    """ "Accurate? 👍 n" / "👎 n": one vote per person per version."""
    value = json.dumps({"c": contact_id, "v": version}, separators=(",", ":"))
    if len(value) > 2000:
        return []
    return [
        ButtonElement(text=vote_text(True, up), action_id=VOTE_UP, value=value),
        ButtonElement(text=vote_text(False, down), action_id=VOTE_DOWN, value=value),
    ]


def vote_text(accurate: bool, count: int) -> str:
    return f"Accurate? 👍 {count}" if accurate else f"👎 {count}"


def with_votes(blocks: list[dict[str, Any]], up: int, down: int) -> list[dict[str, Any]]:
    """The card's blocks as Slack holds them, with new vote counts (no rebuild, no CRM call)."""
    texts = {VOTE_UP: vote_text(True, up), VOTE_DOWN: vote_text(False, down)}
    patched: list[dict[str, Any]] = json.loads(json.dumps(blocks))
    for block in patched:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            if element.get("action_id") in texts:
                element["text"] = {"type": "plain_text", "text": texts[element["action_id"]], "emoji": True}
    return patched


def correction_reply(user_id: str | None, changes: list[tuple[str, str | None]], note: str) -> Message:
    """The thread line after a correction: who set what (or cleared it), and the note."""
    parts = []
    for name, value in changes:
        label = BY_NAME[name].label if name in BY_NAME else name
        parts.append(
            f"{bold(escape(label))} → {escape(words(value).lower())}" if value else f"{bold(escape(label))} cleared"
        )
    text = f"✏️ {who(user_id)} corrected " + ", ".join(parts)
    if note:
        text += ": “" + clip(escape(one_line(note)), NOTE_SHOWN * 2) + "”"
    return Message([SectionBlock(text=MarkdownTextObject(text=clip(text, 3000)))], text)


def contact_in(value: str) -> str | None:
    """The contact id a Keep / Clear / vote button carries (for the Retry of a failure)."""
    try:
        contact = json.loads(value).get("c")
    except (ValueError, AttributeError):
        return None
    return contact if isinstance(contact, str) else None


def history_section(corrections: list[Correction]) -> list[Block]:
    """Under `/persona history`: the team's corrections, kept across every version listed."""
    if not corrections:
        return []
    lines = []
    for c in corrections:
        label = BY_NAME[c.field].label if c.field in BY_NAME else c.field
        at = f" at v{c.version}" if c.version else ""
        measured = "not enough data" if c.measured_then == UNKNOWN else f"{c.measured_then}, {c.confidence_then:.0%}"
        line = (
            f"• {bold(escape(label))}: {escape(words(c.value).lower())} · {who(c.by)} · "
            f"{c.at:%Y-%m-%d}{at} · measured then: {escape(measured)}"
        )
        if c.note:
            line += " — “" + clip(escape(one_line(c.note)), NOTE_SHOWN) + "”"
        lines.append(line)
    text = bold("Team corrections") + " (kept through every version until cleared)\n" + "\n".join(lines)
    return [SectionBlock(text=MarkdownTextObject(text=clip(text, 3000)))]
