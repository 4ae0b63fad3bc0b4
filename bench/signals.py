"""Signal computation time at 10, 100, 1,000 and 10,000 interactions. Target: <= 50 ms at 10,000.

Run: python -m bench.signals (or python bench/signals.py)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from persona.signals import compute_signals
from tests.fakes.histories import make_history

SIZES = [10, 100, 1_000, 10_000]
TARGET_MS = 50.0


def measure(n: int, repeats: int = 21) -> tuple[float, float]:
    history = make_history(n, deals=max(1, n // 100), purchases=max(1, n // 50))
    compute_signals(history)  # warm-up (regex compilation, imports)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        compute_signals(history)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    print(f"{'interactions':>12}  {'median ms':>9}  {'best ms':>7}")
    median = 0.0
    for n in SIZES:
        median, best = measure(n)
        print(f"{n:>12,}  {median:>9.2f}  {best:>7.2f}")
    verdict = "OK" if median <= TARGET_MS else "OVER TARGET"
    print(f"target: <= {TARGET_MS:.0f} ms at 10,000 interactions -> {verdict}")


if __name__ == "__main__":
    main()
