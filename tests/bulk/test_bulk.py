"""The bulk run against a rate-limited fake OpenAI over real sockets: overlap, pacing, resume."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crm.json_file import JsonFileAdapter
from persona.generators.pacing import Pacer
from persona_bot.bulk import BulkRun, Item, Outcome, Summary, every_contact
from persona_bot.service import PersonaService
from persona_bot.wiring import build_generator
from storage.repository import PersonaRepository
from tests.builders.bulk_export import write_export
from tests.fakes.openai_fixtures import openai_settings_for
from tests.fakes.openai_limits import RateLimitedOpenAI

TEAM = "T-bulk"


@pytest.fixture
async def repository(database_url: str) -> AsyncIterator[PersonaRepository]:
    repo = await PersonaRepository.open(database_url)
    yield repo
    await repo.close()


def _service(export: Path, repository: PersonaRepository, server: RateLimitedOpenAI, pacer: Pacer) -> PersonaService:
    settings = openai_settings_for(server, openai_max_retries=8, persona_embeddings="off")
    return PersonaService(JsonFileAdapter(export), repository, build_generator(settings, pacer=pacer))


async def _run(service: PersonaService, concurrency: int, **options: object) -> tuple[Summary, list[Item]]:
    items: list[Item] = []
    run = BulkRun(service, team_id=TEAM, concurrency=concurrency, on_item=lambda i, s: items.append(i), **options)
    contacts, _ = await every_contact(service.crm)
    return await run.run(contacts), items


async def test_generations_overlap_up_to_the_concurrency(tmp_path: Path, repository: PersonaRepository) -> None:
    export = write_export(tmp_path / "export.json", 12)
    async with RateLimitedOpenAI(latency=1.0) as server:  # long enough to overlap on a busy machine
        summary, items = await _run(_service(export, repository, server, Pacer()), concurrency=4)
    assert (summary.generated, summary.failed) == (12, 0)
    assert server.max_in_flight == 4  # really four at once, never more
    assert all(i.result is not None and i.result.persona.generator.name == "openai" for i in items)


async def test_a_429_storm_slows_the_run_instead_of_failing_contacts(
    tmp_path: Path, repository: PersonaRepository
) -> None:
    export = write_export(tmp_path / "export.json", 10)
    pacer = Pacer()
    async with RateLimitedOpenAI(latency=0.05) as server:
        server.storm(1.5)
        clock = time.monotonic()
        summary, items = await _run(_service(export, repository, server, pacer), concurrency=5)
        elapsed = time.monotonic() - clock
    assert (summary.generated, summary.failed) == (10, 0)
    assert all(i.result is not None and i.result.fallback_reason is None for i in items)
    assert elapsed >= 1.5  # it waited the storm out
    assert 1 <= server.rate_limited <= 3  # the first 429 held every request back, not 5 x 9 retries
    assert pacer.rate_limited == server.rate_limited


async def test_rate_limit_headers_space_requests_before_429s(tmp_path: Path, repository: PersonaRepository) -> None:
    export = write_export(tmp_path / "export.json", 24)
    pacer = Pacer()
    # 240 a minute = 4 a second with a burst of 4: eight at once would hit 429 without pacing.
    async with RateLimitedOpenAI(per_minute=240, burst=4, latency=0.2) as server:
        summary, _ = await _run(_service(export, repository, server, pacer), concurrency=8)
    assert (summary.generated, summary.failed) == (24, 0)
    assert server.rate_limited <= 2
    assert pacer.waited_seconds > 0


async def test_an_interrupted_run_resumes_without_paying_twice(tmp_path: Path, repository: PersonaRepository) -> None:
    export = write_export(tmp_path / "export.json", 20)
    async with RateLimitedOpenAI(latency=0.1) as server:
        service = _service(export, repository, server, Pacer())
        contacts, _ = await every_contact(service.crm)
        run = BulkRun(service, team_id=TEAM, concurrency=3)
        run.on_item = lambda item, summary: run.stop() if summary.done == 5 else None
        first = await run.run(contacts)
        assert first.stopped and first.failed == 0
        assert 5 <= first.generated <= 5 + 3  # the ones in flight finished and were stored
        calls = len(server.requests)

        second, _ = await _run(service, concurrency=3)
        assert not second.stopped
        assert (second.reused, second.generated, second.failed) == (first.generated, 20 - first.generated, 0)
        assert len(server.requests) - calls == 20 - first.generated

        third, _ = await _run(service, concurrency=3)
        assert (third.reused, third.generated) == (20, 0)
        assert len(server.requests) - calls == 20 - first.generated  # a full rerun: no model call


async def test_since_skips_contacts_without_recent_activity(tmp_path: Path, repository: PersonaRepository) -> None:
    export = write_export(tmp_path / "export.json", 30)
    since = datetime(2025, 3, 1, tzinfo=UTC)
    async with RateLimitedOpenAI(latency=0.0) as server:
        service = _service(export, repository, server, Pacer())
        summary, items = await _run(service, concurrency=4, since=since)
    skipped = {i.contact.id for i in items if i.outcome is Outcome.skipped}
    assert 0 < summary.skipped < 30 and summary.generated == 30 - summary.skipped
    for item in items:
        history = await service.crm.history(item.contact.id)
        stamps = [i.timestamp for i in history.interactions] + [d.closed_at or d.created_at for d in history.deals]
        assert (item.contact.id in skipped) == (max(stamps) < since)
