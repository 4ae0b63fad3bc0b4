"""The price table: known models, dated snapshots, overrides, unknown models."""

from __future__ import annotations

import pytest

from persona.pricing import cost_of


def test_known_model_cost() -> None:
    cost = cost_of("gpt-4o-mini", 1_000_000, 1_000_000)
    assert cost.known and cost.usd == pytest.approx(0.75)


def test_dated_snapshot_uses_its_base_price_not_a_prefix() -> None:
    assert cost_of("gpt-4o-mini-2024-07-18", 1_000_000, 0).usd == pytest.approx(0.15)
    assert cost_of("gpt-4.1-nano", 1_000_000, 0).usd == pytest.approx(0.10)
    assert cost_of("gpt-4.1", 1_000_000, 0).usd == pytest.approx(2.00)


def test_overrides_replace_and_add() -> None:
    overrides = {"gpt-4o": {"input": 1.0}, "llama3.1": {"input": 0.0, "output": 0.0}}
    assert cost_of("gpt-4o", 1_000_000, 1_000_000, overrides).usd == pytest.approx(11.0)
    local = cost_of("llama3.1", 5_000, 5_000, overrides)
    assert local.known and local.usd == 0.0


def test_unknown_model_costs_zero_and_says_so() -> None:
    cost = cost_of("mystery-7b", 1_000, 1_000)
    assert cost.usd == 0.0 and not cost.known
