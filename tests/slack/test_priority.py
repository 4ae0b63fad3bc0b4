"""First cards before model work: a generation waits while someone else waits for a card."""

from __future__ import annotations

import asyncio

from bot.flows.priority import FirstCardsFirst


async def test_model_work_waits_until_pending_first_cards_are_shown() -> None:
    gate = FirstCardsFirst(max_wait=5)
    with gate.waiting_for_card() as shown:
        waiting = asyncio.create_task(gate.after_first_cards())
        await asyncio.sleep(0.05)
        assert not waiting.done()  # someone is still on the way to a first card
        shown()
        await asyncio.wait_for(waiting, 1)  # released as soon as it is shown
    await asyncio.wait_for(gate.after_first_cards(), 0.1)  # nobody waiting: no delay


async def test_model_work_never_waits_longer_than_max_wait() -> None:
    gate = FirstCardsFirst(max_wait=0.05)
    with gate.waiting_for_card():
        await asyncio.wait_for(gate.after_first_cards(), 1)  # gave up waiting after 50 ms


async def test_leaving_without_a_card_counts_as_shown() -> None:
    gate = FirstCardsFirst(max_wait=5)
    try:
        with gate.waiting_for_card():
            raise RuntimeError("the CRM failed")
    except RuntimeError:
        pass
    await asyncio.wait_for(gate.after_first_cards(), 0.1)
