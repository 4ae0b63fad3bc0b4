"""Signal computation time at 10, 100, 1,000 and 10,000 interactions. Target: <= 50 ms at 10,000.

Two histories: the synthetic one of tests/fakes and one of real-looking mail (quoted threads,
signatures, auto-replies: bench/real_mail.py). Caches are cleared before every timed run, so
each run strips its messages again, as a fresh history would.

Run: python -m bench.signals (or python bench/signals.py)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.real_mail import real_mail_history
from crm.models import History
from persona.mail.automatic import clear_caches as clear_automatic
from persona.mail.reply import clear_caches as clear_reply
from persona.signals import compute_signals
from tests.builders import make_history

SIZES = [10, 100, 1_000, 10_000]
TARGET_MS = 50.0


def measure(history: History, repeats: int = 21) -> tuple[float, float, float]:
    """Median and best wall-clock ms, and median CPU ms (the same on an idle machine; on a
    busy one, CPU time is what the computation itself costs)."""
    compute_signals(history)  # warm-up (regex compilation, imports, the language model)
    times = []
    cpu = []
    for _ in range(repeats):
        clear_reply()
        clear_automatic()
        started, started_cpu = time.perf_counter(), time.process_time()
        compute_signals(history)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(times), min(times), statistics.median(cpu)


def main() -> None:
    worst = 0.0
    for label, build in (
        ("synthetic", lambda n: make_history(n, deals=max(1, n // 100), purchases=max(1, n // 50))),
        ("real mail", real_mail_history),
    ):
        print(f"{label}:\n{'interactions':>12}  {'median ms':>9}  {'best ms':>7}  {'cpu ms':>7}")
        for n in SIZES:
            median, best, cpu = measure(build(n))
            print(f"{n:>12,}  {median:>9.2f}  {best:>7.2f}  {cpu:>7.2f}")
        worst = max(worst, median)
    verdict = "OK" if worst <= TARGET_MS else "OVER TARGET"
    print(f"target: <= {TARGET_MS:.0f} ms at 10,000 interactions (both histories) -> {verdict}")


if __name__ == "__main__":
    main()
