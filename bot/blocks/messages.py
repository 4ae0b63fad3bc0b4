"""The bot's other replies: usage, not found, pickers, history, errors (all ephemeral)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.blocks.base import Message
from bot.blocks.values import Choice, RetryRequest
from bot.mrkdwn import bold, clip, escape, italic, one_line
from crm.models import Contact

PICK_CONTACT = "pick_contact"  # action ids start with this (one button per contact)
PICK_HISTORY = "pick_history"
PICK_SIMILAR = "pick_similar"
_PICK_LABELS = {PICK_CONTACT: "Show persona", PICK_HISTORY: "Show history", PICK_SIMILAR: "Find similar"}
RETRY_LOOKUP = "retry_lookup"
MAX_CHOICES = 10

INVITE_HINT = "Invite me with `/invite @Persona Bot` so the card can be shared with the channel."
SHARED_CHANNEL = ":lock: This channel is shared with another organization, so I'm showing this persona only to you."
CANNOT_POST = ":information_source: I can't post in this conversation, so only you can see this."
EXPIRED_BUTTON = ":hourglass: This button has expired. Run `/persona` again for a fresh card."
OTHER_WORKSPACE = (
    ":lock: This card belongs to another workspace, so only that workspace can regenerate it. "
    "Run `/persona <contact>` here for your own card."
)


def usage() -> Message:
    text = "\n".join(
        [
            bold("/persona") + " builds a behavioral persona from a contact's CRM history.",
            "• `/persona Ana Souza` — by name (partial names work)",
            "• `/persona ana@example.com` — by email",
            "• `/persona Acme` — by company",
            "• `/persona history Ana Souza` — earlier versions and what changed",
            "• `/persona similar Ana Souza` — contacts who behave alike, and what they share",
            "On a message: ⋯ → " + bold("Generate persona") + " to answer in its thread.",
            "Admins: `/persona object <contact> -- <reason>` (never profile them again), "
            "`/persona forget <contact>` (erase here).",
        ]
    )
    return Message([SectionBlock(text=MarkdownTextObject(text=text))], text)


def _contact_line(contact: Contact) -> str:
    extras = [one_line(p) for p in (contact.title, contact.company, contact.email) if p]
    line = bold(escape(one_line(contact.name)))
    if extras:
        line += " — " + escape(" · ".join(extras))
    return line


def not_found(query: str, suggestions: Sequence[Contact]) -> Message:
    text = f"No contact matches “{escape(one_line(query))}”."
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text))]
    if suggestions:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="Did you mean:")))
        blocks += _choices(suggestions, PICK_CONTACT, None)
    else:
        hint = "Try part of a name, an email address or a company."
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=hint)]))
    return Message(blocks, text)


def _choices(contacts: Sequence[Contact], action: str, thread_ts: str | None) -> list[Block]:
    blocks: list[Block] = []
    for i, contact in enumerate(contacts[:MAX_CHOICES]):
        button = ButtonElement(
            text=_PICK_LABELS[action],
            action_id=f"{action}_{i}",
            value=Choice(contact_id=contact.id, thread_ts=thread_ts).encode(),
        )
        text = MarkdownTextObject(text=_contact_line(contact))
        blocks.append(SectionBlock(text=text, accessory=button))
    return blocks


def picker(
    query: str, contacts: Sequence[Contact], *, action: str = PICK_CONTACT, thread_ts: str | None = None
) -> Message:
    """Several contacts matched: one button each; picking one posts that card (or history...)."""
    more = f" (showing {MAX_CHOICES})" if len(contacts) > MAX_CHOICES else ""
    text = f"{len(contacts)} contacts match “{escape(one_line(query))}”{more}. Which one?"
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text))]
    blocks += _choices(contacts, action, thread_ts)
    return Message(blocks, text)


@dataclass(frozen=True)
class HistoryLine:
    version: int
    created_at: datetime
    requested_by: str | None
    reason: str
    changes: Sequence[str] | None  # None: the first version


def history(contact_name: str, lines: Sequence[HistoryLine]) -> Message:
    """Versions newest first: date, who asked, why, and what changed."""
    title = f"Persona history for {escape(one_line(contact_name))}"
    if not lines:
        text = f"{bold(title)}\nNo persona has been generated yet."
        return Message([SectionBlock(text=MarkdownTextObject(text=text))], text)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=bold(title)))]
    shown = sorted(lines, key=lambda line: -line.version)[:40]
    for line in shown:
        stamp = int(line.created_at.timestamp())
        when = f"<!date^{stamp}^{{date_short_pretty}} {{time}}|{line.created_at:%Y-%m-%d %H:%M}>"
        who = f"<@{line.requested_by}>" if _is_user_id(line.requested_by) else "someone"
        if line.requested_by and not _is_user_id(line.requested_by):
            who = escape(one_line(line.requested_by))
        head = f"{bold(f'v{line.version}')} · {when} · {who} · {escape(line.reason)}"
        if line.changes is None:
            body = italic("first version")
        elif not line.changes:
            body = italic("no change")
        else:
            body = "\n".join(f"• {escape(one_line(c))}" for c in line.changes[:8])
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(f"{head}\n{body}", 1500))))
    if len(lines) > len(shown):
        more = f"…and {len(lines) - len(shown)} older versions"
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return Message(blocks, f"{title}: {len(lines)} versions")


def _is_user_id(value: str | None) -> bool:
    return value is not None and value[:1] in {"U", "W"} and value.isalnum() and value.isupper()


def crm_failure(detail: str, retry: RetryRequest) -> Message:
    text = f":warning: The CRM didn't answer: {escape(one_line(detail))}"
    button = ButtonElement(text="Retry", action_id=RETRY_LOOKUP, value=retry.encode(), style="primary")
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(elements=[button]),
    ]
    return Message(blocks, text)


def failure(reference: str) -> Message:
    text = (
        ":warning: Something went wrong on my side and the persona wasn't made. "
        f"Please try again; if it keeps happening, give your admin this reference: `{reference}`."
    )
    return Message([SectionBlock(text=MarkdownTextObject(text=text))], text)


def notice(text: str) -> Message:
    """A one-line ephemeral note in our own words (already valid mrkdwn)."""
    return Message([SectionBlock(text=MarkdownTextObject(text=text))], text)


def changes_reply(version: int, previous: int | None, lines: Sequence[str] | None) -> Message:
    """The thread reply after a regenerate: what changed, or "no change"."""
    if previous is None or lines is None:
        text = f"Regenerated: this is v{version}."
    elif not lines:
        text = f"Regenerated v{version}: {bold('no change')} from v{previous}."
    else:
        items = "\n".join(f"• {escape(one_line(line))}" for line in lines[:10])
        text = f"Regenerated v{version}. What changed from v{previous}:\n{items}"
    return notice(text)


@dataclass(frozen=True)
class SimilarLine:
    name: str
    score: float  # 0..1
    shared: str  # "both quick deciders, price-sensitive, Q4 buyers"


def similar(contact_name: str, lines: Sequence[SimilarLine], compared: int) -> Message:
    """Who behaves like this contact, best first, with what they share in words."""
    title = f"Contacts who behave like {escape(one_line(contact_name))}"
    if not lines:
        text = (
            f"{bold(title)}\nNo other contact in this workspace has a persona to compare with yet. "
            "Ask for a few with `/persona <contact>` (or run `persona-bot generate --all`)."
        )
        return Message([SectionBlock(text=MarkdownTextObject(text=text))], text)
    rows = [
        f"{rank}. {bold(escape(one_line(line.name)))} — {line.score:.0%} alike"
        + (f": {escape(one_line(line.shared))}" if line.shared else "")
        for rank, line in enumerate(lines, 1)
    ]
    text = f"{bold(title)}\n" + "\n".join(rows)
    footer = f"Compared with {compared} other contact persona{'s' if compared != 1 else ''} in this workspace."
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ContextBlock(elements=[MarkdownTextObject(text=footer)]),
    ]
    return Message(blocks, text)
