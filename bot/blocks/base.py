"""A Slack message as blocks plus its fallback text, validated by slack_sdk's models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import Block

from bot.mrkdwn import clip, one_line

MAX_BLOCKS = 50
MAX_TEXT = 3000  # fallback text: chat.update rejects over 4,000, so stay well under
SECTION_TEXT = 3000
FIELD_TEXT = 2000
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2000


@dataclass(frozen=True)
class Message:
    blocks: list[Block]
    text: str  # notifications, screen readers, and clients without blocks

    def block_dicts(self) -> list[dict[str, Any]]:
        """JSON-ready blocks; slack_sdk raises here if any block breaks a Block Kit limit."""
        blocks = self.blocks
        if len(blocks) > MAX_BLOCKS:  # never expected; keep the head and the buttons
            blocks = [*blocks[: MAX_BLOCKS - 1], blocks[-1]]
        return [block.to_dict() for block in blocks]

    def fallback(self) -> str:
        return clip(one_line(self.text), MAX_TEXT)

    def kwargs(self) -> dict[str, Any]:
        """Arguments for chat.postMessage / chat.update / response_url."""
        return {"blocks": self.block_dicts(), "text": self.fallback()}
