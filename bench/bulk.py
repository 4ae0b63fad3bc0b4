"""`persona-bot generate --all` at CRM size, end to end (the real CLI in its own process).

    python bench/bulk.py                            # 1,000 contacts against a rate-limited
                                                    # model, then the rerun (~2 min)
    python bench/bulk.py --contacts 0 --memory-contacts 10000
                                                    # peak memory, 10,000 contacts offline
                                                    # (3-6 min on this shared 2-core machine)

The model is a fake OpenAI on 127.0.0.1 (tests/fakes/openai_limits.py): every answer takes
`--latency` seconds; requests are limited to `--per-minute` (600), enforced over short windows
(a burst of at most `--burst`, 10 = one second's worth, as OpenAI quantizes its limits); beyond
that it answers 429 with retry-after, and every answer carries x-ratelimit-* headers.
Targets (issue 14): >= 8 personas/s, 0 failed, < 20 429s; the rerun reuses every persona with
0 model calls; peak memory <= 300 MB at 10,000 contacts offline.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.builders.bulk_export import write_export
from tests.fakes.openai_limits import RateLimitedOpenAI

_SUMMARY = re.compile(r"([\d,]+) generated, ([\d,]+) reused, ([\d,]+) failed")


@dataclass(frozen=True)
class Run:
    seconds: float
    lines: int
    generated: int
    reused: int
    failed: int
    peak_mb: float
    cpu_seconds: float
    code: int
    stderr_tail: str


def _cli(env: dict[str, str], args: list[str], workdir: Path) -> Run:
    """Run the CLI, stdout to a file; wall time and the child's own peak RSS (wait4)."""
    out_path, err_path = workdir / "out.jsonl", workdir / "err.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        clock = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "persona_bot.cli", *args], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - clock
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_text(errors="replace")
    found = _SUMMARY.search(stderr)
    generated, reused, failed = (int(g.replace(",", "")) for g in found.groups()) if found else (-1, -1, -1)
    with out_path.open("rb") as out:
        lines = sum(1 for _ in out)
    peak_mb = usage.ru_maxrss / 1024  # Linux: KiB
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, lines, generated, reused, failed, peak_mb, cpu, proc.returncode, stderr[-600:])


def _env(workdir: Path, export: Path, database: Path, model_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PERSONA_", "CRM_", "DATABASE_"))}
    env |= {
        "CRM_ADAPTER": "json",
        "CRM_JSON_PATH": str(export),
        "DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "PYTHONPATH": str(ROOT),
    }
    if model_url:
        env |= {"OPENAI_API_KEY": "sk-bench-0123456789abcdef", "OPENAI_BASE_URL": model_url}
    return env


async def model_runs(args: argparse.Namespace, workdir: Path) -> None:
    export = write_export(workdir / "export.json", args.contacts)
    database = workdir / "model.db"
    async with RateLimitedOpenAI(per_minute=args.per_minute, burst=args.burst, latency=args.latency) as server:
        env = _env(workdir, export, database, server.url)
        command = ["generate", "--all", "--concurrency", str(args.concurrency)]
        first = await asyncio.to_thread(_cli, env, command, workdir)
        calls_after_first = len(server.requests)
        throttled = server.rate_limited
        rate = args.contacts / first.seconds
        print(
            f"first run : {args.contacts:,} contacts in {first.seconds:.1f} s = {rate:.2f} personas/s "
            f"(generated {first.generated}, reused {first.reused}, failed {first.failed}; "
            f"{first.lines} JSON lines; exit {first.code})"
        )
        print(
            f"            model: {server.accepted:,} answered, {throttled} x 429, "
            f"at most {server.max_in_flight} in flight; peak RSS {first.peak_mb:.0f} MB, "
            f"CPU {first.cpu_seconds:.1f} s ({first.cpu_seconds / args.contacts * 1000:.0f} ms a persona)"
        )
        ok = rate >= 8 and first.failed == 0 and first.generated == args.contacts and throttled < 20
        print(f"            targets >= 8/s, 0 failed, < 20 429s: {'met' if ok else 'MISSED'}")
        if first.code != 0:
            print(first.stderr_tail)

        second = await asyncio.to_thread(_cli, env, command, workdir)
        calls = len(server.requests) - calls_after_first
        print(
            f"rerun     : {second.seconds:.1f} s, reused {second.reused}, generated {second.generated}, "
            f"failed {second.failed}, {calls} model calls"
        )
        reused_all = second.reused == args.contacts and not calls
        print(f"            target: reuses all, 0 model calls: {'met' if reused_all else 'MISSED'}")


def memory_run(args: argparse.Namespace, workdir: Path) -> None:
    export = write_export(workdir / "big.json", args.memory_contacts)
    env = _env(workdir, export, workdir / "offline.db", None)
    run = _cli(env, ["generate", "--all"], workdir)
    print(
        f"offline   : {args.memory_contacts:,} contacts in {run.seconds:.1f} s "
        f"({args.memory_contacts / run.seconds:.0f}/s), generated {run.generated}, failed {run.failed}, "
        f"peak RSS {run.peak_mb:.0f} MB (target <= 300 MB: {'met' if run.peak_mb <= 300 else 'MISSED'})"
    )
    if run.code != 0:
        print(run.stderr_tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--per-minute", type=float, default=600)
    parser.add_argument("--burst", type=float, default=10)
    parser.add_argument("--memory-contacts", type=int, default=0, help="offline memory run (10,000 for the target)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as tmp:
        workdir = Path(tmp)
        if args.contacts:
            asyncio.run(model_runs(args, workdir))
        if args.memory_contacts:
            memory_run(args, workdir)


if __name__ == "__main__":
    main()
