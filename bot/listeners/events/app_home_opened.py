"""`app_home_opened` → publish that person's Home tab.

Slack retries an event delivery (`X-Slack-Retry-Num`) it thinks failed; the same `event_id`
is then seen again and skipped here, so a retry never publishes (or queries) twice. A retry
whose first delivery this instance never saw (another instance, a restart) is served.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.flows.deps import Deps
from bot.flows.home import publish_home
from bot.listeners.payload import just_ack, team_of

log = logging.getLogger(__name__)
_REMEMBERED = 2048


class SeenEvents:
    """The last few thousand event ids, oldest forgotten first."""

    def __init__(self, size: int = _REMEMBERED) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def first_time(self, event_id: str) -> bool:
        if event_id in self._ids:
            return False
        self._ids[event_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


def register(app: AsyncApp, deps: Deps) -> None:
    seen = SeenEvents()

    async def handle_home_opened(
        body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        event_id = str(body.get("event_id") or "")
        if event_id and not seen.first_time(event_id):
            log.info("app_home_opened %s delivered again (a retry): already published", event_id)
            return
        try:
            await publish_home(deps, client, team_of(body, context), event["user"])
        except Exception:
            log.exception("could not publish the Home tab")

    app.event("app_home_opened")(ack=just_ack, lazy=[handle_home_opened])
