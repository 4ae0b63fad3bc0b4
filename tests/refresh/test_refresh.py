"""A refresh cycle: one model call and one thread reply per changed contact, none for the
others; PERSONA_REFRESH_MAX respected; one refresher at a time; deleted contacts dropped."""

from __future__ import annotations

import asyncio

import pytest

from persona_bot.service import PersonaService
from storage.records import Reason
from storage.repository import PersonaRepository
from tests.fakes.slack_api import TEAM_ID
from tests.refresh.world import CHANNEL, World


async def _ids(world: World) -> list[str]:
    """Ana, Bruno, Chen (ids come from a global counter, so sort by name)."""
    return sorted(world.crm.histories, key=lambda i: world.crm.histories[i].contact.name)


async def test_only_changed_contacts_cost_a_model_call_and_a_reply(world: World) -> None:
    ana, bruno, chen = await _ids(world)
    await world.share_and_watch(ana, "U1", "U2")
    await world.share_and_watch(bruno, "U1")
    await world.share_and_watch(chen, "U3")
    calls_before = len(world.openai.requests)

    first = await world.refresher().run_cycle()  # baseline: nothing changed since the cards
    assert first.generated == 0 and len(first.first_checks) == 3 and len(world.openai.requests) == calls_before
    assert world.replies() == [] and world.dms() == []

    world.crm.add_calls(ana)
    report = await world.refresher().run_cycle()
    assert report.candidates == [f"{TEAM_ID}/{ana}"] and report.generated == 1
    assert len(world.openai.requests) == calls_before + 1  # one model call, for Ana only

    [reply] = world.replies()
    assert reply["thread_ts"] == world.shares[ana]
    assert "Preferred channel: email → phone" in str(reply["text"]) and "v2" in str(reply["text"])
    dms = world.dms()
    assert sorted(str(d["channel"]) for d in dms) == ["DU1", "DU2"]
    assert all("Open the thread" in str(d["text"]) and "Ana Souza" in str(d["text"]) for d in dms)

    latest = await world.service.repository.latest(world.service.key(TEAM_ID, ana))
    assert latest is not None and latest.version == 2 and latest.reason == Reason.history_changed
    share = await world.service.find_share(TEAM_ID, ana, CHANNEL)
    assert share is not None and share.version == 2  # the thread's "what changed" now starts at v2

    home = await world.service.watches.user_watches(TEAM_ID, "json", "U2", limit=5)
    assert (home[0].change or "").startswith("Preferred channel: email → phone")

    posts = len(world.slack.called("chat.postMessage"))
    again = await world.refresher().run_cycle()  # nothing new: no model call, no message
    assert again.candidates == [] and again.generated == 0
    assert len(world.openai.requests) == calls_before + 1
    assert len(world.slack.called("chat.postMessage")) == posts


async def test_refresh_max_defers_the_rest_to_the_next_cycle(world: World) -> None:
    ids = await _ids(world)
    for contact_id in ids:
        await world.share_and_watch(contact_id, "U1")
    await world.refresher().run_cycle()
    for contact_id in ids:
        world.crm.add_calls(contact_id)
    calls_before = len(world.openai.requests)

    capped = await world.refresher(max_generations=2).run_cycle()
    assert capped.generated == 2 and capped.deferred == 1
    assert len(world.openai.requests) == calls_before + 2 and len(world.replies()) == 2

    rest = await world.refresher(max_generations=2).run_cycle()
    assert rest.generated == 1 and rest.deferred == 0 and len(world.replies()) == 3

    none = await world.refresher(max_generations=0).run_cycle()
    assert none.generated == 0 and none.candidates == []


async def test_dry_run_names_candidates_and_changes_nothing(world: World) -> None:
    [ana, *_] = await _ids(world)
    await world.share_and_watch(ana, "U1")
    await world.refresher().run_cycle()
    world.crm.add_calls(ana)
    calls_before = len(world.openai.requests)
    dry = await world.refresher().run_cycle(dry_run=True)
    assert dry.candidates == [f"{TEAM_ID}/{ana}"] and dry.generated == 0
    assert len(world.openai.requests) == calls_before and world.replies() == []
    real = await world.refresher().run_cycle()  # the dry run left it due
    assert real.generated == 1


async def test_a_deleted_contact_is_dropped_with_a_note_not_retried(world: World) -> None:
    ana, bruno, _ = await _ids(world)
    await world.share_and_watch(ana, "U1", "U2")
    await world.share_and_watch(bruno, "U1")
    await world.refresher().run_cycle()
    del world.crm.histories[ana]

    report = await world.refresher().run_cycle()
    assert report.dropped == 1 and report.failed == 0
    notes = world.dms()
    assert sorted(str(d["channel"]) for d in notes) == ["DU1", "DU2"]
    assert all("no longer in the CRM" in str(d["text"]) for d in notes)
    assert [w.key.contact_id for w in await world.service.watches.watched("json")] == [bruno]

    later = await world.refresher().run_cycle()
    assert later.dropped == 0 and later.candidates == [] and len(world.dms()) == 2


async def test_two_instances_at_once_post_each_change_once(world: World, database_url: str) -> None:
    """Two services on one database (two instances): one runs the cycle, the other skips it."""
    ana, bruno, _ = await _ids(world)
    await world.share_and_watch(ana, "U1")
    await world.share_and_watch(bruno, "U1")
    await world.refresher().run_cycle()
    world.crm.add_calls(ana)
    world.crm.add_calls(bruno)
    world.openai.slow_seconds = 0.2  # both cycles overlap while the model writes

    if database_url.startswith("sqlite"):
        other = world.service  # SQLite: one process serves; its cycles never overlap
    else:
        other = PersonaService(world.crm, await PersonaRepository.open(database_url), world.service.generator)
    try:
        reports = await asyncio.gather(world.refresher().run_cycle(), world.refresher(service=other).run_cycle())
    finally:
        if other is not world.service:
            await other.repository.close()
    assert sorted(r.ran for r in reports) == [False, True]
    assert sum(r.generated for r in reports) == 2
    replies = world.replies()
    assert sorted(str(r["thread_ts"]) for r in replies) == sorted([world.shares[ana], world.shares[bruno]])


@pytest.mark.parametrize("watchers", [("U1",)])
async def test_forget_removes_watches(world: World, watchers: tuple[str, ...]) -> None:
    [ana, *_] = await _ids(world)
    await world.share_and_watch(ana, *watchers)
    await world.service.forget(ana)
    assert await world.service.watches.watched("json") == []
    report = await world.refresher().run_cycle()
    assert report.watched == 0


async def test_a_replaced_export_file_is_read_again_by_the_serving_refresher(tmp_path, database_url: str) -> None:
    """JSON exports: `serve` reads the file once; each cycle notices a new file and compares
    fingerprints (no change markers needed)."""
    from datetime import timedelta

    from crm.json_file import JsonFileAdapter
    from persona.generators.signals_gen import SignalsGenerator
    from persona_bot.refresh import Refresher
    from tests.builders import T0, export_json, msg
    from tests.refresh.hubspot_world import Silent
    from tests.refresh.world import emailer

    ana = emailer("Ana Souza")
    path = tmp_path / "export.json"
    path.write_text(export_json(ana))
    service = PersonaService(JsonFileAdapter(path), await PersonaRepository.open(database_url), SignalsGenerator())
    notifier = Silent()
    try:
        await service.get_persona(team_id=TEAM_ID, contact_id=ana.contact.id, user_id="U1")
        await service.watches.watch(service.key(TEAM_ID, ana.contact.id), "U1", "Ana Souza")
        refresher = Refresher(service, notifier, max_generations=5)
        assert (await refresher.run_cycle()).generated == 0
        calls = [msg("call", "inbound", T0 + timedelta(days=3 * i, hours=1), duration_seconds=600) for i in range(12)]
        path.write_text(export_json(ana.model_copy(update={"interactions": [*ana.interactions, *calls]})))
        report = await refresher.run_cycle()
        assert report.candidates == [f"{TEAM_ID}/{ana.contact.id}"] and report.generated == 1
        assert notifier.changed == 1
        path.write_text("{not json")
        assert (await refresher.run_cycle()).generated == 0  # a broken file: previous data kept
    finally:
        await service.aclose()
