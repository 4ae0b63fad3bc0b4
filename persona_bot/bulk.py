"""`generate --all`: every contact's persona, several at once, resumable.

Contacts stream in (an HTTP CRM's pages are consumed as the run goes, never all loaded
first); at most `concurrency` contacts are worked on at a time. A contact whose stored persona
matches its history is reused at no model cost, so running again after an interruption picks
up where the last run stopped. Stopping (`stop()`, Ctrl-C in the CLI) lets the generations
in flight finish and store, and takes no new contact.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from crm.base import CrmAdapter
from crm.errors import CrmError
from crm.models import Contact, History
from persona.signals.common import reference_time
from persona_bot.objections import ContactObjected
from persona_bot.service import PersonaResult, PersonaService

DEFAULT_CONCURRENCY = 8


class Outcome(StrEnum):
    generated = "generated"  # a new version, written by the model (or offline signals)
    reused = "reused"  # the stored persona still matches the history: no cost
    skipped = "skipped"  # not profiled (no activity since --since, ...)
    failed = "failed"  # no persona: the CRM failed, or only a signals-only stand-in (model failed)


@dataclass(frozen=True)
class Item:
    contact: Contact
    outcome: Outcome
    result: PersonaResult | None = None  # the persona, unless skipped or failed without one
    reason: str | None = None  # why skipped or failed


@dataclass
class Summary:
    generated: int = 0
    reused: int = 0
    skipped: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)
    stopped: bool = False  # interrupted before every contact was taken

    @property
    def done(self) -> int:
        return self.generated + self.reused + self.skipped + self.failed

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    def text(self) -> str:
        rate = self.done / self.elapsed if self.elapsed > 0 else 0.0
        parts = [f"{self.generated:,} generated", f"{self.reused:,} reused", f"{self.failed:,} failed"]
        if self.skipped:
            parts.append(f"{self.skipped:,} skipped")
        head = "Stopped early: " if self.stopped else ""
        return f"{head}{', '.join(parts)} in {self.elapsed:,.1f} s ({rate:,.1f} contacts/s)"


class BulkRun:
    """One pass over many contacts. `on_item` sees each finished contact, in completion order."""

    def __init__(
        self,
        service: PersonaService,
        *,
        team_id: str,
        concurrency: int = DEFAULT_CONCURRENCY,
        since: datetime | None = None,
        regenerate: bool = False,
        on_item: Callable[[Item, Summary], None] | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.service = service
        self.team_id = team_id
        self.concurrency = concurrency
        self.since = since
        self.regenerate = regenerate
        self.on_item = on_item
        self.summary = Summary()
        self._stopping = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()

    def stop(self) -> None:
        """Take no new contact; the ones in flight finish."""
        self._stopping.set()

    def abort(self) -> None:
        """Stop now: the contacts in flight are abandoned (nothing half-stored: each version is
        one transaction)."""
        self.stop()
        for task in self._tasks:
            task.cancel()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    async def run(self, contacts: AsyncIterable[Contact]) -> Summary:
        slots = asyncio.Semaphore(self.concurrency)
        tasks = self._tasks
        iterator = aiter(contacts)
        try:
            while not self._stopping.is_set():
                await slots.acquire()  # pages are read only as fast as contacts are worked on
                if self._stopping.is_set():  # stopped while waiting for a slot
                    slots.release()
                    break
                try:
                    contact = await anext(iterator)
                except StopAsyncIteration:
                    slots.release()
                    break
                task = asyncio.create_task(self._one(contact))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                task.add_done_callback(lambda _: slots.release())
        finally:
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
            if isinstance(iterator, AsyncIterator) and hasattr(iterator, "aclose"):
                await iterator.aclose()
        self.summary.stopped = self.stopping
        return self.summary

    async def _one(self, contact: Contact) -> None:
        try:
            item = await self._work(contact)
        except ContactObjected:  # issue 16: never profiled, counted as skipped
            item = Item(contact, Outcome.skipped, reason="asked not to be profiled")
        except CrmError as exc:
            item = Item(contact, Outcome.failed, reason=str(exc))
        except Exception as exc:  # one contact's bad data never stops the run
            item = Item(contact, Outcome.failed, reason=f"{type(exc).__name__}: {exc}")
        self.summary.count(item.outcome)
        if self.on_item is not None:
            self.on_item(item, self.summary)

    async def _work(self, contact: Contact) -> Item:
        history = await self.service.crm.history(contact.id)
        reason = self.skip_reason(history)
        if reason is not None:
            return Item(contact, Outcome.skipped, reason=reason)
        result = await self._persona(contact, history, regenerate=self.regenerate)
        if not result.generated and result.fallback_reason and self.service.generator.name != "signals":
            # A stand-in left by an earlier model failure does not count as done: try again.
            result = await self._persona(contact, history, regenerate=True)
        if result.fallback_reason:
            return Item(contact, Outcome.failed, result, f"signals only: {result.fallback_reason}")
        return Item(contact, Outcome.generated if result.generated else Outcome.reused, result)

    def skip_reason(self, history: History) -> str | None:
        """Why this contact gets no persona in this run (the one place contacts are skipped
        before any generation), or None to go on."""
        if self.since is not None:
            last = reference_time(history)
            if last is None or last < self.since:
                return f"no activity since {self.since:%Y-%m-%d}"
        return None

    async def _persona(self, contact: Contact, history: History, *, regenerate: bool) -> PersonaResult:
        return await self.service.get_persona(
            team_id=self.team_id,
            contact_id=contact.id,
            user_id="cli",
            regenerate=regenerate,
            compare=False,
            history=history,
        )


async def every_contact(crm: CrmAdapter) -> tuple[AsyncIterator[Contact], int | None]:
    """Every contact and how many there are (None when unknown up front).

    An adapter with `iter_contacts()` streams page by page (and may say how many with
    `count_contacts()`); the others list all at once.
    """
    stream = getattr(crm, "iter_contacts", None)
    if stream is None:
        contacts = await crm.list_contacts()
        return _from_list(contacts), len(contacts)
    counter = getattr(crm, "count_contacts", None)
    total: int | None = await counter() if counter is not None else None
    return stream(), total


async def _from_list(contacts: Iterable[Contact]) -> AsyncIterator[Contact]:
    for contact in contacts:
        yield contact
