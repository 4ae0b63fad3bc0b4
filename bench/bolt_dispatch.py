"""What Bolt itself costs per `/persona` command: CPU of parsing a signed slash command and
dispatching it through the app (middleware, listener matching, the ack, the lazy listener's
copy of the request and its start), with the lazy function doing no work of ours.

Explains part of a cached card's CPU under a burst (docs/performance.md).

    python bench/bolt_dispatch.py [--commands 400] [--ack-only]

`--ack-only` registers `/persona` with its ack and no lazy function: the difference is what
Bolt's lazy-listener machinery costs (a copy of the request, a second argument injection, a task).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from slack_sdk.signature import SignatureVerifier

import bot.listeners.commands.persona as persona_command
from bot.app import build_app
from bot.envelope import parse_signed
from bot.listeners.payload import just_ack
from persona_bot.service import open_service
from persona_bot.settings import Settings
from tests.fakes.slack_api import FakeSlack
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET

BODY = urlencode(
    {
        "team_id": "T1",
        "channel_id": "C1",
        "user_id": "U1",
        "command": "/persona",
        "text": "maria.keller@example.com",
        "api_app_id": "A1",
        "response_url": "http://127.0.0.1:9/response/1",
        "trigger_id": "t1",
    }
).encode()


async def _no_work(*_: object) -> None:
    """Stands in for our lookup and card: what is left is Bolt's share."""


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=400)
    parser.add_argument("--ack-only", action="store_true", help="no lazy function: Bolt's base cost")
    args = parser.parse_args()
    persona_command.run_lookup = _no_work  # type: ignore[assignment]
    if args.ack_only:
        persona_command.register = lambda app, _deps: app.command(persona_command.COMMAND)(just_ack)  # type: ignore[assignment]
    slack = await FakeSlack().start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{Path(tmp) / 'b.db'}")  # type: ignore[call-arg]
        async with open_service(settings) as service:
            bolt = build_app(service, token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=slack.api_url)
            stamp = str(int(time.time()))
            signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=stamp, body=BODY.decode())
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": stamp,
                "X-Slack-Signature": signature,
            }
            await bolt.async_dispatch(parse_signed(BODY, "", headers).bolt)  # auth.test, once
            await asyncio.sleep(0.2)
            for label, dispatch in (("parse only", False), ("parse + Bolt dispatch", True), ("again", True)):
                started = time.process_time()
                for _ in range(args.commands):
                    request = parse_signed(BODY, "", headers)
                    if dispatch:
                        await bolt.async_dispatch(request.bolt)
                await asyncio.sleep(0.2)  # the lazy functions run
                spent = time.process_time() - started
                print(f"{label:<22} {1000 * spent / args.commands:6.2f} ms CPU per command")
            await bolt.aclose()
    await slack.stop()


if __name__ == "__main__":
    asyncio.run(main())
