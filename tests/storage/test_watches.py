"""Watches: per-user watch/unwatch, the refresher's view, Home lists, erasure drops watches."""

from __future__ import annotations

from storage.records import PersonaKey
from storage.repository import PersonaRepository
from storage.watches import WatchStore
from tests.builders import make_persona

KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-1")
OTHER = PersonaKey(team_id="T1", crm="demo", contact_id="c-2")


async def test_watch_is_per_user_and_unwatch_removes(repo: PersonaRepository) -> None:
    store = WatchStore(repo.engine)
    assert await store.watch(KEY, "U1", "Ana")
    assert not await store.watch(KEY, "U1", "Ana")  # twice: one watch
    assert await store.watch(KEY, "U2", "Ana")
    assert await store.is_watching(KEY, "U1") and not await store.is_watching(OTHER, "U1")
    [watched] = await store.watched("demo")
    assert watched.watchers == ["U1", "U2"] and watched.marker is None

    assert await store.unwatch(KEY, "U1")
    assert not await store.unwatch(KEY, "U1")
    assert not await store.is_watching(KEY, "U1") and await store.is_watching(KEY, "U2")


async def test_checks_order_the_refresher_and_feed_the_home_tab(repo: PersonaRepository) -> None:
    store = WatchStore(repo.engine)
    await store.watch(KEY, "U1", "Ana")
    await store.watch(OTHER, "U1", "Bo")
    await store.save_check(KEY, "m1", change="Preferred channel: email → phone")
    assert [w.key for w in await store.watched("demo")] == [OTHER, KEY]  # never checked goes first
    await store.save_check(OTHER, "m2")
    watched = {w.key: w.marker for w in await store.watched("demo")}
    assert watched == {KEY: "m1", OTHER: "m2"}

    home = await store.user_watches("T1", "demo", "U1", limit=10)
    assert (home[0].contact_name, home[0].change) == ("Ana", "Preferred channel: email → phone")
    assert home[0].changed_at is not None and home[1].changed_at is None


async def test_forget_and_deletion_drop_watches(repo: PersonaRepository) -> None:
    store = WatchStore(repo.engine)
    await store.watch(KEY, "U1", "Ana")
    await store.watch(OTHER, "U2", "Bo")
    await store.save_check(KEY, "m1")
    await repo.forget("demo", KEY.contact_id)
    assert not await store.is_watching(KEY, "U1")
    assert [w.key for w in await store.watched("demo")] == [OTHER]
    assert await store.drop_contact(OTHER) == ["U2"]
    assert await store.watched("demo") == []


async def test_recent_personas_take_the_latest_version_per_contact(repo: PersonaRepository) -> None:
    async def generate():  # type: ignore[no-untyped-def]
        return make_persona()

    await repo.obtain(KEY, "fp-a", generate, user_id=None)
    await repo.obtain(KEY, "fp-b", generate, user_id=None)
    await repo.obtain(OTHER, "fp-a", generate, user_id=None)
    recent = await WatchStore(repo.engine).recent_personas("T1", "demo", limit=10)
    assert [(r.key.contact_id, r.version) for r in recent] == [("c-2", 1), ("c-1", 2)]
    assert await WatchStore(repo.engine).recent_personas("T2", "demo", limit=10) == []
