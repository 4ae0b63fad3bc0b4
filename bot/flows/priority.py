"""Cards people are waiting for go first; model work that can wait a moment waits.

Under a burst of commands, each generation's CPU (prompt, request, parsing, storage) would
otherwise interleave with the other commands' way to their first card on the one event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MAX_WAIT_SECONDS = 1.0  # a model call never waits longer than this for others' first cards


class FirstCardsFirst:
    def __init__(self, max_wait: float = MAX_WAIT_SECONDS) -> None:
        self.max_wait = max_wait
        self._waiting = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @contextmanager
    def waiting_for_card(self) -> Iterator[Callable[[], None]]:
        """While inside, someone is waiting for a first card; call the yielded function once
        it is shown (leaving the block counts as shown too)."""
        self._waiting += 1
        self._idle.clear()
        shown = False

        def card_shown() -> None:
            nonlocal shown
            if not shown:
                shown = True
                self._waiting -= 1
                if self._waiting == 0:
                    self._idle.set()

        try:
            yield card_shown
        finally:
            card_shown()

    async def after_first_cards(self) -> None:
        """Return once nobody is waiting for a first card (or after `max_wait`)."""
        try:
            await asyncio.wait_for(self._idle.wait(), self.max_wait)
        except TimeoutError:
            pass
