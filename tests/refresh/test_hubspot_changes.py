"""HubSpot change detection: one search request per 100 watched contacts finds the changed
ones; only those histories are loaded; a deleted contact is dropped once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.hubspot import FakeHubSpot
from tests.refresh.hubspot_world import HubSpotWorld, change, seed


@pytest.fixture
async def world(database_url: str) -> AsyncIterator[HubSpotWorld]:
    fake = FakeHubSpot()
    await fake.start()
    opened = await HubSpotWorld.open(fake, database_url)
    try:
        yield opened
    finally:
        await opened.close()
        await fake.close()


async def test_only_changed_contacts_are_loaded(world: HubSpotWorld) -> None:
    ids = seed(world.fake, 101)
    await world.watch_all(ids)
    first, _ = await world.cycle()  # first look: each compared with its card once
    assert len(first.first_checks) == 101 and first.generated == 0

    quiet, requests = await world.cycle()
    assert quiet.candidates == [] and requests == {"search": 2, "contact": 0, "total": 2}  # 101 ids: 2 batches

    for contact_id in ids[:3]:
        change(world.fake, contact_id)
    busy, requests = await world.cycle()
    assert sorted(busy.candidates) == sorted(f"T1/{i}" for i in ids[:3])
    assert busy.generated == 3 and requests["search"] == 2 and requests["contact"] == 3
    searches = [r.body for r in world.fake.requests if r.path.endswith("/search")][-2:]
    assert [len(b["filterGroups"][0]["filters"][0]["values"]) for b in searches] == [100, 1]

    del world.fake.objects["contacts"][ids[5]]
    gone, _ = await world.cycle()
    assert gone.dropped == 1 and world.notifier.gone == 1
    again, requests = await world.cycle()
    assert again.candidates == [] and again.dropped == 0 and requests["total"] == 1  # 100 left: one batch
