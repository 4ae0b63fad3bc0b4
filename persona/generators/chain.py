"""Choosing a generator, and never leaving the user without a persona.

`FallbackGenerator` asks the model with structured output (json_schema); a server that
rejects json_schema (many local OpenAI-compatible servers) is asked again in plain JSON mode
at once, and the answer is remembered per base URL for the process (see capabilities). A
server that supports neither is not asked again. Any failure gives the signals-only persona
with `generator.fallback_reason` saying why, and the error is handed back so a UI can offer Retry.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crm.models import History
from persona.generators import capabilities
from persona.generators.base import ModelError, ModelErrorKind
from persona.generators.signals_gen import build_persona
from persona.models import Persona, Signals
from persona.prompts import PromptMode

if TYPE_CHECKING:  # the openai SDK loads only when a model is configured
    from persona.generators.openai_gen import OpenAIGenerator

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    persona: Persona
    error: ModelError | None  # set when the model failed and the persona is signals-only


class FallbackGenerator:
    """The model's persona when it works; the signals persona, saying why, when it doesn't."""

    name = "openai"

    def __init__(self, primary: OpenAIGenerator) -> None:
        self.primary = primary
        self.model = primary.model
        self.last_error: ModelError | None = None  # for sequential callers; prefer attempt()

    @property
    def mode(self) -> PromptMode | None:
        """How this server is asked for JSON now; None: it supports neither way."""
        learned = capabilities.structured_output(self.primary.base_url)
        return None if learned == "none" else PromptMode(learned)

    async def generate(self, history: History, signals: Signals, *, notes: Sequence[str] = ()) -> Persona:
        outcome = await self.attempt(history, signals, notes=notes)
        self.last_error = outcome.error
        return outcome.persona

    async def attempt(self, history: History, signals: Signals, *, notes: Sequence[str] = ()) -> Outcome:
        """A persona plus the model error, if any (safe under concurrent use)."""
        try:
            return Outcome(await self._ask(history, signals, notes), None)
        except ModelError as err:
            log.warning("persona model failed (%s): %s", err.kind, err.detail)
            persona = build_persona(history, signals, fallback_reason=err.user_message)
            generator = persona.generator.model_copy(
                update={
                    "model_data": self.primary.data if err.sent else "none",
                    "dropped_sentences": err.dropped_sentences,
                }
            )
            return Outcome(persona.model_copy(update={"generator": generator}), err)

    async def _ask(self, history: History, signals: Signals, notes: Sequence[str]) -> Persona:
        mode = self.mode
        if mode is None:
            raise ModelError(ModelErrorKind.unsupported, "remembered: neither json_schema nor json_object", sent=False)
        try:
            return await self.primary.generate(history, signals, mode=mode, notes=notes)
        except ModelError as err:
            if err.kind is not ModelErrorKind.unsupported:
                raise
            if mode is PromptMode.json_object:
                capabilities.learn_structured_output(self.primary.base_url, "none")
                raise
        capabilities.learn_structured_output(self.primary.base_url, "json_object")
        try:
            return await self.primary.generate(history, signals, mode=PromptMode.json_object, notes=notes)
        except ModelError as err:
            if err.kind is ModelErrorKind.unsupported:
                capabilities.learn_structured_output(self.primary.base_url, "none")
            raise

    async def warm_up(self) -> None:
        await self.primary.warm_up()

    async def aclose(self) -> None:
        await self.primary.aclose()
