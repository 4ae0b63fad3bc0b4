"""What an OpenAI-compatible server can do, learned once per base URL for the process.

Local servers lack features and say so in many ways: llama-cpp-python answers a json_schema
`response_format` with HTTP 500 ("Input should be 'text' or 'json_object'"), vLLM and others
with 400 or 422; a server without embeddings answers 404 or 500. Each lesson is learned on
the first answer and kept for the process, so later personas ask the right way at once.
The openai SDK would retry a 5xx twice with back-off; an answer that names the feature is
not going to change, so the HTTP client marks it `x-should-retry: false` (a header the SDK
obeys) and the SDK gives up at once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from persona.models import StructuredOutput

if TYPE_CHECKING:  # the openai SDK (and its HTTP client) loads only when a model is configured
    import httpx2

log = logging.getLogger(__name__)

OPENAI_BASE_URL = "https://api.openai.com/v1"
# A 4xx/5xx body naming one of these: the server does not support that way of asking for JSON.
UNSUPPORTED_FORMAT = re.compile(r"response_format|json_schema|json_object|structured output|guided", re.I)
# A 4xx/5xx body about embeddings: the model or server has none ("must be created with
# embedding=True", "does not support embeddings").
NO_EMBEDDINGS = re.compile(r"embedding", re.I)

Structured = StructuredOutput | Literal["none"]  # "none": neither json_schema nor json_object
_structured: dict[str, Structured] = {}
_embeddings_off: set[str] = set()


def server_key(base_url: str | None) -> str:
    return (base_url or OPENAI_BASE_URL).rstrip("/")


def structured_output(base_url: str | None) -> Structured:
    """How to ask this server for JSON: json_schema until it has refused it."""
    return _structured.get(server_key(base_url), "json_schema")


def learn_structured_output(base_url: str | None, mode: Structured) -> None:
    key = server_key(base_url)
    if _structured.get(key) != mode:
        log.info("model server %s: structured output via %s from now on", key, mode)
    _structured[key] = mode


def embeddings_available(base_url: str | None) -> bool:
    return server_key(base_url) not in _embeddings_off


def embeddings_failed(base_url: str | None, reason: str) -> None:
    """Text embeddings off for this server for the rest of the process (logged once)."""
    key = server_key(base_url)
    if key not in _embeddings_off:
        _embeddings_off.add(key)
        log.warning("text embeddings failed on %s (%s): off for this process; behavior vectors only", key, reason)


def forget_all() -> None:
    """Tests start from a clean slate (ports, and so base URLs, are reused)."""
    _structured.clear()
    _embeddings_off.clear()


async def _no_retry_for_missing_features(response: httpx2.Response) -> None:
    """An error that names a missing feature will not go away on retry: tell the SDK so."""
    if response.status_code < 400 or response.headers.get("x-should-retry") is not None:
        return
    await response.aread()
    text = response.text[:4_000]
    if UNSUPPORTED_FORMAT.search(text) or NO_EMBEDDINGS.search(text):
        response.headers["x-should-retry"] = "false"


def http_client(hooks: dict[str, list[Callable[..., Any]]] | None = None) -> httpx2.AsyncClient:
    """The SDK's own default client, plus the hook above (and any other `hooks`, e.g. pacing)."""
    import openai

    merged: dict[str, list[Callable[..., Any]]] = {"request": [], "response": [_no_retry_for_missing_features]}
    for event, functions in (hooks or {}).items():
        merged.setdefault(event, []).extend(functions)
    return openai.DefaultAsyncHttpxClient(event_hooks=merged)
