"""A small fake OpenAI API on 127.0.0.1, for the real AsyncOpenAI client over a real socket.

Behaviors are scripted per request (`server.script(...)`, then `server.default`), and every
request body is recorded so tests can measure what the model would really have received.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import re
from enum import StrEnum
from typing import Any, Self

from aiohttp import web

from persona.tokens import count_messages, count_text

_EVIDENCE = re.compile(r"\[([A-Za-z0-9_.:\-]+)\]")


class Behavior(StrEnum):
    success = "success"
    server_error = "server_error"  # 500 (with a short retry-after-ms, so the SDK retries fast)
    rate_limited = "rate_limited"  # 429
    unauthorized = "unauthorized"  # 401; echoes the key it got, like some servers do
    slow = "slow"  # answers only after `slow_seconds` (the client should time out first)
    malformed = "malformed"  # 200 with content that is not the requested JSON
    wrong_categories = "wrong_categories"  # valid prose plus claimed categories and bad ids
    reject_json_schema = "reject_json_schema"  # 400 on json_schema, success on json_object
    # llama-cpp-python: HTTP 500 with a validation error naming the field, no retry hints
    reject_json_schema_500 = "reject_json_schema_500"
    reject_json_schema_422 = "reject_json_schema_422"  # vLLM-style 422
    reject_response_format = "reject_response_format"  # 400 on json_schema and json_object alike
    scripted_prose = "scripted_prose"  # answers `server.prose` (evidence ids filled in)
    demographics = "demographics"  # valid prose that also guesses protected attributes


class FakeOpenAI:
    def __init__(self, *, default: Behavior = Behavior.success, slow_seconds: float = 30.0):
        self.default = default
        self.slow_seconds = slow_seconds
        self.requests: list[dict[str, Any]] = []  # chat bodies, in arrival order
        self.embedding_requests: list[dict[str, Any]] = []
        self.prose: dict[str, Any] | None = None  # for Behavior.scripted_prose
        # None: embeddings work; else (status, message) every embeddings request gets
        self.embeddings_error: tuple[int, str] | None = None
        self.auth_headers: list[str] = []
        self._script: list[Behavior] = []
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *behaviors: Behavior) -> None:
        """Behaviors for the next requests, in order; then `default` again."""
        self._script.extend(behaviors)

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/v1/embeddings", self._embeddings)
        self._runner = web.AppRunner(app, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()

    def received_prompt_tokens(self, index: int = -1) -> int:
        """Prompt tokens of a recorded request: messages, plus the response schema if any."""
        body = self.requests[index]
        tokens = count_messages(body["messages"])
        schema = (body.get("response_format") or {}).get("json_schema")
        if schema:
            tokens += count_text(json.dumps(schema["schema"], separators=(",", ":")))
        return tokens

    # -- handlers --------------------------------------------------------------------------

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(body)
        self.auth_headers.append(request.headers.get("Authorization", ""))
        behavior = self._script.pop(0) if self._script else self.default
        format_type = (body.get("response_format") or {}).get("type")

        if behavior is Behavior.server_error:
            return _error(500, "The server had an error while processing your request.")
        if behavior is Behavior.rate_limited:
            return _error(429, "Rate limit reached for requests.", code="rate_limit_exceeded")
        if behavior is Behavior.unauthorized:
            key = request.headers.get("Authorization", "").removeprefix("Bearer ")
            return _error(401, f"Incorrect API key provided: {key}.", code="invalid_api_key")
        if behavior is Behavior.slow:
            try:
                await asyncio.wait_for(self._closing.wait(), timeout=self.slow_seconds)
            except TimeoutError:
                pass
            return _completion(body, json.dumps(_prose(body)))
        if behavior is Behavior.reject_json_schema and format_type == "json_schema":
            return _error(
                400,
                "'response_format.type' must be 'json_object' or 'text'",
                code="invalid_request_error",
                retry=False,
            )
        if behavior is Behavior.reject_json_schema_500 and format_type == "json_schema":
            detail = "1 validation error: ('body', 'response_format', 'type') Input should be 'text' or 'json_object'"
            return web.json_response({"error": {"message": detail, "type": "internal_server_error"}}, status=500)
        if behavior is Behavior.reject_json_schema_422 and format_type == "json_schema":
            return web.json_response({"detail": "guided decoding: json_schema is not supported"}, status=422)
        if behavior is Behavior.reject_response_format and format_type:
            return _error(400, f"response_format type '{format_type}' is not supported", retry=False)
        if behavior is Behavior.scripted_prose:
            prose = json.loads(json.dumps(self.prose or _prose(body)))
            evidence = _prose(body)["traits"][0]["evidence"]
            for trait in prose.get("traits", []):
                trait.setdefault("evidence", evidence)
                trait.setdefault("confidence", 0.7)
            return _completion(body, json.dumps(prose))
        if behavior is Behavior.malformed:
            return _completion(body, "Sure! Here is the persona: the contact likes email.")
        if behavior is Behavior.wrong_categories:
            prose = _prose(body)
            prose["traits"].append({"statement": "Invented trait.", "evidence": ["i-does-not-exist"], "confidence": 7})
            prose["traits"][0]["confidence"] = -3
            prose["communication"] = {"preferred_channel": "phone", "formality": "casual"}
            prose["decision_making"] = {"speed": "quick", "price_sensitivity": "low"}
            prose["engagement"] = {"responsiveness": "needs_follow_up"}
            prose["buying"] = {"seasonality": "Q4"}
            return _completion(body, json.dumps(prose))
        if behavior is Behavior.demographics:
            prose = _prose(body)
            prose["summary"] = "A 45-year-old woman and devout Catholic. " + prose["summary"]
            evidence = prose["traits"][0]["evidence"]
            guess = "Leans politically conservative."
            prose["traits"].append({"statement": guess, "evidence": evidence, "confidence": 0.5})
            prose["recommendations"].append("Avoid calls on religious holidays; she is Jewish.")
            return _completion(body, json.dumps(prose))
        return _completion(body, json.dumps(_prose(body)))

    async def _embeddings(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.embedding_requests.append(body)
        if self.embeddings_error is not None:
            status, message = self.embeddings_error
            return web.json_response({"error": {"message": message, "type": "server_error"}}, status=status)
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        dimensions = int(body.get("dimensions") or 16)
        data = [
            {"object": "embedding", "index": k, "embedding": _vector(str(text), dimensions)}
            for k, text in enumerate(inputs)
        ]
        tokens = sum(count_text(str(text)) for text in inputs)
        return web.json_response(
            {
                "object": "list",
                "data": data,
                "model": body.get("model", "text-embedding-3-small"),
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            }
        )


def _error(status: int, message: str, *, code: str | None = None, retry: bool = True) -> web.Response:
    headers = {"retry-after-ms": "10"} if retry else {"x-should-retry": "false"}
    payload = {"error": {"message": message, "type": "invalid_request_error", "code": code}}
    return web.json_response(payload, status=status, headers=headers)


def _prose(body: dict[str, Any]) -> dict[str, Any]:
    """A plausible answer citing ids that really appear in the prompt's data, and agreeing
    with the prompt's signals (a well-behaved model): the e-mail-loving, responsive,
    price-sensitive prose only when those were measured, neutral prose otherwise."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    ids = list(dict.fromkeys(_EVIDENCE.findall(user)))
    first, second = [*ids, "none", "none"][:2]
    measured = _measured(user)
    if (measured.get("preferred_channel"), measured.get("responsiveness")) == ("email", "responsive") and measured.get(
        "price_sensitivity"
    ) == "high":
        summary = "Prefers written, well-prepared exchanges and answers email promptly."
        traits = ["Replies to email within hours.", "Asks for discounts."]
    else:
        summary = "Keeps in regular contact with the account team about renewals and onboarding."
        traits = ["Engages with the account team regularly.", "Keeps deals moving through the usual steps."]
    return {
        "summary": summary,
        "traits": [
            {"statement": traits[0], "evidence": [first], "confidence": 0.8},
            {"statement": traits[1], "evidence": [f"[{second}]"], "confidence": 0.6},
        ],
        "recommendations": ["Send a written summary before each call.", "Lead with value."],
    }


def _measured(user: str) -> dict[str, str]:
    """The categorical values of the prompt's "Computed signals" JSON line."""
    for line in user.splitlines():
        if line.startswith("{") and '"preferred_channel"' in line:
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                return {}
            return {name: str(value.get("value")) for name, value in data.items() if isinstance(value, dict)}
    return {}


def _completion(body: dict[str, Any], content: str) -> web.Response:
    return web.json_response(
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": body.get("model", "gpt-4o-mini"),
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content, "refusal": None},
                }
            ],
            "usage": {
                "prompt_tokens": count_messages(body["messages"]),
                "completion_tokens": count_text(content),
                "total_tokens": count_messages(body["messages"]) + count_text(content),
            },
        }
    )


def _vector(text: str, dimensions: int) -> list[float]:
    """Deterministic unit vector from the text's hash (same text, same vector)."""
    raw = b"".join(hashlib.sha256(f"{k}:{text}".encode()).digest() for k in range(math.ceil(dimensions / 32)))
    values = [(byte - 127.5) / 127.5 for byte in raw[:dimensions]]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]
