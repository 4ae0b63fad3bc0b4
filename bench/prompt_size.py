"""Prompt tokens at 10, 100, 1,000 and 10,000 interactions. Target: <= 1,200 and flat.

Each prompt is sent by the real AsyncOpenAI client to the fake OpenAI server on 127.0.0.1,
and the tokens are counted on the request body the server received (messages with chat
framing, plus the response_format schema in json_schema mode). Redaction is on (the default
PERSONA_MODEL_DATA=redacted), and every body carries an e-mail address, a phone number and an
IBAN or card number, so the placeholders are part of what is counted.

    python bench/prompt_size.py
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crm.models import History
from persona.prompts import MAX_PROMPT_TOKENS, PromptMode, build_prompt
from persona.signals import compute_signals
from persona.tokens import get_counter
from persona_bot.wiring import openai_generator
from tests.builders import make_history
from tests.fakes.openai_fixtures import openai_settings_for
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.pii import items

SIZES = (10, 100, 1_000, 10_000)


def _with_pii(history: History) -> History:
    planted = items(3 * len(history.interactions), seed=len(history.interactions))
    interactions = [
        i.model_copy(update={"body": f"{planted[3 * k][1]} {i.body} {planted[3 * k + 1][1]} {planted[3 * k + 2][1]}"})
        for k, i in enumerate(history.interactions)
    ]
    return history.model_copy(update={"interactions": interactions})


async def main() -> int:
    counter = get_counter()
    print(f"token counter: {counter.name} (exact={counter.exact}); budget {MAX_PROMPT_TOKENS}; redaction on")
    print(f"{'mode':<12} {'interactions':>12} {'built':>6} {'received':>9} {'sampled':>8} {'build ms':>9}")
    worst = 0
    async with FakeOpenAI() as server:
        generator = openai_generator(openai_settings_for(server))
        try:
            for mode in PromptMode:
                for n in SIZES:
                    history = _with_pii(make_history(n, deals=max(1, n // 100), purchases=max(1, n // 50)))
                    signals = compute_signals(history)
                    started = time.perf_counter()
                    prompt = build_prompt(history, signals, mode=mode, data="redacted")
                    elapsed_ms = (time.perf_counter() - started) * 1000
                    await generator.generate(history, signals, mode=mode)
                    received = server.received_prompt_tokens()
                    worst = max(worst, received, prompt.tokens)
                    print(
                        f"{mode.value:<12} {n:>12,} {prompt.tokens:>6} {received:>9} "
                        f"{prompt.sampled_interactions:>8} {elapsed_ms:>9.1f}"
                    )
        finally:
            await generator.aclose()
    verdict = "OK" if worst <= MAX_PROMPT_TOKENS else "OVER BUDGET"
    print(f"max prompt tokens: {worst} (target <= {MAX_PROMPT_TOKENS}): {verdict}")
    return 0 if worst <= MAX_PROMPT_TOKENS else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
