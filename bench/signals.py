"""Signal computation time at 10, 100, 1,000 and 10,000 interactions. Target: <= 50 ms at 10,000.

Run: python -m bench.signals
"""

from __future__ import annotations

import statistics
import time

from bench.synthetic import synthetic_history
from persona.signals import compute_signals

SIZES = [10, 100, 1_000, 10_000]
TARGET_MS = 50.0


def measure(n: int, repeats: int = 21) -> tuple[float, float]:
    history = synthetic_history(n)
    compute_signals(history)  # warm-up (regex compilation, imports)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        compute_signals(history)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    print(f"{'interactions':>12}  {'median ms':>9}  {'best ms':>7}")
    for n in SIZES:
        median, best = measure(n)
        print(f"{n:>12,}  {median:>9.2f}  {best:>7.2f}")
    median, _ = measure(10_000)
    verdict = "OK" if median <= TARGET_MS else "OVER TARGET"
    print(f"target: <= {TARGET_MS:.0f} ms at 10,000 interactions -> {verdict}")


if __name__ == "__main__":
    main()
