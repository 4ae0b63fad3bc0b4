"""A Slack message as blocks plus its fallback text, validated by slack_sdk's models."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from slack_sdk.models.blocks import Block

from bot.blocks.limits import (  # the limits live in limits.py; re-exported for the builders
    BUTTON_TEXT,
    BUTTON_VALUE,
    FIELD_TEXT,
    HEADER_TEXT,
    MAX_BLOCKS,
    MAX_TEXT,
    SECTION_TEXT,
    fit,
)
from bot.mrkdwn import clip, one_line

__all__ = ["BUTTON_TEXT", "BUTTON_VALUE", "FIELD_TEXT", "HEADER_TEXT", "MAX_BLOCKS", "SECTION_TEXT", "Message"]


@dataclass(frozen=True)
class Message:
    blocks: list[Block]
    text: str  # notifications, screen readers, and clients without blocks

    def block_dicts(self) -> list[dict[str, Any]]:
        """JSON-ready blocks, every text cut to Block Kit's limits (limits.fit); slack_sdk's
        validation in to_dict then only fails for a bug of ours, never for long CRM text."""
        return list(self._rendered)

    @cached_property
    def _rendered(self) -> list[dict[str, Any]]:
        """Validated and serialized once per message: a card shown again (bot.flows.show keeps
        recent cards) costs no second pass through slack_sdk's models."""
        return [block.to_dict() for block in fit(self.blocks)]

    def fallback(self) -> str:
        return clip(one_line(self.text), MAX_TEXT)

    def kwargs(self) -> dict[str, Any]:
        """Arguments for chat.postMessage / chat.update / response_url."""
        return {"blocks": self.block_dicts(), "text": self.fallback()}
