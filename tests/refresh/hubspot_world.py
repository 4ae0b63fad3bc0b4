"""A fake HubSpot with many watched contacts (each with a card), for the change-detection test
and `bench/refresh_hubspot.py`: how many HubSpot requests does one refresh cycle cost?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from crm.hubspot import HubSpotAdapter, RetryPolicy
from persona.generators.signals_gen import SignalsGenerator
from persona_bot.refresh import CycleReport, Refresher, RefreshNotifier
from persona_bot.service import PersonaService
from storage.repository import PersonaRepository
from tests.fakes.hubspot import FakeHubSpot

TEAM = "T1"
T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


class Silent:
    """A notifier that only counts (the Slack side is tested elsewhere)."""

    def __init__(self) -> None:
        self.changed = 0
        self.gone = 0

    async def persona_changed(self, change: object) -> list[str]:
        self.changed += 1
        return []

    async def contact_gone(self, watched: object, watchers: list[str]) -> None:
        self.gone += 1


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def seed(fake: FakeHubSpot, count: int) -> list[str]:
    """`count` contacts, each with two emails (a sent one and a reply)."""
    ids = []
    for n in range(count):
        contact = fake.add("contacts", {"firstname": f"Person{n}", "lastname": "Watched", "email": f"p{n}@x.example"})
        for k, direction in enumerate(("EMAIL", "INCOMING_EMAIL")):
            at = _iso(T0 + timedelta(days=n % 30, hours=3 * k))
            fake.add(
                "emails",
                {"hs_timestamp": at, "hs_email_direction": direction, "hs_email_text": "Hi"},
                to=("contacts", contact),
            )
        ids.append(contact)
    return ids


def change(fake: FakeHubSpot, contact_id: str) -> None:
    """A new inbound call is logged: the history and the contact's stamps move."""
    at = _iso(T0 + timedelta(days=40))
    fake.add(
        "calls",
        {"hs_timestamp": at, "hs_call_direction": "INBOUND", "hs_call_duration": "600000"},
        to=("contacts", contact_id),
    )
    fake.touch(contact_id)


@dataclass
class HubSpotWorld:
    fake: FakeHubSpot
    service: PersonaService
    notifier: Silent

    @classmethod
    async def open(cls, fake: FakeHubSpot, database_url: str) -> HubSpotWorld:
        adapter = HubSpotAdapter(
            fake.token, fake.url, retry=RetryPolicy(max_retries=1, backoff_base=0.01), concurrency=8
        )
        repository = await PersonaRepository.open(database_url)
        return cls(fake, PersonaService(adapter, repository, SignalsGenerator()), Silent())

    async def watch_all(self, contact_ids: list[str]) -> None:
        """Each contact's card exists and someone pressed Watch on it."""
        for contact_id in contact_ids:
            result = await self.service.get_persona(team_id=TEAM, contact_id=contact_id, user_id="U1", compare=False)
            await self.service.watches.watch(self.service.key(TEAM, contact_id), "U1", result.contact.name)

    async def cycle(self, max_generations: int = 20) -> tuple[CycleReport, dict[str, int]]:
        """One cycle and the HubSpot requests it made, by kind."""
        before = len(self.fake.requests)
        notifier: RefreshNotifier = self.notifier
        report = await Refresher(self.service, notifier, max_generations=max_generations).run_cycle()
        made = self.fake.requests[before:]
        kinds = {
            "search": sum(1 for r in made if r.path.endswith("/search")),
            "contact": sum(
                1 for r in made if r.path.startswith("/crm/v3/objects/contacts/") and not r.path.endswith("/search")
            ),
            "total": len(made),
        }
        return report, kinds

    async def close(self) -> None:
        await self.service.aclose()
