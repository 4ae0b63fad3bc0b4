"""Socket Mode: with an app-level token the bot needs no public URL; Slack delivers over a WebSocket."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.app import build_app
from bot.server import run_socket_mode
from persona_bot.service import open_service
from tests.fakes.slack_api import APP_TOKEN, TEAM_ID, FakeSlack
from tests.slack.crm_export import write_export
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET
from tests.slack.server import slack_settings


async def test_slash_command_over_socket_mode_is_acked_and_answered(slack: FakeSlack, tmp_path: Path) -> None:
    settings = slack_settings(tmp_path, slack, crm_adapter="json", crm_json_path=write_export(tmp_path))
    async with open_service(settings) as service:
        bolt = build_app(service, token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=slack.api_url)
        running = asyncio.create_task(run_socket_mode(bolt, APP_TOKEN))
        try:
            envelope = await slack.deliver(
                "slash_commands",
                {
                    "team_id": TEAM_ID,
                    "channel_id": "C1",
                    "user_id": "U1",
                    "command": "/persona",
                    "text": "Ana Souza",
                    "response_url": slack.response_url("sm"),
                    "trigger_id": "t1",
                    "api_app_id": "A1",
                },
            )
            await slack.until(
                lambda: any(a.get("envelope_id") == envelope for a in slack.socket_acks), "the envelope's ack"
            )
            [post] = await slack.wait_for("chat.postMessage", channel="C1")
            assert post.args["text"].startswith("Persona: Ana Souza")
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
