"""The Web API client: Slack's base URL from settings and retries for 429s and dropped sockets."""

from __future__ import annotations

from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient


def build_client(token: str, base_url: str) -> AsyncWebClient:
    """One client for the whole app; Bolt hands it to every listener as `client`."""
    if not base_url.endswith("/"):
        base_url += "/"
    return AsyncWebClient(
        token=token,
        base_url=base_url,
        timeout=15,
        retry_handlers=[
            AsyncRateLimitErrorRetryHandler(max_retry_count=2),  # waits Retry-After
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
        ],
    )
