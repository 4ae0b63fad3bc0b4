"""50 concurrent signed `/persona` commands against the real server, fake Slack and fake OpenAI.

Prints ack p50/p99 (HTTP answer to the slash command), time to the first card
(chat.postMessage with the signals), time to the model's update (chat.update), and the
cached-card time (the same contacts again, in other channels). The server runs as
`persona-bot serve` in its own process; the load generator and the fakes share this one.
Targets on a 2-core machine: ack p99 <= 50 ms, first card <= 300 ms, cached card <= 100 ms.

What is measured, all from this (client) process with one monotonic clock: "ack" is from just
before the request is written to the response's status line; "card" is from the same start to
the moment the fake Slack has read the chat.postMessage / chat.update. Like Slack, the client
keeps connections open: one pre-opened keep-alive connection per concurrent command (aiohttp),
so the figures are the server's, not the cost of 50 TCP handshakes in a Python client. The
CPU seconds each process spent per round are printed too, to show who was busy.

    python bench/slack_load.py [--requests 50] [--model-latency 1.0] [--rounds 1]

`--rounds N` serves N bursts of new contacts, each followed by its cached burst, in one server
process, as a server that has been up a while sees them (a heap that grew with every persona, full
garbage collections). The first round's figures are printed as above; then each round's p50s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG = Path(tempfile.gettempdir()) / "persona-bot-bench-server.log"
sys.path.insert(0, str(ROOT))

import aiohttp
import httpx

from bot.server import EVENTS_PATH
from persona.tokens import count_text
from tests.fakes.openai_server import Behavior, FakeOpenAI
from tests.fakes.slack_api import FakeSlack
from tests.slack.crm_export import _contact
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, Harness
from tests.storage.pg import fresh_database


def _export(directory: Path, count: int) -> Path:
    import json

    contacts = [_contact(f"c{i}", f"Contact{i:03d} Person", f"c{i}@bench.example", "Bench") for i in range(count)]
    path = directory / "bench.json"
    path.write_text(json.dumps({"contacts": contacts}), encoding="utf-8")
    return path


class _Client:
    """The slice of httpx.AsyncClient that Harness uses, on aiohttp: lighter under load."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def post(self, url: str, *, content: str, headers: dict[str, str]) -> _Reply:
        async with self.session.post(url, data=content.encode(), headers=headers) as response:
            await response.read()
            return _Reply(response.status)


class _Reply:
    def __init__(self, status_code: int) -> None:
        self.status_code = status_code


def _peak_mb(pid: int) -> float:
    """A process's peak resident memory (Linux /proc; 0 elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0.0)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _round(
    h: Harness, count: int, prefix: str, *, wait_update: bool, first_contact: int = 0
) -> dict[str, list[float]]:
    sent: dict[str, float] = {}
    acks: list[float] = []

    async def one(i: int) -> None:
        channel = f"{prefix}{i}"
        sent[channel] = time.monotonic()
        response, _ = await h.command(f"c{first_contact + i}@bench.example", channel=channel)
        acks.append(time.monotonic() - sent[channel])
        assert response.status_code == 200, response.status_code

    await asyncio.gather(*(one(i) for i in range(count)))
    await h.slack.poll(
        lambda: [c for c in h.slack.called("chat.postMessage") if c.args["channel"] in sent],
        count,
        120,
        f"{count} cards",
    )
    posts = {c.args["channel"]: c for c in h.slack.called("chat.postMessage") if c.args["channel"] in sent}
    first = [posts[ch].at - sent[ch] for ch in sent]
    result = {"ack": acks, "first": first}
    if wait_update:
        ts_to_channel = {posts[ch].result["ts"]: ch for ch in sent}
        await h.slack.poll(
            lambda: [c for c in h.slack.called("chat.update") if c.args["ts"] in ts_to_channel],
            count,
            120,
            f"{count} model updates",
        )
        updates = {c.args["ts"]: c for c in h.slack.called("chat.update") if c.args["ts"] in ts_to_channel}
        result["update"] = [updates[ts].at - sent[ch] for ts, ch in ts_to_channel.items()]
    return result


async def _one_at_a_time(h: Harness, first_contact: int, count: int, prefix: str, *, new: bool) -> list[float]:
    """Card times with no other load: each command waits until the previous one is done."""
    cards: list[float] = []
    for k in range(count):
        result = await _round(h, 1, f"{prefix}{k}-", wait_update=new, first_contact=first_contact + k)
        cards += result["first"]
    return cards


async def _healthz(http: aiohttp.ClientSession, base: str) -> None:
    """Opens (and leaves in the pool) one keep-alive connection."""
    async with http.get(f"{base}/healthz") as response:
        await response.read()


@asynccontextmanager
async def _scratch_database(url: str | None, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh database per run, so the "new" round really generates: a temporary SQLite file,
    or on PostgreSQL a scratch database created next to the given one and dropped after."""
    if url is None:
        yield f"sqlite+aiosqlite:///{tmp_path / 'bench.db'}"
        return
    async with fresh_database(url) as scratch:
        yield scratch


SERIAL = 10  # extra contacts for the one-at-a-time figures


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _start_server(env: dict[str, str], port: int) -> asyncio.subprocess.Process:
    """`persona-bot serve` in its own process, as in production: it gets a core of its own."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "persona_bot.cli",
        "serve",
        "--port",
        str(port),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=LOG.open("w"),
        cwd=ROOT,
    )
    async with httpx.AsyncClient() as http:
        for _ in range(300):
            try:
                if (await http.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                    return process
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--model-latency", type=float, default=1.0, help="fake OpenAI seconds")
    parser.add_argument("--rounds", type=int, default=1, help="bursts of new, then cached, commands")
    parser.add_argument(
        "--database-url",
        default=None,
        help="default: a temporary SQLite file; PostgreSQL: a scratch database is created "
        "on that server for the run and dropped after",
    )
    args = parser.parse_args()
    if args.rounds < 1 or args.requests < 1:
        parser.error("--rounds and --requests take a number from 1")
    count = args.requests
    rounds: dict[str, dict[str, list[float]]] = {}
    later: list[tuple[float, float]] = []  # each round's new and cached card p50, ms

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        slack = await FakeSlack().start()
        try:
            async with (
                FakeOpenAI(default=Behavior.slow, slow_seconds=args.model_latency) as ai,
                _scratch_database(args.database_url, tmp_path) as database_url,
            ):
                port = _free_port()
                env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SLACK_", "CRM_"))}
                env |= {
                    "DATABASE_URL": database_url,
                    "CRM_ADAPTER": "json",
                    "CRM_JSON_PATH": str(_export(tmp_path, count * args.rounds + SERIAL)),
                    "OPENAI_API_KEY": "sk-bench",
                    "OPENAI_BASE_URL": ai.url,
                    "OPENAI_MAX_RETRIES": "0",
                    "OPENAI_TIMEOUT_SECONDS": "60",
                    "SLACK_BOT_TOKEN": BOT_TOKEN,
                    "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                    "SLACK_API_URL": slack.api_url,
                }
                server = await _start_server(env, port)
                cpu: dict[str, tuple[float, float]] = {}
                try:
                    connector = aiohttp.TCPConnector(limit=count)
                    timeout = aiohttp.ClientTimeout(total=60)
                    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
                        base = f"http://127.0.0.1:{port}"
                        h = Harness(slack, _Client(http), f"{base}{EVENTS_PATH}")  # type: ignore[arg-type]
                        await h.command("help", channel="WARM")  # auth.test, connection pools
                        await slack.wait_for("response_url")
                        await asyncio.gather(*(_healthz(http, base) for _ in range(count)))
                        count_text("warm up")  # the fake OpenAI's tokenizer loads once, here
                        for name, wait in (("new", True), ("cached", False)):
                            before = _cpu_seconds(server.pid), time.process_time()
                            rounds[name] = await _round(h, count, name[0].upper(), wait_update=wait)
                            cpu[name] = (_cpu_seconds(server.pid) - before[0], time.process_time() - before[1])
                        later.append((_ms(rounds["new"]["first"], 0.5), _ms(rounds["cached"]["first"], 0.5)))
                        for k in range(1, args.rounds):
                            again = [
                                await _round(h, count, f"{kind}{k}-", wait_update=kind == "N", first_contact=k * count)
                                for kind in ("N", "C")
                            ]
                            later.append((_ms(again[0]["first"], 0.5), _ms(again[1]["first"], 0.5)))
                        first_serial = count * args.rounds
                        alone_new = await _one_at_a_time(h, first_serial, SERIAL, "S", new=True)
                        alone_cached = await _one_at_a_time(h, first_serial, SERIAL, "T", new=False)
                    peak_mb = _peak_mb(server.pid)
                finally:
                    server.terminate()
                    await server.wait()
        finally:
            await slack.stop()

    new, cached = rounds["new"], rounds["cached"]
    where = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{count} concurrent /persona, model latency {args.model_latency:.2f} s, {where}")
    print(
        f"ack          p50 {_ms(new['ack'], 0.5):7.1f} ms   p99 {_ms(new['ack'], 0.99):7.1f} ms   (target p99 <= 50 ms)"
    )
    print(
        f"first card   p50 {_ms(new['first'], 0.5):7.1f} ms   p99 {_ms(new['first'], 0.99):7.1f} ms"
        "   (target <= 300 ms)"
    )
    print(f"model update p50 {_ms(new['update'], 0.5):7.1f} ms   p99 {_ms(new['update'], 0.99):7.1f} ms")
    print(
        f"cached card  p50 {_ms(cached['first'], 0.5):7.1f} ms   "
        f"p99 {_ms(cached['first'], 0.99):7.1f} ms   (target <= 100 ms)"
    )
    print(f"cached ack   p50 {_ms(cached['ack'], 0.5):7.1f} ms   p99 {_ms(cached['ack'], 0.99):7.1f} ms")
    print(f"model requests: {len(ai.requests)} (one per contact)")
    print(
        f"one command at a time ({SERIAL} each): first card p50 {_ms(alone_new, 0.5):6.1f} ms, "
        f"cached card p50 {_ms(alone_cached, 0.5):6.1f} ms"
    )
    for name, (server_cpu, bench_cpu) in cpu.items():
        print(
            f"CPU {name:6} round: server {1000 * server_cpu / count:5.1f} ms per command, "
            f"bench process (client + fakes) {1000 * bench_cpu / count:5.1f} ms per command"
        )
    print(f"server peak memory: {peak_mb:.0f} MB")
    if args.rounds > 1:
        head = f"{args.rounds} rounds, card p50 of each (ms):"
        print(f"{head} new    {_listed(n for n, _ in later)}")
        print(f"{' ' * len(head)} cached {_listed(c for _, c in later)}")
    return 0


def _listed(values: Iterable[float]) -> str:
    return " ".join(f"{v:.0f}" for v in values)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
