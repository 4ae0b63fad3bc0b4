"""PERSONA_CORRECTORS (issue 12): who may correct a persona. Default: anyone in the workspace.

Slack user ids (U…/W…) and user-group ids (S…, resolved with usergroups.users.list, which
needs the usergroups:read scope); others get a private explanation instead of the modal.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)
_ID = re.compile(r"[A-Z0-9]+")


@dataclass(frozen=True)
class Correctors:
    users: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str | None) -> Correctors:
        """ "U123, W456 S789" -> users {U123, W456}, groups {S789}; unknown shapes are ignored."""
        ids = [part for part in re.split(r"[\s,;]+", (text or "").strip().upper()) if _ID.fullmatch(part)]
        for odd in (i for i in ids if i[0] not in "UWS"):
            log.warning("PERSONA_CORRECTORS: %r is neither a user (U…/W…) nor a user group (S…); ignored", odd)
        return cls(frozenset(i for i in ids if i[0] in "UW"), frozenset(i for i in ids if i[0] == "S"))

    @property
    def restricted(self) -> bool:
        return bool(self.users or self.groups)

    @property
    def refusal(self) -> str:
        return (
            "Only the teammates this workspace chose can correct personas here. "
            "Reply in the card's thread instead, and one of them can make the correction."
        )

    async def allows(self, client: AsyncWebClient, user_id: str | None) -> bool:
        if not self.restricted:
            return True
        if user_id is None:
            return False
        if user_id in self.users:
            return True
        for group in sorted(self.groups):
            try:
                response = await client.usergroups_users_list(usergroup=group)
            except SlackApiError as error:
                log.warning("PERSONA_CORRECTORS: cannot read group %s (%s)", group, error.response.get("error"))
                continue
            if user_id in (response.get("users") or []):
                return True
        return False
