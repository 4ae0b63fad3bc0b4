"""Watching a contact (issue 13): the Watch/Unwatch button, its confirmations, and what the
refresher posts (a thread reply and a DM), in the same "what changed" words as the thread."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from bot.blocks.base import BUTTON_VALUE, SECTION_TEXT, Message
from bot.mrkdwn import bold, clip, escape, one_line

# Action ids: bot/listeners/actions/watch.py handles both.
WATCH = "watch"
UNWATCH = "unwatch"
WATCH_STATE = "watch_state"  # block id of the confirmation's button: a click there replaces it
_MAX_LINES = 10


def watch_button(contact_id: str, watching: bool | None = None) -> ButtonElement:
    """On a shared card (`watching` unknown: each person's click toggles their own watch) or
    on a card only one person sees (the label says what a click will do)."""
    if watching:
        return ButtonElement(text="Unwatch", action_id=UNWATCH, value=clip(contact_id, BUTTON_VALUE))
    return ButtonElement(text="Watch", action_id=WATCH, value=clip(contact_id, BUTTON_VALUE))


def watch_state(contact_name: str, contact_id: str, *, watching: bool, changed: bool = True) -> Message:
    """The private answer to a Watch/Unwatch click, with the button that undoes it."""
    name = bold(escape(one_line(contact_name)))
    if watching and changed:
        text = f":eyes: You're watching {name}. I'll DM you when the persona changes."
    elif watching:
        text = f":eyes: You're already watching {name}."
    elif changed:
        text = f"You stopped watching {name}."
    else:
        text = f"You weren't watching {name}."
    section = SectionBlock(text=MarkdownTextObject(text=clip(text, SECTION_TEXT)))
    return Message([section, ActionsBlock(block_id=WATCH_STATE, elements=[watch_button(contact_id, watching)])], text)


def _changes(lines: Sequence[str]) -> str:
    shown = "\n".join(f"• {escape(one_line(line))}" for line in lines[:_MAX_LINES])
    more = f"\n…and {len(lines) - _MAX_LINES} more" if len(lines) > _MAX_LINES else ""
    return shown + more


def refresh_reply(version: int, previous: int | None, lines: Sequence[str]) -> Message:
    """The thread reply when the CRM history changed on its own."""
    since = f" from v{previous}" if previous is not None else ""
    head = f":arrows_counterclockwise: The CRM history changed, so I made v{version}. What changed{since}:"
    text = clip(f"{head}\n{_changes(lines)}", SECTION_TEXT)
    return Message([SectionBlock(text=MarkdownTextObject(text=text))], text)


def watcher_dm(
    contact_name: str, version: int, previous: int | None, lines: Sequence[str], link: str | None
) -> Message:
    """The DM to each watcher: what changed, and a link to the thread where it was posted."""
    since = f" (v{previous} → v{version})" if previous is not None else f" (v{version})"
    head = f"{bold(escape(one_line(contact_name)))}'s persona changed{since}:"
    where = f"<{link}|Open the thread>" if link else "`/persona` shows the new card."
    text = clip(f"{head}\n{_changes(lines)}\n{where}", SECTION_TEXT)
    return Message([SectionBlock(text=MarkdownTextObject(text=text))], text)


def gone_dm(contact_name: str) -> Message:
    text = (
        f"{bold(escape(one_line(contact_name)))} is no longer in the CRM (deleted or merged), "
        "so I stopped watching it for you."
    )
    return Message([SectionBlock(text=MarkdownTextObject(text=text))], text)
