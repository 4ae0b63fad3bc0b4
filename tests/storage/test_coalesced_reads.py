"""A burst's reads share queries (storage.coalesce); each caller still gets exactly its own row."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

import pytest

from storage.coalesce import Coalescer
from storage.corrections import FeedbackStore
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from storage.suppressions import SuppressionStore
from tests.builders import make_persona
from tests.storage.test_corrections import correction

KEYS = [PersonaKey(team_id=team, crm="demo", contact_id=f"c-{i}") for team in ("T1", "T2") for i in range(6)]


async def test_concurrent_lookups_go_in_one_query_after_the_first() -> None:
    queries: list[list[int]] = []

    async def fetch(keys: Sequence[int]) -> Mapping[int, str]:
        queries.append(sorted(keys))
        await asyncio.sleep(0.01)
        return {k: f"v{k}" for k in keys if k % 3}

    lookups = Coalescer(fetch)
    first = asyncio.create_task(lookups.get(1))
    await asyncio.sleep(0.001)  # its query is running
    found = await asyncio.gather(first, *(lookups.get(k) for k in [2, 3, 4, 4, 5]))

    assert found == ["v1", "v2", None, "v4", "v4", "v5"]  # a key the fetch left out: None
    assert queries == [[1], [2, 3, 4, 5]]  # the first at once; the rest waited and went together


async def test_a_failed_query_fails_each_of_its_callers_and_the_next_batch_runs() -> None:
    calls = 0

    async def fetch(keys: Sequence[int]) -> Mapping[int, int]:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0)
        if calls == 1:
            raise ConnectionError("database went away")
        return {k: k for k in keys}

    lookups = Coalescer(fetch)
    first = asyncio.create_task(lookups.get(1))
    await asyncio.sleep(0)
    with pytest.raises(ConnectionError):
        await first
    assert await lookups.get(2) == 2


async def test_batched_latest_matches_each_key(repo: PersonaRepository) -> None:
    for n, key in enumerate(KEYS):
        for version in range(n % 3 + 1):  # 1 to 3 versions each
            name = f"{key.team_id} {key.contact_id} v{version + 1}"
            await repo.obtain(key, f"fp-{version}", _persona(name), user_id="U1")
    missing = PersonaKey(team_id="T1", crm="demo", contact_id="nobody")

    async def hit(n: int, key: PersonaKey) -> tuple[int, str, bool]:
        stored, generated = await repo.obtain(key, f"fp-{n % 3}", _persona("regenerated"), user_id="U1")
        return stored.version, stored.persona.contact.name, generated

    found = await asyncio.gather(*(hit(n, k) for n, k in enumerate([*KEYS, missing])))

    expected = [(n % 3 + 1, f"{k.team_id} {k.contact_id} v{n % 3 + 1}", False) for n, k in enumerate(KEYS)]
    assert found == [*expected, (1, "regenerated", True)]  # the key with no version generated


def _persona(name: str):  # type: ignore[no-untyped-def]
    async def generate():  # type: ignore[no-untyped-def]
        return make_persona(name=name)

    return generate


async def test_batched_feedback_keeps_corrections_and_votes_apart(repo: PersonaRepository) -> None:
    store = FeedbackStore(repo.engine)
    a, b, other_team = KEYS[0], KEYS[1], KEYS[6]
    await store.correct(a, correction())
    await store.correct(a, correction(field="formality", value="casual"))
    await store.vote(a, 1, "U1", True)
    await store.vote(a, 1, "U2", False)
    await store.vote(a, 2, "U3", True)
    await store.vote(b, 1, "U1", False)

    loaded = await asyncio.gather(*(store.load(k, v) for k, v in [(a, 1), (a, 2), (b, 1), (other_team, 1), (a, 1)]))

    fields = [[c.field for c in corrections] for corrections, _ in loaded]
    votes = [(count.up, count.down) for _, count in loaded]
    assert fields == [["preferred_channel", "formality"]] * 2 + [[], [], ["preferred_channel", "formality"]]
    assert votes == [(1, 1), (1, 0), (0, 1), (0, 0), (1, 1)]


async def test_batched_objection_checks_match_by_record_or_email(repo: PersonaRepository) -> None:
    store = SuppressionStore(repo.engine)
    await store.add("demo", "c-1", "hash-ana", recorded_by="U1", reason=None)
    await store.add("hubspot", "901", None, recorded_by="U1", reason=None)
    asked = [
        ("demo", "c-1", None),  # the record itself
        ("hubspot", "555", "hash-ana"),  # the same person in another CRM, by e-mail
        ("demo", "901", None),  # same id, other CRM: not covered
        ("hubspot", "901", "hash-bruno"),
        ("demo", "c-2", "hash-bruno"),
        ("demo", "c-3", None),
    ]

    found = await asyncio.gather(*(store.find(*ask) for ask in asked))

    assert [f is not None for f in found] == [True, True, False, True, False, False]
    assert found[1] is not None and (found[1].crm, found[1].contact_id) == ("demo", "c-1")
