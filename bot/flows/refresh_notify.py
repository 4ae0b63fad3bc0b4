"""The refresher's Slack side: a reply in each thread where the card was shared, a DM to each
watcher with a link to the thread. A failure in one channel or DM never stops the others."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.base import Message
from bot.blocks.watch import gone_dm, refresh_reply, watcher_dm
from bot.slack_client import build_client
from persona_bot.refresh import PersonaChange
from storage.watches import WatchedContact

log = logging.getLogger(__name__)


class SlackNotifier:
    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def persona_changed(self, change: PersonaChange) -> list[str]:
        reply = refresh_reply(change.version, change.previous, change.lines)
        posted: list[str] = []
        link: str | None = None
        for share in change.shares:
            root = share.thread_ts or share.message_ts
            try:
                await self.client.chat_postMessage(channel=share.channel_id, thread_ts=root, **reply.kwargs())
            except SlackApiError as error:
                log.warning("refresh: no reply in %s: %s", share.channel_id, error.response.get("error"))
                continue
            posted.append(share.channel_id)
            if link is None:
                link = await self._permalink(share.channel_id, root)
        name = change.watched.contact_name or change.result.contact.name
        dm = watcher_dm(name, change.version, change.previous, change.lines, link)
        for user_id in change.watched.watchers:
            await self.direct_message(user_id, dm)
        return posted

    async def contact_gone(self, watched: WatchedContact, watchers: list[str]) -> None:
        for user_id in watchers:
            await self.direct_message(user_id, gone_dm(watched.contact_name))

    async def direct_message(self, user_id: str, message: Message) -> None:
        try:
            opened = await self.client.conversations_open(users=user_id)
            channel = opened["channel"]["id"]
            await self.client.chat_postMessage(channel=channel, unfurl_links=False, **message.kwargs())
        except SlackApiError as error:
            log.warning("refresh: no DM to %s: %s", user_id, error.response.get("error"))

    async def _permalink(self, channel_id: str, ts: str) -> str | None:
        try:
            answer = await self.client.chat_getPermalink(channel=channel_id, message_ts=ts)
        except SlackApiError as error:
            log.info("refresh: no permalink for %s: %s", channel_id, error.response.get("error"))
            return None
        permalink = answer.get("permalink")
        return str(permalink) if permalink else None


def slack_notifier(token: str, api_url: str) -> SlackNotifier:
    """`persona-bot refresh`'s notifier; persona_bot finds it through the `persona_bot.slack`
    entry points (persona_bot/slack_entry.py) instead of importing bot."""
    return SlackNotifier(build_client(token, api_url))
