"""Where a card may go: Slack Connect channels and conversations the bot can't see get ephemeral.

Slash command and shortcut payloads don't say whether a channel is shared with another
organization, so ask `conversations.info`; anything it can't answer is treated as private.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)


class Audience(StrEnum):
    channel = "channel"  # post for everyone in the channel
    shared = "shared"  # Slack Connect: the requester only, and say why
    unreachable = "unreachable"  # private channel / DM without the bot: the requester only


async def audience(client: AsyncWebClient, channel_id: str) -> Audience:
    try:
        response = await client.conversations_info(channel=channel_id)
    except SlackApiError as error:
        log.info("conversations.info %s: %s", channel_id, error.response.get("error"))
        return Audience.unreachable
    info = response.get("channel") or {}
    if info.get("is_ext_shared") or info.get("is_pending_ext_shared"):
        return Audience.shared
    if info.get("is_im") or info.get("is_mpim"):
        return Audience.channel if info.get("is_member", True) else Audience.unreachable
    if info.get("is_private") and not info.get("is_member"):
        return Audience.unreachable
    return Audience.channel
