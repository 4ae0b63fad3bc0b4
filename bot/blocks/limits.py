"""Block Kit's size limits, enforced in one place: every message passes through `fit`.

Builders may clip earlier for readability; `fit` is what guarantees Slack never rejects a
message for a text that is too long (a 5,000-character contact name, a huge CRM note).
The limits are slack_sdk's own where it declares them.
"""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    SectionBlock,
    TextObject,
)

from bot.mrkdwn import clip

MAX_BLOCKS = 50
MAX_TEXT = 3000  # fallback text: chat.update rejects over 4,000, so stay well under
SECTION_TEXT = SectionBlock.text_max_length  # 3,000
FIELD_TEXT = 2000  # each of a section's fields (Slack's documented limit; slack_sdk does not check it)
CONTEXT_TEXT = 2000
HEADER_TEXT = HeaderBlock.text_max_length  # 150
BUTTON_TEXT = ButtonElement.text_max_length  # 75
BUTTON_VALUE = ButtonElement.value_max_length  # 2,000


def _cut(text: TextObject | None, limit: int) -> None:
    if text is not None and text.text is not None and len(text.text) > limit:
        text.text = clip(text.text, limit)


def _fit_button(element: object) -> None:
    if isinstance(element, ButtonElement):
        _cut(element.text, BUTTON_TEXT)
        if element.value is not None and len(element.value) > BUTTON_VALUE:
            element.value = element.value[:BUTTON_VALUE]  # will not parse: answered "expired"


def fit(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with every text cut to its limit (in place) and at most MAX_BLOCKS of them,
    keeping the head and the last block (the buttons)."""
    kept = list(blocks)
    if len(kept) > MAX_BLOCKS:
        kept = [*kept[: MAX_BLOCKS - 1], kept[-1]]
    for block in kept:
        if isinstance(block, SectionBlock):
            _cut(block.text, SECTION_TEXT)
            for field in block.fields or []:
                _cut(field, FIELD_TEXT)
            _fit_button(block.accessory)
        elif isinstance(block, HeaderBlock):
            _cut(block.text, HEADER_TEXT)
        elif isinstance(block, ContextBlock):
            for element in block.elements:
                if isinstance(element, TextObject):
                    _cut(element, CONTEXT_TEXT)
        elif isinstance(block, ActionsBlock):
            for element in block.elements:
                _fit_button(element)
    return kept
