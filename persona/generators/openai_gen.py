"""The `openai` generator: a language model writes the prose, the signals decide the facts.

It starts from the signals-only persona and replaces only summary, traits and
recommendations. Categories the model might claim are never read; trait evidence is
filtered to ids that exist in the history, and a trait left with no evidence is dropped.
SDK failures become a typed ModelError (never carrying the API key).
"""

from __future__ import annotations

import asyncio
import json
import math
import re
from collections.abc import Sequence
from typing import Any

import openai
from openai import AsyncOpenAI
from openai.types.shared_params import ResponseFormatJSONObject
from pydantic import ValidationError

from crm.models import History
from persona.agreement import agreeing, contradictions
from persona.generators import capabilities
from persona.generators.base import ModelError, ModelErrorKind
from persona.generators.pacing import Pacer
from persona.generators.signals_gen import build_persona
from persona.guard import behavior_only, mentions_protected
from persona.models import GeneratorInfo, ModelData, Persona, Signals, Trait, Usage
from persona.pricing import cost_of
from persona.prompts import PersonaProse, Prompt, PromptMode, build_prompt
from persona.tokens import count_text, get_counter

MAX_COMPLETION_TOKENS = 2_000  # room for reasoning models; the prose itself is ~300 tokens
MAX_TRAITS = 8
MAX_RECOMMENDATIONS = 6
MAX_EVIDENCE = 10
SUMMARY_CHARS = 1_200
STATEMENT_CHARS = 400
RECOMMENDATION_CHARS = 300

_KEYLIKE = re.compile(r"\b(sk|pk|rk)-[A-Za-z0-9_\-*]{6,}")
_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.S)


class OpenAIGenerator:
    """Prose from an OpenAI-compatible chat model, grounded in the measured signals."""

    name = "openai"

    def __init__(
        self,
        api_key: str,
        *,
        model: str,
        base_url: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 2,
        prices: dict[str, dict[str, float]] | None = None,
        data: ModelData = "redacted",
        pacer: Pacer | None = None,
    ) -> None:
        """Plain values; persona_bot.wiring builds one from the settings."""
        if not api_key:
            raise ValueError("OPENAI_API_KEY is not set")
        self._key = api_key
        self.model: str | None = model
        self.base_url = base_url
        self.data: ModelData = data
        self._prices = prices or {}
        self._client = AsyncOpenAI(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            # no retries for "json_schema not supported"; bulk runs pace by rate-limit headers
            http_client=capabilities.http_client(pacer.event_hooks if pacer else None),
        )

    async def warm_up(self) -> None:
        await asyncio.to_thread(get_counter)  # the tokenizer's vocabulary takes ~0.5 s to load

    async def aclose(self) -> None:
        await self._client.close()

    async def generate(
        self,
        history: History,
        signals: Signals,
        *,
        mode: PromptMode = PromptMode.json_schema,
        notes: Sequence[str] = (),
    ) -> Persona:
        """The signals persona with model-written prose; raises ModelError on any failure."""
        prompt = build_prompt(history, signals, mode=mode, notes=notes, data=self.data)
        try:
            if mode is PromptMode.json_schema:
                prose, usage = await self._structured(prompt)
            else:
                prose, usage = await self._json_object(prompt)
        except ModelError:
            raise
        except Exception as exc:  # every SDK/parse failure gets a kind the UI can explain
            raise self._as_model_error(exc) from None
        return self._persona(history, signals, prose, usage, mode)

    async def _structured(self, prompt: Prompt) -> tuple[PersonaProse, Usage]:
        completion = await self._client.chat.completions.parse(
            model=str(self.model),
            messages=prompt.messages,  # type: ignore[arg-type]
            response_format=PersonaProse,
            max_completion_tokens=MAX_COMPLETION_TOKENS,
        )
        if not completion.choices:
            raise ModelError(ModelErrorKind.bad_output, "no choices in the response")
        message = completion.choices[0].message
        if message.refusal:
            raise ModelError(ModelErrorKind.bad_output, "the model refused")
        if message.parsed is None:
            raise ModelError(ModelErrorKind.bad_output, "no structured content")
        return message.parsed, self._usage(prompt, completion.usage, message.content)

    async def _json_object(self, prompt: Prompt) -> tuple[PersonaProse, Usage]:
        json_mode: ResponseFormatJSONObject = {"type": "json_object"}
        completion = await self._client.chat.completions.create(
            model=str(self.model),
            messages=prompt.messages,  # type: ignore[arg-type]
            response_format=json_mode,
            max_completion_tokens=MAX_COMPLETION_TOKENS,
        )
        if not completion.choices:
            raise ModelError(ModelErrorKind.bad_output, "no choices in the response")
        choice = completion.choices[0]
        if choice.finish_reason == "length":
            raise ModelError(ModelErrorKind.bad_output, "the answer was cut off (length)")
        content = (choice.message.content or "").strip()
        fenced = _FENCE.match(content)  # local models often wrap JSON in a code fence
        prose = PersonaProse.model_validate_json(fenced.group(1) if fenced else content)
        return prose, self._usage(prompt, completion.usage, content)

    def _usage(self, prompt: Prompt, usage: Any, content: str | None) -> Usage:
        """Tokens as the server billed them; our own count when it reports none."""
        prompt_tokens = getattr(usage, "prompt_tokens", None) or prompt.tokens
        completion_tokens = getattr(usage, "completion_tokens", None)
        if completion_tokens is None:
            completion_tokens = count_text(content or "")
        cost = cost_of(str(self.model), prompt_tokens, completion_tokens, self._prices)
        return Usage(
            prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, cost_usd=cost.usd, cost_known=cost.known
        )

    def _persona(
        self, history: History, signals: Signals, prose: PersonaProse, usage: Usage, mode: PromptMode
    ) -> Persona:
        if not behavior_only(prose.summary).strip():
            raise ModelError(ModelErrorKind.bad_output, "empty summary")
        summary_check = agreeing(behavior_only(prose.summary), signals)
        summary = _clip(summary_check.text, SUMMARY_CHARS)
        dropped, kept = summary_check.dropped, summary_check.kept
        known = {i.id for i in history.interactions} | {d.id for d in history.deals} | {p.id for p in history.purchases}
        traits: list[Trait] = []
        for draft in prose.traits:
            evidence = _grounded(draft.evidence, known)
            statement = _clip(draft.statement, STATEMENT_CHARS)
            if not statement or not evidence or mentions_protected(statement):  # no evidence, no trait
                continue
            if contradictions(statement, signals):
                dropped += 1
                continue
            kept += 1
            traits.append(Trait(statement=statement, evidence=evidence, confidence=_unit(draft.confidence)))
        recommendations: list[str] = []
        for raw in prose.recommendations:
            checked = agreeing(behavior_only(raw), signals)
            dropped, kept = dropped + checked.dropped, kept + checked.kept
            if text := _clip(checked.text, RECOMMENDATION_CHARS):
                recommendations.append(text)
        if not summary or dropped > kept:  # too little left that agrees with the evidence
            raise ModelError(
                ModelErrorKind.contradicts_evidence,
                f"{dropped} sentences contradicted the signals, {kept} agreed",
                dropped_sentences=dropped,
            )
        base = build_persona(history, signals)  # categorical fields: from the signals only
        generator = GeneratorInfo(
            name="openai",
            model=self.model,
            model_data=self.data,
            structured_output=mode.value,
            dropped_sentences=dropped,
        )
        return base.model_copy(
            update={
                "summary": summary,
                "traits": traits[:MAX_TRAITS],
                "recommendations": recommendations[:MAX_RECOMMENDATIONS],
                "generator": generator,
                "usage": usage,
            }
        )

    def _as_model_error(self, exc: Exception) -> ModelError:
        kind = _kind_of(exc)
        return ModelError(kind, self._redact(f"{type(exc).__name__}: {exc}"))

    def _redact(self, text: str) -> str:
        """Servers echo keys in 401 bodies ("Incorrect API key provided: sk-...")."""
        return _KEYLIKE.sub("[redacted]", text.replace(self._key, "[redacted]"))


def _kind_of(exc: Exception) -> ModelErrorKind:
    # Order matters: APITimeoutError is an APIConnectionError, and the status errors share a base.
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ModelErrorKind.auth
    if isinstance(exc, openai.RateLimitError):
        return ModelErrorKind.rate_limit
    if isinstance(exc, openai.APITimeoutError):
        return ModelErrorKind.timeout
    # Any 4xx/5xx naming response_format / json_schema / json_object: llama-cpp-python says so
    # with a 500, vLLM and others with 400 or 422.
    if isinstance(exc, openai.APIStatusError) and (
        capabilities.UNSUPPORTED_FORMAT.search(str(exc.message))
        or capabilities.UNSUPPORTED_FORMAT.search(json.dumps(exc.body, default=str))
    ):
        return ModelErrorKind.unsupported
    if isinstance(exc, openai.APIConnectionError | openai.InternalServerError):
        return ModelErrorKind.server
    if isinstance(
        exc,
        ValidationError
        | json.JSONDecodeError
        | openai.LengthFinishReasonError
        | openai.ContentFilterFinishReasonError
        | openai.APIResponseValidationError,
    ):
        return ModelErrorKind.bad_output
    # 5xx, connection trouble, and other 4xx (unknown model, bad request): the service is
    # unusable as configured.
    return ModelErrorKind.server


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _grounded(evidence: list[str], known: set[str]) -> list[str]:
    """Evidence ids that exist in the history, deduplicated; "[i-1]" is read as "i-1"."""
    seen: list[str] = []
    for raw in evidence:
        record_id = raw.strip().strip("[]").strip()
        if record_id in known and record_id not in seen:
            seen.append(record_id)
    return seen[:MAX_EVIDENCE]


def _unit(value: float) -> float:
    return 0.0 if math.isnan(value) else min(1.0, max(0.0, value))
