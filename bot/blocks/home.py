"""The App Home tab (issue 13): the Look up button, the contacts this person watches with
their latest change, and the workspace's recent personas. Capped so the view stays far
below Slack's 100-block limit whatever the data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.blocks.base import BUTTON_VALUE, SECTION_TEXT
from bot.blocks.watch import watch_button
from bot.mrkdwn import bold, clip, escape, italic, one_line
from storage.watches import RecentPersona, UserWatch

OPEN_LOOKUP = "open_lookup"  # the Look up a contact button (bot/listeners/actions/open_lookup.py)
OPEN_PERSONA = "open_persona"  # a recent persona's Open button: the card in a modal
MAX_WATCHES = 30  # one section each
MAX_RECENT = 30  # one section each
MAX_HOME_BLOCKS = 100
_SUMMARY = 180


def _when(moment: datetime) -> str:
    stamp = int(moment.timestamp())
    return f"<!date^{stamp}^{{date_short_pretty}} {{time}}|{moment:%Y-%m-%d %H:%M} UTC>"


def _watch_line(watch: UserWatch) -> SectionBlock:
    name = bold(escape(one_line(watch.contact_name)))
    if watch.change and watch.changed_at:
        latest = f"{escape(one_line(watch.change))} · {_when(watch.changed_at)}"
    else:
        latest = italic(f"no change since you started watching ({watch.since:%b %d})")
    text = clip(f"{name}\n{latest}", SECTION_TEXT)
    return SectionBlock(text=MarkdownTextObject(text=text), accessory=watch_button(watch.key.contact_id, True))


def _recent_line(recent: RecentPersona) -> SectionBlock:
    contact = recent.persona.contact
    label = escape(one_line(contact.name)) + (f" · {escape(one_line(contact.company))}" if contact.company else "")
    summary = clip(escape(one_line(recent.persona.summary)), _SUMMARY) or italic("no summary")
    text = clip(f"{bold(label)} · v{recent.version} · {_when(recent.created_at)}\n{summary}", SECTION_TEXT)
    button = ButtonElement(text="Open", action_id=OPEN_PERSONA, value=clip(recent.key.contact_id, BUTTON_VALUE))
    return SectionBlock(text=MarkdownTextObject(text=text), accessory=button)


def _more(shown: int, total_hint: int, what: str) -> list[Block]:
    if total_hint <= shown:
        return []
    return [ContextBlock(elements=[MarkdownTextObject(text=italic(f"Showing the latest {shown} {what}."))])]


def home_view(watches: Sequence[UserWatch], recent: Sequence[RecentPersona]) -> View:
    """Pass up to MAX_* + 1 of each: the extra one only says that there are more."""
    blocks: list[Block] = [
        HeaderBlock(text="Persona Bot"),
        SectionBlock(
            text=MarkdownTextObject(
                text="Behavioral personas from your CRM. "
                "Find a contact by name, email, company, CRM id or HubSpot link."
            ),
        ),
        ActionsBlock(
            block_id="home_actions",
            elements=[ButtonElement(text="Look up a contact", action_id=OPEN_LOOKUP, style="primary")],
        ),
        DividerBlock(),
        HeaderBlock(text="Contacts you watch"),
    ]
    if watches:
        blocks += [_watch_line(w) for w in watches[:MAX_WATCHES]]
        blocks += _more(MAX_WATCHES, len(watches), "contacts you watch")
    else:
        hint = "Nobody yet. Press *Watch* on a persona card and I'll DM you when that persona changes."
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=hint)]))
    blocks += [DividerBlock(), HeaderBlock(text="Recent personas in this workspace")]
    if recent:
        blocks += [_recent_line(r) for r in recent[:MAX_RECENT]]
        blocks += _more(MAX_RECENT, len(recent), "personas")
    else:
        hint = "None yet. Try `/persona <name>` in a channel, or *Look up a contact* above."
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=hint)]))
    assert len(blocks) <= MAX_HOME_BLOCKS  # 2 * 31 + 9 at most, by construction
    return View(type="home", blocks=blocks)
