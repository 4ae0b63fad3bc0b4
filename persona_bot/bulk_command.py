"""`persona-bot generate --all`: the bulk run wired to the terminal.

Personas go to stdout as JSON Lines (one per contact, in completion order), progress and
the summary to stderr. The first Ctrl-C stops after the generations in flight; a second one
stops at once (what was stored stays stored; a rerun resumes).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from persona.generators.pacing import Pacer
from persona_bot.bulk import BulkRun, Item, Summary, every_contact
from persona_bot.bulk_progress import BulkProgress
from persona_bot.service import open_service
from persona_bot.settings import Settings
from persona_bot.terminal_text import SafeConsole

BULK_MAX_RETRIES = 8  # a bulk run would rather wait out a rate limit than store stand-ins
EXIT_INTERRUPTED = 130


def parse_since(text: str) -> datetime:
    """ "2025-01-31" (midnight UTC) or an ISO datetime (naive = UTC); ValueError otherwise."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--since expects a date like 2025-01-31, not {text!r}") from None
    if len(text.strip()) == 10:
        moment = datetime.combine(date.fromisoformat(text.strip()), datetime.min.time())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def generate_all(
    settings: Settings,
    *,
    team_id: str,
    concurrency: int,
    since: datetime | None,
    regenerate: bool,
) -> int:
    """0 when every contact has a persona (or was skipped), 1 when some failed, 130 if stopped."""
    err = SafeConsole(stderr=True, highlight=False)  # contact names and reasons printed literally
    pacer = Pacer()
    retries = max(settings.openai_max_retries, BULK_MAX_RETRIES)
    settings = settings.model_copy(update={"openai_max_retries": retries})
    async with open_service(settings, pacer=pacer) as service:
        contacts, total = await every_contact(service.crm)
        with BulkProgress(err, total) as progress:

            def on_item(item: Item, summary: Summary) -> None:
                if item.result is not None:
                    print(item.result.persona.model_dump_json(), flush=True)
                progress.update(item, summary)

            run = BulkRun(
                service,
                team_id=team_id,
                concurrency=concurrency,
                since=since,
                regenerate=regenerate,
                on_item=on_item,
            )
            with _stop_on_interrupt(run, progress):
                summary = await run.run(contacts)
    err.print(summary.text())
    if pacer.rate_limited:
        err.print(f"The model server rate-limited {pacer.rate_limited:,} request(s); the run slowed down.")
    if summary.stopped:
        err.print("Run the same command again to resume: stored personas are reused at no cost.")
        return EXIT_INTERRUPTED
    return 1 if summary.failed else 0


@contextmanager
def _stop_on_interrupt(run: BulkRun, progress: BulkProgress) -> Iterator[None]:
    """First Ctrl-C: finish what is in flight; second: stop now."""
    loop = asyncio.get_running_loop()

    def interrupted() -> None:
        if not run.stopping:
            progress.note("Stopping after the generations in flight (Ctrl-C again to stop now)...")
            run.stop()
        else:
            progress.note("Stopping now.")
            run.abort()

    try:
        loop.add_signal_handler(signal.SIGINT, interrupted)
    except (NotImplementedError, RuntimeError):  # Windows, or not the main thread
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGINT)
