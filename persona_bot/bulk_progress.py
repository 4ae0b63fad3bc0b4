"""The bulk run's progress on stderr: a live bar with counts and an ETA on a terminal, plain
lines (failures, a status line every few seconds) when stderr is a file or a pipe."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from persona_bot.bulk import Item, Outcome, Summary
from persona_bot.terminal_text import literal

STATUS_EVERY = 10.0  # seconds between status lines when there is no live bar


def counts(summary: Summary) -> str:
    text = f"{summary.generated:,} generated · {summary.reused:,} reused · {summary.failed:,} failed"
    return text + (f" · {summary.skipped:,} skipped" if summary.skipped else "")


class BulkProgress:
    def __init__(self, console: Console, total: int | None) -> None:
        self.console = console
        self.total = total
        self._live = console.is_terminal
        self._progress = Progress(
            TextColumn("Personas"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
            # Personas go to stdout; only a terminal's stdout may be routed above the bar
            # (a file or pipe must get every line).
            redirect_stdout=sys.stdout.isatty(),
        )
        self._task: TaskID | None = None
        self._last_status = time.monotonic()

    def __enter__(self) -> BulkProgress:
        if self._live:
            self._progress.start()
            self._task = self._progress.add_task("bulk", total=self.total, counts=counts(Summary()))
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._live:
            self._progress.stop()

    def note(self, message: str) -> None:
        """A line above the bar (e.g. "stopping after the generations in flight")."""
        self.console.print(literal(message))

    def update(self, item: Item, summary: Summary) -> None:
        if item.outcome is Outcome.failed:
            self.console.print(literal(f"{item.contact.label} (id {item.contact.id}): failed, {item.reason}"))
        if self._task is not None:
            self._progress.update(self._task, advance=1, counts=counts(summary))
            return
        now = time.monotonic()
        if now - self._last_status >= STATUS_EVERY:
            self._last_status = now
            of = f"/{self.total:,}" if self.total is not None else ""
            self.console.print(literal(f"{summary.done:,}{of} contacts: {counts(summary)}"))
