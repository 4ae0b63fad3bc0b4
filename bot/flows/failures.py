"""Failures become a short ephemeral message (with Retry when retrying can help), never a trace."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.blocks import messages
from bot.blocks.base import Message
from bot.delivery import ephemeral
from crm.errors import ContactNotFound, CrmError
from persona_bot.objections import OBJECTED, ContactObjected

log = logging.getLogger(__name__)


def retry_value(
    *, query: str | None = None, contact_id: str | None = None, thread_ts: str | None = None, kind: str = "lookup"
) -> str:
    """What the Retry button carries to repeat the request."""
    query = query[:1500] if query else query  # a button value holds at most 2,000 chars
    return json.dumps({"q": query, "c": contact_id, "t": thread_ts, "k": kind}, separators=(",", ":"))


@asynccontextmanager
async def answering_failures(respond: AsyncRespond, retry: str) -> AsyncIterator[None]:
    """Run a flow; a CRM failure offers Retry, anything else a reference id for the logs."""
    try:
        yield
    except ContactObjected:  # neutral: no persona, no cached card, nothing about them
        await _send(respond, messages.notice(OBJECTED))
    except ContactNotFound:
        await _send(
            respond, messages.notice("That contact is no longer in the CRM. Search again with `/persona <name>`.")
        )
    except CrmError as error:
        log.warning("CRM failure: %s", error)
        await _send(respond, messages.crm_failure(str(error) or "no answer", retry))
    except Exception:
        reference = uuid.uuid4().hex[:8]
        log.exception("request failed (reference %s)", reference)
        await _send(respond, messages.failure(reference))


async def _send(respond: AsyncRespond, message: Message) -> None:
    try:
        await ephemeral(respond, message)
    except Exception:  # the response_url itself failed: nothing more we can tell the user
        log.exception("could not report a failure through response_url")
