"""The watched-contacts refresher (issue 13): find who changed, regenerate, tell the team.

One cycle: pick the watched contacts (`contacts_to_check`, the single place that decides),
ask the CRM cheaply which changed (HubSpot: batched search on last-modified stamps; other
CRMs: the history fingerprint), send only those through the service (which generates only
when the history fingerprint differs), at most PERSONA_REFRESH_MAX generations per cycle,
and hand each categorical change to a notifier (the Slack side posts thread replies and
DMs). One instance at a time runs a cycle (an advisory lock on PostgreSQL).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from crm.base import ChangeMarkers, Reloadable
from crm.errors import ContactNotFound, CrmError
from persona.fingerprint import history_fingerprint
from persona_bot.service import PersonaResult, PersonaService
from storage.locks import try_single_runner
from storage.records import Share
from storage.watches import WatchedContact

log = logging.getLogger(__name__)

REFRESHER = "refresher"  # requested_by of the versions it makes
_LOCK_NAME = "persona-bot:refresh"


@dataclass(frozen=True)
class PersonaChange:
    """A watched contact's persona changed in a way worth telling people about."""

    watched: WatchedContact
    result: PersonaResult
    lines: list[str]  # persona.diff lines, the same the thread replies use
    shares: list[Share]  # every channel where the card was shared (one thread each)

    @property
    def version(self) -> int:
        return self.result.stored.version

    @property
    def previous(self) -> int | None:
        return self.result.previous.version if self.result.previous else None


class RefreshNotifier(Protocol):
    async def persona_changed(self, change: PersonaChange) -> list[str]:
        """Reply in each share's thread and DM the watchers; returns the channels answered."""
        ...

    async def contact_gone(self, watched: WatchedContact, watchers: list[str]) -> None:
        """Tell the watchers the contact left the CRM (their watches are already dropped)."""
        ...


@dataclass
class CycleReport:
    ran: bool = True  # False: another instance held the lock
    watched: int = 0
    candidates: list[str] = field(default_factory=list)  # "team/contact" whose marker moved
    first_checks: list[str] = field(default_factory=list)  # new watches: compared with their card
    generated: int = 0
    notified: int = 0  # contacts whose change was posted
    deferred: int = 0  # left for the next cycle by PERSONA_REFRESH_MAX
    dropped: int = 0  # deleted from the CRM
    failed: int = 0  # CRM errors; tried again next cycle

    def summary(self) -> str:
        if not self.ran:
            return "another instance is refreshing; skipped"
        return (
            f"{self.watched} watched, {len(self.candidates)} changed in the CRM, "
            f"{len(self.first_checks)} first checks, {self.generated} generated, "
            f"{self.notified} posted, {self.deferred} deferred, {self.dropped} dropped, {self.failed} failed"
        )


class Refresher:
    def __init__(self, service: PersonaService, notifier: RefreshNotifier, *, max_generations: int) -> None:
        self.service = service
        self.notifier = notifier
        self.max_generations = max_generations
        self.watches = service.watches

    async def contacts_to_check(self) -> list[WatchedContact]:
        """The one place that decides which contacts a cycle looks at (issue 16's
        do-not-profile suppressions belong here as a filter)."""
        return await self.watches.watched(self.service.crm.name)

    async def run_cycle(self, *, dry_run: bool = False) -> CycleReport:
        async with try_single_runner(self.service.repository.engine, _LOCK_NAME) as held:
            if not held:
                log.info("refresh: another instance holds the lock; skipping this cycle")
                return CycleReport(ran=False)
            report = await self._cycle(dry_run)
        log.info("refresh%s: %s", " (dry run)" if dry_run else "", report.summary())
        return report

    async def _cycle(self, dry_run: bool) -> CycleReport:
        await self.service.repository.flush_writes()  # cards posted a moment ago have their threads
        if isinstance(self.service.crm, Reloadable):  # an export file replaced since it was read
            await self.service.crm.reload_if_changed()
        watched = await self.contacts_to_check()
        report = CycleReport(watched=len(watched))
        markers = await self._markers(sorted({w.key.contact_id for w in watched}))
        for contact in watched:
            marker = markers.get(contact.key.contact_id)
            if marker is not None and marker == contact.marker:
                continue  # the CRM says nothing changed: no history load, no model call
            due = report.first_checks if contact.marker is None else report.candidates
            due.append(f"{contact.key.team_id}/{contact.key.contact_id}")
            if dry_run:
                continue
            if report.generated >= self.max_generations:
                report.deferred += 1  # its marker is not saved, so it is due again next cycle
                continue
            await self._refresh(contact, marker, report)
        return report

    async def _markers(self, contact_ids: Sequence[str]) -> dict[str, str]:
        """Contact id -> change marker; an id left out may be gone (confirmed by its history)."""
        crm = self.service.crm
        if not contact_ids:
            return {}
        if isinstance(crm, ChangeMarkers):
            try:
                return await crm.change_markers(list(contact_ids))
            except CrmError as error:
                log.warning("refresh: the CRM's change search failed (%s); checking every history", error)
        markers: dict[str, str] = {}
        for contact_id in contact_ids:
            try:
                markers[contact_id] = history_fingerprint(await crm.history(contact_id))
            except CrmError:
                continue  # deleted or unreachable: sent through the service, which tells which
        return markers

    async def _refresh(self, contact: WatchedContact, marker: str | None, report: CycleReport) -> None:
        key = contact.key
        try:
            result = await self.service.get_persona(
                team_id=key.team_id, contact_id=key.contact_id, user_id=REFRESHER, compare=True
            )
        except ContactNotFound:
            watchers = await self.watches.drop_contact(key)
            report.dropped += 1
            log.info(
                "refresh: %s/%s is gone from the CRM; dropped %d watches", key.team_id, key.contact_id, len(watchers)
            )
            try:
                await self.notifier.contact_gone(contact, watchers)
            except Exception:
                log.exception("refresh: could not tell the watchers of %s/%s", key.team_id, key.contact_id)
            return
        except CrmError as error:
            report.failed += 1
            log.warning("refresh: %s/%s not checked: %s", key.team_id, key.contact_id, error)
            return
        if result.generated:
            report.generated += 1
        change = _categorical(result)
        if change is not None:
            lines = result.changes.lines() if result.changes else []
            shares = await self.watches.shares(key)
            try:
                posted = await self.notifier.persona_changed(PersonaChange(contact, result, lines, shares))
            except Exception:  # logged; the new version is stored and is not made again
                log.exception("refresh: could not tell anyone about %s/%s", key.team_id, key.contact_id)
                posted = []
            for channel_id in posted:
                await self.watches.mark_shared(key, channel_id, result.stored.version)
            report.notified += 1
        await self.watches.save_check(key, marker, change)


def _categorical(result: PersonaResult) -> str | None:
    """One line of what changed, only when a categorical field changed in a new version."""
    if not result.generated or result.changes is None or not result.changes.changes:
        return None
    return "; ".join(result.changes.lines()[: len(result.changes.changes)])


async def run_periodically(refresher: Refresher, every: timedelta) -> None:
    """`persona-bot serve`: a cycle now, then every PERSONA_REFRESH_MINUTES, until cancelled."""
    while True:
        try:
            await refresher.run_cycle()
        except Exception:
            log.exception("refresh cycle failed; trying again next time")
        await asyncio.sleep(every.total_seconds())


@asynccontextmanager
async def refreshing_in_background(refresher: Refresher | None, every: timedelta) -> AsyncIterator[None]:
    """The refresher as a task for as long as the block runs (None or 0 minutes: no task)."""
    if refresher is None or every <= timedelta(0):
        yield
        return
    task = asyncio.create_task(run_periodically(refresher, every))
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
