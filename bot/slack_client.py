"""The Web API client: Slack's base URL from settings and retries for 429s and dropped sockets."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient


class SharedWebClient(AsyncWebClient):
    """Bolt deep-copies each request (and the client in its context) for lazy listeners; an
    open aiohttp session can't be copied, and need not be: every copy shares this client."""

    def __deepcopy__(self, memo: dict[int, object]) -> SharedWebClient:
        return self


def build_client(token: str, base_url: str) -> AsyncWebClient:
    """Bolt's own client (auth.test; the template of its per-request copies)."""
    return AsyncWebClient(**_options(token, base_url))


def shared_client(token: str, base_url: str) -> SharedWebClient:
    """The client every listener uses: one aiohttp session for all calls, so they reuse
    keep-alive connections (without one, slack_sdk opens a new session, TCP and TLS connection
    per call). Needs a running loop; close it with `close_client`."""
    asyncio.get_running_loop()
    return SharedWebClient(session=aiohttp.ClientSession(), **_options(token, base_url))


def _options(token: str, base_url: str) -> dict[str, Any]:
    if not base_url.endswith("/"):
        base_url += "/"
    return {
        "token": token,
        "base_url": base_url,
        "timeout": 15,
        "logger": _api_logger(),
        "retry_handlers": [
            AsyncRateLimitErrorRetryHandler(max_retry_count=2),  # waits Retry-After
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
        ],
    }


def _api_logger() -> logging.Logger:
    """slack_sdk's own logger, with its level set. slack_sdk builds a debug line with every
    request and response in full (a whole card, formatted) whenever the logger's *own* level
    is unset (it tests `logger.level`, not the effective level): about a tenth of a cached
    card's CPU under load. Set to the effective level, the line is built only when logged."""
    logger = logging.getLogger("slack_sdk.web.async_client")
    if logger.level == logging.NOTSET:
        logger.setLevel(logger.getEffectiveLevel())
    return logger


async def close_client(client: AsyncWebClient) -> None:
    if client.session is not None and not client.session.closed:
        await client.session.close()
