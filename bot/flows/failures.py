"""Failures become a short ephemeral message (with Retry when retrying can help), never a trace."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.blocks import messages
from bot.blocks.base import Message
from bot.blocks.values import QUERY_LIMIT, ButtonValue, ExpiredButton, RetryKind, RetryRequest
from bot.delivery import ephemeral
from crm.errors import ContactNotFound, CrmError
from persona_bot.objections import OBJECTED, ContactObjected

log = logging.getLogger(__name__)


V = TypeVar("V", bound=ButtonValue)


def retry_value(
    *,
    query: str | None = None,
    contact_id: str | None = None,
    thread_ts: str | None = None,
    kind: RetryKind = "lookup",
) -> RetryRequest:
    """What the Retry button carries to repeat the request."""
    return RetryRequest(
        query=query[:QUERY_LIMIT] if query else query, contact_id=contact_id or None, thread_ts=thread_ts, kind=kind
    )


async def button_value(respond: AsyncRespond, model: type[V], action: Mapping[str, Any]) -> V | None:
    """The clicked button's typed value; None (after saying the button has expired) when the
    value does not parse: an old card, a clipped value, or garbage."""
    try:
        return model.decode(action.get("value"))
    except ExpiredButton as exc:
        log.info("expired button %s: %s", str(action.get("action_id"))[:40], exc)
        await _send(respond, messages.notice(messages.EXPIRED_BUTTON))
        return None


@asynccontextmanager
async def answering_failures(respond: AsyncRespond, retry: RetryRequest) -> AsyncIterator[None]:
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
