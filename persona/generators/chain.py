"""Choosing a generator, and never leaving the user without a persona.

`FallbackGenerator` asks the model with structured output (json_schema); a server that
rejects json_schema (many local OpenAI-compatible servers) is asked once more in plain JSON
mode, and remembered. Any other failure gives the signals-only persona with
`generator.fallback_reason` saying why, and the error is handed back so a UI can offer Retry.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crm.models import History
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
        self.mode = PromptMode.json_schema
        self.last_error: ModelError | None = None  # for sequential callers; prefer attempt()

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
            return Outcome(persona, err)

    async def _ask(self, history: History, signals: Signals, notes: Sequence[str]) -> Persona:
        try:
            return await self.primary.generate(history, signals, mode=self.mode, notes=notes)
        except ModelError as err:
            if err.kind is not ModelErrorKind.unsupported or self.mode is PromptMode.json_object:
                raise
        log.info("server rejected json_schema; using json_object mode from now on")
        self.mode = PromptMode.json_object
        return await self.primary.generate(history, signals, mode=self.mode, notes=notes)

    async def warm_up(self) -> None:
        await self.primary.warm_up()

    async def aclose(self) -> None:
        await self.primary.aclose()
