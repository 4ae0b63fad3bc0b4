"""Pacing model requests by the server's own rate-limit headers, so a bulk run slows down
before 429s pile up instead of after.

OpenAI (and most compatible servers) send on every answer `x-ratelimit-limit-requests`,
`x-ratelimit-remaining-requests` and `x-ratelimit-reset-requests` (time until the budget is
full again, e.g. "6m0s"), the same for tokens, and `retry-after` / `retry-after-ms` on a 429.
`Pacer` plugs into the model client's httpx event hooks, so every attempt (the SDK's own
retries included) passes through it:

- the first request goes alone; the others wait for its answer (at most a few seconds) so a
  burst never starts before the budget is known;
- while the estimated budget left is comfortable, requests go at once; near the bottom they
  are spaced at the rate the budget refills (`(limit - remaining) / reset`);
- a 429 pauses every request until its `retry-after` has passed.

A server that sends no such headers is not slowed down at all (429s still pause).
"""

from __future__ import annotations

import asyncio
import re
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

FIRST_ANSWER_WAIT = 5.0  # seconds the others wait for the first answer before going anyway
DEFAULT_429_PAUSE = 1.0  # a 429 without retry-after
MAX_PAUSE = 60.0
MAX_SPACING = 10.0
HEADROOM = 2  # requests' worth of budget kept in reserve before spacing kicks in
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
_MAX_TOKENS = re.compile(rb'"max_(?:completion_)?tokens"\s*:\s*(\d+)')


def parse_duration(text: str | None) -> float | None:
    """ "6m0s" -> 360.0, "20ms" -> 0.02, "1.5" -> 1.5 (seconds); None when unreadable."""
    if not text:
        return None
    text = text.strip()
    try:
        return max(float(text), 0.0)
    except ValueError:
        pass
    parts = _DURATION.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        return None
    return sum(float(number) * _UNITS[unit] for number, unit in parts)


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds a 429 asks us to wait (`retry-after-ms` first, then `retry-after`)."""
    millis = _number(headers.get("retry-after-ms"))
    if millis is not None:
        return max(millis / 1000, 0.0)
    return parse_duration(headers.get("retry-after"))


@dataclass
class _Budget:
    """One limit (requests or tokens) as the client estimates it between answers."""

    limit: float | None = None
    remaining: float | None = None  # estimated budget left now
    rate: float | None = None  # refill per second
    observed_at: float = 0.0

    def observe(self, headers: httpx.Headers, kind: str, spent_since: float, started: float) -> None:
        limit = _number(headers.get(f"x-ratelimit-limit-{kind}"))
        remaining = _number(headers.get(f"x-ratelimit-remaining-{kind}"))
        reset = parse_duration(headers.get(f"x-ratelimit-reset-{kind}"))
        if remaining is None:
            return
        if limit is not None:
            self.limit = limit
        if limit is not None and reset:
            used = limit - remaining
            if used > 0:
                self.rate = used / reset
        # The server counted this request when it arrived; what we spent after that is not in
        # its figure yet, and the budget has refilled meanwhile.
        now = time.monotonic()
        refill = (self.rate or 0.0) * (now - started)
        estimate = remaining - spent_since + refill
        self.remaining = min(estimate, self.limit) if self.limit is not None else estimate
        self.observed_at = now

    def left(self, now: float) -> float | None:
        if self.remaining is None:
            return None
        refill = (self.rate or 0.0) * (now - self.observed_at)
        left = self.remaining + refill
        return min(left, self.limit) if self.limit is not None else left

    def spend(self, amount: float, now: float) -> None:
        if self.remaining is not None:
            self.remaining = (self.left(now) or 0.0) - amount
            self.observed_at = now

    def spacing(self, cost: float, now: float) -> float:
        """Seconds to leave before the next request of this cost (0 while the budget lasts)."""
        left = self.left(now)
        if left is None or not self.rate or left > cost * HEADROOM:
            return 0.0
        if left >= cost:
            return min(cost / self.rate, MAX_SPACING)
        return min((cost - left) / self.rate + cost / self.rate, MAX_SPACING)


@dataclass(frozen=True)
class _Sent:
    started: float
    requests_before: int
    tokens_before: float
    cost: float


class Pacer:
    """Rate-limit pacing for one model client (pass `event_hooks` to its httpx client)."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._first_answer = asyncio.Event()
        self._probe_sent = False
        self._resume_at = 0.0  # monotonic time before which nothing is sent (after a 429)
        self._next_start = 0.0  # spacing while the budget is low
        self._requests = _Budget()
        self._tokens = _Budget()
        self._sent: weakref.WeakKeyDictionary[httpx.Request, _Sent] = weakref.WeakKeyDictionary()
        self._tokens_spent = 0.0
        self.requests_sent = 0
        self.rate_limited = 0  # 429 answers seen
        self.waited_seconds = 0.0  # time requests spent held back, summed

    @property
    def event_hooks(self) -> dict[str, list[Callable[..., Any]]]:
        return {"request": [self.before_request], "response": [self.after_response]}

    async def before_request(self, request: httpx.Request) -> None:
        if not self._probe_sent:
            self._probe_sent = True
        elif not self._first_answer.is_set():
            try:
                await asyncio.wait_for(self._first_answer.wait(), FIRST_ANSWER_WAIT)
            except TimeoutError:
                self._first_answer.set()
        cost = _token_cost(request)
        async with self._lock:  # one request at a time decides when it may go
            while (wait := max(self._resume_at, self._next_start) - time.monotonic()) > 0:
                self.waited_seconds += wait
                await asyncio.sleep(wait)  # a 429 meanwhile may move the resume time: check again
            now = time.monotonic()
            self._requests.spend(1, now)
            self._tokens.spend(cost, now)
            self._next_start = now + max(self._requests.spacing(1, now), self._tokens.spacing(cost, now))
            self._sent[request] = _Sent(now, self.requests_sent, self._tokens_spent, cost)
            self.requests_sent += 1
            self._tokens_spent += cost

    async def after_response(self, response: httpx.Response) -> None:
        self._first_answer.set()
        sent = self._sent.pop(response.request, None)
        headers = response.headers
        if sent is not None:
            later_requests = self.requests_sent - sent.requests_before - 1
            later_tokens = self._tokens_spent - sent.tokens_before - sent.cost
            self._requests.observe(headers, "requests", later_requests, sent.started)
            self._tokens.observe(headers, "tokens", later_tokens, sent.started)
        if response.status_code == 429:
            self.rate_limited += 1
            pause = min(retry_after(headers) or DEFAULT_429_PAUSE, MAX_PAUSE)
            self._resume_at = max(self._resume_at, time.monotonic() + pause)


def _token_cost(request: httpx.Request) -> float:
    """What a request counts against a token limit: prompt (~4 bytes a token) + max output."""
    try:
        body = request.content
    except httpx.RequestNotRead:
        return 0.0
    found = _MAX_TOKENS.search(body)
    return len(body) / 4 + (int(found.group(1)) if found else 0)


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None
