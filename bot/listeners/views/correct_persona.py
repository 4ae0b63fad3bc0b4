"""The Correct… modal submitted: checked and stored before the ack (so bad values come back
as the modal's inline errors), then the card is updated in place and the thread told."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.correction_modal import CALLBACK_ID
from bot.flows.corrections import announce, refresh_card, submit_correction
from bot.flows.deps import Deps
from bot.listeners.payload import team_of

log = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_submission(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        submission = await submit_correction(deps, client, body, team_of(body, context))
        if submission.errors or submission.ref is None:
            await ack(response_action="errors", errors=submission.errors)
            return
        await ack()  # closes the modal; the card follows
        user_id = (body.get("user") or {}).get("id")
        try:
            await refresh_card(deps, client, None, submission.ref, user_id)
            await announce(client, submission.ref, user_id, submission)
        except Exception:
            log.exception("correction stored, but the card could not be updated")

    app.view(CALLBACK_ID)(handle_submission)
