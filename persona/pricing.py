"""What a generation cost: USD per million tokens per model, overridable in settings.

Prices change; `PERSONA_PRICES` (settings.persona_prices) is merged over this table so an
operator can correct a price or price a local model without a release.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Price:
    input: float  # USD per 1M prompt tokens
    output: float  # USD per 1M completion tokens


# Standard (non-batch) list prices, USD per 1M tokens.
DEFAULT_PRICES: dict[str, Price] = {
    "gpt-4o-mini": Price(0.15, 0.60),
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "o4-mini": Price(1.10, 4.40),
    "o3-mini": Price(1.10, 4.40),
    "o3": Price(2.00, 8.00),
    "gpt-5": Price(1.25, 10.00),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5-nano": Price(0.05, 0.40),
    "gpt-3.5-turbo": Price(0.50, 1.50),
}

_DATED = re.compile(r"-\d{4}-\d{2}-\d{2}$")  # gpt-4o-mini-2024-07-18 is priced as gpt-4o-mini


@dataclass(frozen=True)
class Cost:
    usd: float
    known: bool  # False: the model is not in the table, so the cost shown (0) is not real


def price_table(overrides: Mapping[str, Mapping[str, float]] | None = None) -> dict[str, Price]:
    table = dict(DEFAULT_PRICES)
    for model, price in (overrides or {}).items():
        base = table.get(model, Price(0.0, 0.0))
        table[model] = Price(
            input=float(price.get("input", base.input)),
            output=float(price.get("output", base.output)),
        )
    return table


def find_price(model: str, table: Mapping[str, Price]) -> Price | None:
    return table.get(model) or table.get(_DATED.sub("", model))


def cost_of(
    model: str,
    prompt_tokens: int,
    completion_tokens: int,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
) -> Cost:
    """USD for one call; an unpriced model costs 0 and says so (known=False, logged)."""
    price = find_price(model, price_table(overrides))
    if price is None:
        log.warning("no price for model %r: cost recorded as 0 (set PERSONA_PRICES)", model)
        return Cost(usd=0.0, known=False)
    usd = (prompt_tokens * price.input + completion_tokens * price.output) / 1_000_000
    return Cost(usd=round(usd, 8), known=True)
