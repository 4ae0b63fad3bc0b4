"""HubSpot at CRM size: every contact through the v3 list API's `after` cursor, streamed into a
bulk run page by page, against the fake HubSpot over a real socket."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from crm.hubspot import HubSpotAdapter, RetryPolicy
from crm.hubspot.adapter import LIST_PATH
from persona.generators.signals_gen import SignalsGenerator
from persona_bot.bulk import BulkRun, every_contact
from persona_bot.service import PersonaService
from storage.repository import PersonaRepository
from tests.fakes.hubspot import FakeHubSpot

FAST = RetryPolicy(max_retries=3, backoff_base=0.01, backoff_max=0.05, max_wait=1.0)


@pytest.fixture
async def fake() -> AsyncIterator[FakeHubSpot]:
    server = FakeHubSpot()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def hub(fake: FakeHubSpot) -> AsyncIterator[HubSpotAdapter]:
    adapter = HubSpotAdapter(fake.token, fake.url, retry=FAST, timeout=5.0)
    yield adapter
    await adapter.aclose()


def add_contacts(fake: FakeHubSpot, count: int) -> list[str]:
    return [
        fake.add("contacts", {"firstname": f"P{n}", "lastname": "Person", "email": f"p{n}@example.com"})
        for n in range(count)
    ]


def list_pages(fake: FakeHubSpot) -> list[dict[str, str]]:
    return [r.query for r in fake.requests if r.method == "GET" and r.path == LIST_PATH]


async def test_listing_pages_past_1000_contacts(fake: FakeHubSpot, hub: HubSpotAdapter) -> None:
    ids = add_contacts(fake, 2_345)
    contacts = [c async for c in hub.iter_contacts()]
    assert [c.id for c in contacts] == ids  # every one, in order, none twice
    pages = list_pages(fake)
    assert len(pages) == 24  # 100 a page
    assert all(p["limit"] == "100" for p in pages)
    assert [p.get("after") for p in pages[1:3]] == ["100", "200"]  # the cursor HubSpot handed back
    assert await hub.count_contacts() == 2_345
    # A listing for people (and did-you-mean suggestions) stays bounded.
    assert len(await hub.list_contacts()) == 1_000


async def test_pages_are_read_only_as_they_are_consumed(fake: FakeHubSpot, hub: HubSpotAdapter) -> None:
    add_contacts(fake, 1_050)
    stream = hub.iter_contacts()
    taken = [await anext(stream) for _ in range(150)]
    assert len({c.id for c in taken}) == 150
    assert len(list_pages(fake)) == 2  # not all 11 pages loaded first
    rest = [c async for c in stream]
    assert len(taken) + len(rest) == 1_050
    assert len(list_pages(fake)) == 11


async def test_bulk_run_streams_hubspot_pages(fake: FakeHubSpot, hub: HubSpotAdapter, tmp_path: Path) -> None:
    fake.list_page_size = 20
    add_contacts(fake, 90)
    repository = await PersonaRepository.open(f"sqlite+aiosqlite:///{tmp_path / 'personas.db'}")
    try:
        service = PersonaService(hub, repository, SignalsGenerator())
        contacts, total = await every_contact(hub)
        assert total == 90
        summary = await BulkRun(service, team_id="T1", concurrency=8).run(contacts)
        assert (summary.generated, summary.failed) == (90, 0)
        assert len(list_pages(fake)) == 5
        again = await BulkRun(service, team_id="T1", concurrency=8).run((await every_contact(hub))[0])
        assert (again.reused, again.generated) == (90, 0)
    finally:
        await repository.close()
