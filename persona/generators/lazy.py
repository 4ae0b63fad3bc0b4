"""A generator made on first use, for callers that may never generate.

Reusing a cached persona reads only the generator's `name` and `model` (they salt the
history fingerprint); building the generator loads the openai SDK, the tokenizer and the
signal rules. `LazyGenerator` knows the two up front and builds the real generator the first
time it generates or warms up, so a cached `persona-bot generate` starts light
(bench/cli_startup.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm.models import History
    from persona.generators.base import PersonaGenerator
    from persona.models import Persona, Signals


class LazyGenerator:
    """Stands in for the generator `build` makes, which must have this `name` and `model`."""

    def __init__(self, name: str, model: str | None, build: Callable[[], PersonaGenerator]) -> None:
        self.name = name
        self.model = model
        self._build = build
        self._built: PersonaGenerator | None = None

    @property
    def built(self) -> PersonaGenerator:
        """The real generator (built now if it was not yet)."""
        if self._built is None:
            generator = self._build()
            if (generator.name, generator.model) != (self.name, self.model):
                # Cached personas were looked up under this name and model: they must not differ.
                raise RuntimeError(f"lazy generator {self.name}:{self.model} built {generator.name}:{generator.model}")
            self._built = generator
        return self._built

    async def generate(self, history: History, signals: Signals, *, notes: Sequence[str] = ()) -> Persona:
        return await self.built.generate(history, signals, notes=notes)

    async def warm_up(self) -> None:
        await self.built.warm_up()

    async def aclose(self) -> None:
        if self._built is not None:  # never built: nothing was opened
            await self._built.aclose()
