"""The fake OpenAI with a server's rate limits and latency, for bulk runs (tests and bench).

Requests are limited by a token bucket (`per_minute`, refilled continuously, holding at most
`burst`): like OpenAI, which enforces a per-minute limit over shorter windows. Every chat
answer carries `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`; beyond the limit
the answer is 429 with `retry-after` / `retry-after-ms`. Each accepted request takes `latency`
seconds, and the fake counts how many are in flight at once.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from dataclasses import dataclass, field

from aiohttp import web

from tests.fakes.openai_server import Behavior, FakeOpenAI


@dataclass
class Bucket:
    per_minute: float
    capacity: float
    level: float = -1.0
    at: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        if self.level < 0:
            self.level = self.capacity

    @property
    def rate(self) -> float:
        return self.per_minute / 60

    def refill(self, now: float) -> None:
        self.level = min(self.capacity, self.level + (now - self.at) * self.rate)
        self.at = now

    def wait_for(self, amount: float) -> float:
        return max(0.0, (amount - self.level) / self.rate)

    def reset(self) -> float:
        return (self.capacity - self.level) / self.rate


def _duration(seconds: float) -> str:
    """OpenAI's format: "1s", "6m0s", "120ms"."""
    if seconds < 1:
        return f"{math.ceil(seconds * 1000)}ms"
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}m{rest:.3f}s" if minutes else f"{rest:.3f}s"


class RateLimitedOpenAI(FakeOpenAI):
    def __init__(
        self,
        *,
        per_minute: float = 600,
        burst: float | None = None,
        tokens_per_minute: float = 2_000_000,
        latency: float = 1.0,
        headers: bool = True,
    ) -> None:
        super().__init__(default=Behavior.success)
        self.requests_bucket = Bucket(per_minute, burst if burst is not None else per_minute)
        self.tokens_bucket = Bucket(tokens_per_minute, tokens_per_minute)
        self.latency = latency
        self.send_headers = headers
        self.in_flight = 0
        self.max_in_flight = 0
        self.accepted = 0
        self.rate_limited = 0  # 429 answers sent
        self.storm_until = 0.0  # monotonic time before which every request gets a 429

    def storm(self, seconds: float) -> None:
        """Answer every request with 429 (retry-after: the rest of the storm) for a while."""
        self.storm_until = time.monotonic() + seconds

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        body = json.loads(raw)
        cost = len(raw) / 4 + int(body.get("max_completion_tokens") or body.get("max_tokens") or 0)
        now = time.monotonic()
        self.requests_bucket.refill(now)
        self.tokens_bucket.refill(now)
        wait = max(self.requests_bucket.wait_for(1), self.tokens_bucket.wait_for(cost), self.storm_until - now)
        if wait > 0:
            self.rate_limited += 1
            answer = web.json_response(
                {
                    "error": {
                        "message": "Rate limit reached for requests",
                        "type": "requests",
                        "code": "rate_limit_exceeded",
                    }
                },
                status=429,
                headers={"retry-after-ms": str(math.ceil(wait * 1000)), "retry-after": str(math.ceil(wait))},
            )
            self._add_headers(answer)
            return answer
        self.requests_bucket.level -= 1
        self.tokens_bucket.level -= cost
        headers = self._headers()  # as of arrival, like a real server
        self.accepted += 1
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.latency)
            answer = await super()._chat(request)  # aiohttp keeps the body read above
        finally:
            self.in_flight -= 1
        answer.headers.update(headers)
        return answer

    def _headers(self) -> dict[str, str]:
        if not self.send_headers:
            return {}
        headers: dict[str, str] = {}
        for kind, bucket in (("requests", self.requests_bucket), ("tokens", self.tokens_bucket)):
            headers[f"x-ratelimit-limit-{kind}"] = str(int(bucket.capacity))
            headers[f"x-ratelimit-remaining-{kind}"] = str(max(0, math.floor(bucket.level)))
            headers[f"x-ratelimit-reset-{kind}"] = _duration(bucket.reset())
        return headers

    def _add_headers(self, answer: web.StreamResponse) -> None:
        answer.headers.update(self._headers())
