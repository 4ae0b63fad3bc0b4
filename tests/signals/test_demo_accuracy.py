"""The signals recover every behavior planted in the demo CRM, and abstain where none is."""

from __future__ import annotations

import pytest

from crm.demo import demo_adapter
from persona.signals import compute_signals
from tests.demo_builder import demo_builder

SPECS = demo_builder().SPECS
FIELDS = {  # spec attribute -> signal name
    "channel": "preferred_channel",
    "formality": "formality",
    "resp": "responsiveness",
    "speed": "decision_speed",
    "price": "price_sensitivity",
    "season": "seasonality",
}


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
async def test_planted_behavior_is_measured(spec) -> None:
    signals = compute_signals(await demo_adapter().history(spec.id))
    measured = {attr: getattr(signals, name).value for attr, name in FIELDS.items()}
    assert measured == {attr: getattr(spec, attr) for attr in FIELDS}
    trend = "steady" if spec.trend == "stable" else spec.trend
    assert signals.engagement_trend.value == ("unknown" if spec.thin else trend)
    assert (signals.best_time.value == "unknown") == (spec.window is None)
