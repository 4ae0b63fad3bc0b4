"""PERSONA_ADMINS (issue 16): who may record an objection or erase a contact from Slack.

Entries are Slack user ids (U…/W…) or user-group ids (S…); a group's members are read with
`usergroups.users.list` and kept for a minute. No admins configured: nobody may (the CLI,
for operators, always can). A Slack error while reading a group denies, never allows.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)
GROUP_TTL_SECONDS = 60.0


class Admins:
    def __init__(self, entries: Iterable[str] = ()) -> None:
        entries = [e.strip() for e in entries if e.strip()]
        self.users = frozenset(e for e in entries if not e.startswith("S"))
        self.groups = tuple(e for e in entries if e.startswith("S"))
        self._members: dict[str, tuple[float, frozenset[str]]] = {}

    @classmethod
    def parse(cls, text: str | None) -> Admins:
        """PERSONA_ADMINS as set: "U123, S456" (commas or spaces)."""
        return cls(re.split(r"[\s,;]+", text or ""))

    def __bool__(self) -> bool:
        return bool(self.users or self.groups)

    async def allows(self, client: AsyncWebClient, user_id: str | None) -> bool:
        if not user_id:
            return False
        if user_id in self.users:
            return True
        for group in self.groups:
            if user_id in await self._group(client, group):
                return True
        return False

    async def _group(self, client: AsyncWebClient, group: str) -> frozenset[str]:
        cached = self._members.get(group)
        if cached is not None and time.monotonic() - cached[0] < GROUP_TTL_SECONDS:
            return cached[1]
        try:
            response = await client.usergroups_users_list(usergroup=group)
        except SlackApiError as error:
            log.warning("cannot read admin user group %s: %s", group, error.response.get("error"))
            return frozenset()
        members = frozenset(str(u) for u in response.get("users") or [])
        self._members[group] = (time.monotonic(), members)
        return members
