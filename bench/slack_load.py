"""50 concurrent signed `/persona` commands against the real server, fake Slack and fake OpenAI.

Prints ack p50/p99 (HTTP answer to the slash command), time to the first card
(chat.postMessage with the signals), time to the model's update (chat.update), and the
cached-card time (the same contacts again, in other channels). Targets on a 2-core machine:
ack p99 <= 50 ms, first card <= 300 ms, cached card <= 100 ms.

    python bench/slack_load.py [--requests 50] [--model-latency 1.0]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from bot.app import build_app
from bot.server import EVENTS_PATH, HttpServer
from persona_bot.service import open_service
from tests.fakes.openai_server import Behavior, FakeOpenAI
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import slack_settings
from tests.slack.crm_export import _contact
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, Harness


def _export(directory: Path, count: int) -> Path:
    import json

    contacts = [_contact(f"c{i}", f"Contact{i:03d} Person", f"c{i}@bench.example", "Bench")
                for i in range(count)]
    path = directory / "bench.json"
    path.write_text(json.dumps({"contacts": contacts}), encoding="utf-8")
    return path


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _round(h: Harness, count: int, prefix: str, *, wait_update: bool) -> dict[str, list[float]]:
    sent: dict[str, float] = {}
    acks: list[float] = []

    async def one(i: int) -> None:
        channel = f"{prefix}{i}"
        sent[channel] = time.monotonic()
        response, _ = await h.command(f"c{i}@bench.example", channel=channel)
        acks.append(time.monotonic() - sent[channel])
        assert response.status_code == 200, response.status_code

    await asyncio.gather(*(one(i) for i in range(count)))
    await h.slack.poll(
        lambda: [c for c in h.slack.called("chat.postMessage") if c.args["channel"] in sent],
        count, 120, f"{count} cards")
    posts = {c.args["channel"]: c for c in h.slack.called("chat.postMessage")
             if c.args["channel"] in sent}
    first = [posts[ch].at - sent[ch] for ch in sent]
    result = {"ack": acks, "first": first}
    if wait_update:
        ts_to_channel = {posts[ch].result["ts"]: ch for ch in sent}
        await h.slack.poll(
            lambda: [c for c in h.slack.called("chat.update") if c.args["ts"] in ts_to_channel],
            count, 120, f"{count} model updates")
        updates = {c.args["ts"]: c for c in h.slack.called("chat.update")
                   if c.args["ts"] in ts_to_channel}
        result["update"] = [updates[ts].at - sent[ch] for ts, ch in ts_to_channel.items()]
    return result


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--model-latency", type=float, default=1.0, help="fake OpenAI seconds")
    args = parser.parse_args()
    count = args.requests

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        slack = await FakeSlack().start()
        try:
            async with FakeOpenAI(default=Behavior.slow, slow_seconds=args.model_latency) as ai:
                settings = slack_settings(
                    tmp_path, slack, crm_adapter="json", crm_json_path=_export(tmp_path, count),
                    openai_api_key="sk-bench", openai_base_url=ai.url, openai_max_retries=0,
                    openai_timeout_seconds=60,
                )
                async with open_service(settings) as service:
                    bolt = build_app(service, token=BOT_TOKEN, signing_secret=SIGNING_SECRET,
                                     api_url=slack.api_url)
                    server = await HttpServer.start(bolt, host="127.0.0.1", port=0)
                    limits = httpx.Limits(max_connections=count * 2)
                    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
                        h = Harness(slack, http, f"http://127.0.0.1:{server.port}{EVENTS_PATH}")
                        await h.command("help", channel="WARM")  # auth.test, imports, pools
                        await slack.wait_for("response_url")
                        new = await _round(h, count, "N", wait_update=True)
                        cached = await _round(h, count, "K", wait_update=False)
                    await server.stop()
        finally:
            await slack.stop()

    print(f"{count} concurrent /persona, model latency {args.model_latency:.2f} s")
    print(f"ack          p50 {_ms(new['ack'], .5):7.1f} ms   p99 {_ms(new['ack'], .99):7.1f} ms"
          "   (target p99 <= 50 ms)")
    print(f"first card   p50 {_ms(new['first'], .5):7.1f} ms   p99 {_ms(new['first'], .99):7.1f} ms"
          "   (target <= 300 ms)")
    print(f"model update p50 {_ms(new['update'], .5):7.1f} ms   "
          f"p99 {_ms(new['update'], .99):7.1f} ms")
    print(f"cached card  p50 {_ms(cached['first'], .5):7.1f} ms   "
          f"p99 {_ms(cached['first'], .99):7.1f} ms   (target <= 100 ms)")
    print(f"cached ack   p50 {_ms(cached['ack'], .5):7.1f} ms   p99 {_ms(cached['ack'], .99):7.1f} ms")
    print(f"model requests: {len(ai.requests)} (one per contact)")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
