"""HTTP access to HubSpot: auth, rate limits, retries and a concurrency cap in one place.

Every request goes through `HubSpotClient.request`, so the rest of the adapter never sees a
429, a 5xx or a timeout: it gets JSON back, or a `CrmError` written for the person who asked.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass
from typing import Any

import httpx

from crm.errors import CrmAuthError, CrmError

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.hubapi.com"

# The read scope each object's endpoints need, named in 401/403 messages.
SCOPES: dict[str, str] = {
    "contacts": "crm.objects.contacts.read",
    "emails": "sales-email-read",
    "calls": "crm.objects.contacts.read",
    "meetings": "crm.objects.contacts.read",
    "notes": "crm.objects.contacts.read",
    "deals": "crm.objects.deals.read",
    "line_items": "crm.objects.line_items.read",
}


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. Tests shrink `backoff_base` so recovery paths run in milliseconds."""

    max_retries: int = 4
    backoff_base: float = 0.5  # seconds; doubled per attempt, with jitter
    backoff_max: float = 8.0
    max_wait: float = 30.0  # a longer Retry-After (e.g. the daily limit) is not worth waiting for


class NotFound(CrmError):
    """HubSpot answered 404 for this object."""


class HubSpotClient:
    """A thin `httpx.AsyncClient` wrapper; one per adapter, shared by concurrent loads."""

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_API_URL,
        *,
        timeout: float = 20.0,
        concurrency: int = 4,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=timeout,
            transport=transport,
        )
        self._slots = asyncio.Semaphore(concurrency)
        self._retry = retry or RetryPolicy()
        self._resume_at = 0.0  # monotonic time before which no request is sent (rate limit)
        self.requests_sent = 0

    async def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self.request("GET", path, params=params)

    async def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return await self.request("POST", path, json=body)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """JSON of a 2xx answer; retries 429, 5xx and timeouts within the policy."""
        attempt = 0
        while True:
            async with self._slots:
                await self._wait_for_rate_limit()
                self.requests_sent += 1
                try:
                    response = await self._http.request(method, path, params=params, json=json)
                except (httpx.TimeoutException, httpx.TransportError) as exc:
                    reason = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
                    if attempt >= self._retry.max_retries:
                        raise CrmError(
                            f"HubSpot could not be reached: the request {reason} after {attempt + 1} attempts"
                        ) from exc
                    delay = self._backoff(attempt)
                    log.warning("HubSpot %s %s %s; retrying in %.2fs", method, path, reason, delay)
                else:
                    self._note_rate_headers(response)
                    if response.is_success:
                        return _json(response)
                    retry_delay = self._retry_delay(response, attempt)
                    if retry_delay is None:
                        raise _error_for(response, path)
                    delay = retry_delay
                    log.warning(
                        "HubSpot %s %s answered %s; retrying in %.2fs",
                        method,
                        path,
                        response.status_code,
                        delay,
                    )
                    if response.status_code == 429:
                        self._resume_at = max(self._resume_at, time.monotonic() + delay)
            attempt += 1
            await asyncio.sleep(delay)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _wait_for_rate_limit(self) -> None:
        pause = self._resume_at - time.monotonic()
        if pause > 0:
            await asyncio.sleep(pause)

    def _note_rate_headers(self, response: httpx.Response) -> None:
        """When HubSpot says the window is used up, hold every request until it rolls over."""
        remaining = _number(response.headers.get("X-HubSpot-RateLimit-Remaining"))
        interval_ms = _number(response.headers.get("X-HubSpot-RateLimit-Interval-Milliseconds"))
        if remaining == 0 and interval_ms and response.status_code != 429:
            wait = min(interval_ms / 1000, self._retry.max_wait)
            self._resume_at = max(self._resume_at, time.monotonic() + wait)

    def _retry_delay(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before retrying this answer, or None when it must not be retried."""
        status = response.status_code
        if attempt >= self._retry.max_retries:
            return None
        if status == 429:
            if _body(response).get("policyName") == "DAILY":
                return None
            wait = _rate_limit_wait(response)
            if wait is None:
                return self._backoff(attempt)
            return wait if wait <= self._retry.max_wait else None
        if status >= 500:
            return self._backoff(attempt)
        return None

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self._retry.backoff_max, self._retry.backoff_base * 2.0**attempt)
        return ceiling / 2 + random.uniform(0, ceiling / 2)


def _rate_limit_wait(response: httpx.Response) -> float | None:
    """Retry-After (seconds) first, else HubSpot's rolling window when it is used up."""
    retry_after = _number(response.headers.get("Retry-After"))
    if retry_after is not None:
        return max(retry_after, 0.0)
    remaining = _number(response.headers.get("X-HubSpot-RateLimit-Remaining"))
    interval_ms = _number(response.headers.get("X-HubSpot-RateLimit-Interval-Milliseconds"))
    if interval_ms is not None and (remaining is None or remaining <= 0):
        return interval_ms / 1000
    return None


def _error_for(response: httpx.Response, path: str) -> CrmError:
    status = response.status_code
    body = _body(response)
    if status in (401, 403):
        scope = _required_scope(body) or SCOPES.get(_object_type(path), SCOPES["contacts"])
        fix = "Check HUBSPOT_ACCESS_TOKEN" if status == 401 else "Add the scope to the private app"
        return CrmAuthError(
            f"HubSpot refused the request (HTTP {status}): the HubSpot token is invalid or "
            f"lacks the scope {scope}. {fix} (see the README, section “HubSpot CRM”)."
        )
    if status == 404:
        return NotFound(f"HubSpot has no such object ({path})")
    if status == 429:
        return CrmError("HubSpot's API rate limit is used up; try again later")
    message = body.get("message") if isinstance(body.get("message"), str) else None
    detail = f": {message}" if message else ""
    if status >= 500:
        return CrmError(f"HubSpot is having trouble (HTTP {status}); try again shortly")
    return CrmError(f"HubSpot rejected the request (HTTP {status}){detail}")


def _required_scope(body: dict[str, Any]) -> str | None:
    """HubSpot's MISSING_SCOPES answer lists the scopes it wanted."""
    for error in body.get("errors") or []:
        context = error.get("context") if isinstance(error, dict) else None
        if isinstance(context, dict):
            for key in ("requiredGranularScopes", "requiredScopes"):
                scopes = context.get(key)
                if isinstance(scopes, list) and scopes:
                    return ", ".join(str(s) for s in scopes)
    return None


def _object_type(path: str) -> str:
    """ "/crm/v4/objects/contacts/1/associations/emails" -> "emails" (the object being read)."""
    parts = [p for p in path.split("/") if p]
    if "associations" in parts:
        index = parts.index("associations")
        if index + 1 < len(parts):
            return parts[index + 1]
    if "objects" in parts:
        index = parts.index("objects")
        if index + 1 < len(parts):
            return parts[index + 1]
    return "contacts"


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as exc:
        raise CrmError("HubSpot sent an answer that is not JSON") from exc
    if not isinstance(data, dict):
        raise CrmError("HubSpot sent an unexpected answer (not a JSON object)")
    return data


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None
