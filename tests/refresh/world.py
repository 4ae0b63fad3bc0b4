"""The refresher's world: a CRM whose histories change between cycles (ChangingCrm), the
service over it, the fake OpenAI server and the fake Slack; the `world` fixture (conftest.py)
builds one on SQLite or PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot.flows.refresh_notify import SlackNotifier
from crm.errors import ContactNotFound
from crm.matching import match_contacts
from crm.models import Contact, History
from persona_bot.refresh import Refresher
from persona_bot.service import PersonaService
from tests.builders import T0, deal, email_threads, history, msg
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_api import TEAM_ID, FakeSlack

CHANNEL = "C1"


class ChangingCrm:
    """An in-memory CRM the test edits between cycles (the JSON adapter reads its file once)."""

    name = "json"

    def __init__(self, histories: list[History]) -> None:
        self.histories = {h.contact.id: h for h in histories}
        self.history_loads = 0

    async def find(self, query: str, limit: int = 10) -> list[Contact]:
        return match_contacts((h.contact for h in self.histories.values()), query, limit)

    async def list_contacts(self) -> list[Contact]:
        return [h.contact for h in self.histories.values()]

    async def history(self, contact_id: str) -> History:
        self.history_loads += 1
        try:
            return self.histories[contact_id]
        except KeyError:
            raise ContactNotFound(f"no contact with id {contact_id!r}") from None

    async def aclose(self) -> None:
        return None

    def add_calls(self, contact_id: str, count: int = 12) -> None:
        """Many inbound calls: the preferred channel moves from email to phone."""
        h = self.histories[contact_id]
        calls = [
            msg("call", "inbound", T0 + timedelta(days=3 * i, hours=1), duration_seconds=600, outcome="connected")
            for i in range(count)
        ]
        self.histories[contact_id] = h.model_copy(update={"interactions": [*h.interactions, *calls]})


def emailer(name: str) -> History:
    return history(email_threads(6, reply_after=timedelta(hours=2)), deals=[deal(5), deal(9)], name=name)


@dataclass
class World:
    crm: ChangingCrm
    service: PersonaService
    slack: FakeSlack
    openai: FakeOpenAI
    client: AsyncWebClient
    shares: dict[str, str] = field(default_factory=dict)  # contact id -> the card's ts

    def refresher(self, max_generations: int = 20, service: PersonaService | None = None) -> Refresher:
        return Refresher(service or self.service, SlackNotifier(self.client), max_generations=max_generations)

    async def share_and_watch(self, contact_id: str, *watchers: str) -> None:
        """A card posted in CHANNEL (as /persona does) and people pressing Watch on it."""
        result = await self.service.get_persona(team_id=TEAM_ID, contact_id=contact_id, user_id="U1")
        ts = f"17000000{len(self.shares):02d}.000100"
        self.shares[contact_id] = ts
        self.service.share_later(
            TEAM_ID, contact_id, channel_id=CHANNEL, message_ts=ts, thread_ts=None, version=1, shared_by="U1"
        )
        await self.service.repository.flush_writes()
        for user in watchers:
            await self.service.watches.watch(self.service.key(TEAM_ID, contact_id), user, result.contact.name)

    def replies(self) -> list[dict[str, object]]:
        return [c.args for c in self.slack.called("chat.postMessage", channel=CHANNEL)]

    def dms(self) -> list[dict[str, object]]:
        return [c.args for c in self.slack.called("chat.postMessage") if str(c.args["channel"]).startswith("D")]
