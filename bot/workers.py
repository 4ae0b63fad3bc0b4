"""`serve --workers N`: N processes serve one HTTP port, so a burst of commands runs on every
core instead of queueing on one event loop.

Each worker is the whole app (its own pools, caches and warm-up) listening with SO_REUSEPORT:
the kernel spreads Slack's connections over them. Worker 0 alone runs the watch refresher.
Several processes share the database: PostgreSQL is the choice (generation is single-flight
across processes there); on SQLite two workers asked for the same new contact at the same
moment may both generate it, and the second result is discarded (and audited as such).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
from collections.abc import Sequence
from multiprocessing.process import BaseProcess

from bot.errors import ConfigError
from persona_bot.settings import Settings

log = logging.getLogger(__name__)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


async def run_workers(settings: Settings, port: int, count: int) -> None:
    """Start `count` workers and wait: until SIGTERM (each worker then stops gracefully) or
    until one of them stops by itself, which stops the others and is reported."""
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter each: no inherited loop
    workers = [
        spawn.Process(target=_worker, args=(settings, port, index), name=f"persona-bot-worker-{index}")
        for index in range(count)
    ]
    for worker in workers:
        worker.start()
    log.info("%d workers serving port %d", count, port)
    try:
        stopped = await _until_terminated_or_one_stops(workers)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()  # SIGTERM: acked requests are still answered
        for worker in workers:
            await asyncio.to_thread(worker.join)
    if stopped is not None:
        raise ConfigError(f"worker {stopped.name} stopped (exit code {stopped.exitcode}); see its log above")


async def _until_terminated_or_one_stops(workers: Sequence[BaseProcess]) -> BaseProcess | None:
    terminated = asyncio.Event()
    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, terminated.set)
    while not terminated.is_set():
        for worker in workers:
            if not worker.is_alive():
                return worker
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(terminated.wait(), 0.5)
    return None


def _worker(settings: Settings, port: int, index: int) -> None:
    """One worker process: the app on the shared port until SIGTERM (Ctrl-C reaches the whole
    process group; the parent stops the workers, so the worker itself stays quiet)."""
    logging.basicConfig(level=logging.INFO, format=f"{LOG_FORMAT} [worker {index}]")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from bot.serve import serve_one

    try:
        asyncio.run(serve_one(settings, port, worker=index))
    except ConfigError as error:
        log.error("%s", error)
        raise SystemExit(2) from None
