"""Showing a card: post once, then edit in place; fall back to the requester alone if needed.

A `CardSink` hides where the card lives. In a channel it is `chat.postMessage` then
`chat.update`; when the bot can't post there (not invited, private, archived) or must not
(Slack Connect), the same card goes to the requester through the `response_url`, with a
line saying why. Showing never raises for those cases: the person always gets the card.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.base import Message
from bot.blocks.messages import CANNOT_POST, INVITE_HINT

log = logging.getLogger(__name__)


async def ephemeral(respond: AsyncRespond, message: Message) -> None:
    """A new private reply to the person who asked (never replacing what they see)."""
    await respond(response_type="ephemeral", replace_original=False, **message.kwargs())


# chat.postMessage errors that mean "not here", not "broken": answer the requester instead.
UNPOSTABLE = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "restricted_action",
        "restricted_action_thread_only_channel",
        "restricted_action_read_only_channel",
        "ekm_access_denied",
    }
)


def with_notice(message: Message, notice: str | None) -> Message:
    if not notice:
        return message
    block = ContextBlock(elements=[MarkdownTextObject(text=notice)])
    return Message([block, *message.blocks], message.text)


class CardSink:
    def __init__(
        self,
        client: AsyncWebClient,
        respond: AsyncRespond | None,
        channel_id: str,
        *,
        ts: str | None = None,
        thread_ts: str | None = None,
        broadcast: bool = False,
        private_notice: str | None = None,
        replace_ephemeral: bool = False,
    ) -> None:
        """`ts`: edit that message; `private_notice`: ephemeral from the start, saying why."""
        self.client = client
        self.respond = respond
        self.channel_id = channel_id
        self.ts = ts
        self.thread_ts = thread_ts
        self.broadcast = broadcast
        self.notice = private_notice
        self.private = private_notice is not None or replace_ephemeral
        self._replace = replace_ephemeral

    @property
    def in_channel(self) -> bool:
        """True once the card is a real channel message (so it can be shared and threaded)."""
        return not self.private and self.ts is not None

    async def show(self, message: Message) -> None:
        if self.private:
            await self._ephemeral(message)
        elif self.ts is None:
            await self._post(message)
        else:
            await self.client.chat_update(channel=self.channel_id, ts=self.ts, **message.kwargs())

    async def _post(self, message: Message) -> None:
        extra: dict[str, Any] = {}
        if self.thread_ts:
            extra = {"thread_ts": self.thread_ts, "reply_broadcast": self.broadcast}
        try:
            response = await self.client.chat_postMessage(
                channel=self.channel_id, unfurl_links=False, **extra, **message.kwargs()
            )
        except SlackApiError as error:
            code = error.response.get("error")
            if code not in UNPOSTABLE or self.respond is None:
                raise
            log.info("cannot post in %s (%s): answering the requester", self.channel_id, code)
            self.private, self.notice = True, f"{CANNOT_POST} {INVITE_HINT}"
            await self._ephemeral(message)
            return
        self.ts = str(response["ts"])

    async def _ephemeral(self, message: Message) -> None:
        if self.respond is None:
            raise RuntimeError("no response_url to answer privately")
        response = await self.respond(
            response_type="ephemeral",
            replace_original=self._replace,
            **with_notice(message, self.notice).kwargs(),
        )
        if response.status_code != 200:
            log.warning("response_url answered %s", response.status_code)
        self._replace = True  # the next show edits this ephemeral message in place
