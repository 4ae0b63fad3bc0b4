"""Concurrent lookups of one kind become one query.

Under a burst of commands every card reads the same few things (its persona's latest version,
objections, corrections and votes, its channel's share), each a statement and, on SQLite, four
round trips to aiosqlite's thread. A `Coalescer` sends the first lookup at once (nothing waits
when the bot is idle); lookups that arrive while a query is running wait for it to finish and
then go together, in one query, however many there are (up to `limit`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

BATCH_LIMIT = 200  # bound parameters per query stay far below SQLite's and PostgreSQL's limits


class Coalescer(Generic[K, V]):
    def __init__(self, fetch: Callable[[Sequence[K]], Awaitable[Mapping[K, V]]], limit: int = BATCH_LIMIT) -> None:
        """`fetch(keys)`: the values of those keys; a key it leaves out has none (None)."""
        self._fetch = fetch
        self._limit = limit
        self._waiting: list[tuple[K, asyncio.Future[V | None]]] = []
        self._runner: asyncio.Task[None] | None = None

    async def get(self, key: K) -> V | None:
        future: asyncio.Future[V | None] = asyncio.get_running_loop().create_future()
        self._waiting.append((key, future))
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._run())
        return await future

    async def _run(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting[: self._limit], self._waiting[self._limit :]
            try:
                found = await self._fetch(list(dict.fromkeys(key for key, _ in batch)))
            except Exception as error:  # each caller sees the query's failure as its own
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            except BaseException:  # cancelled (shutting down): so are the callers
                for _, future in batch + self._waiting:
                    future.cancel()
                raise
            for key, future in batch:
                if not future.done():  # a caller that was cancelled meanwhile
                    future.set_result(found.get(key))
