"""Measured signals: deterministic, fast, pure functions of a contact's history.

The rule modules (persona.signals.compute) load on the first compute_signals call: checking
whether a cached persona is current needs only SIGNALS_VERSION (bench/cli_startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm.models import History
    from persona.models import Signals

# Bump when the rules change: personas cached under an older version are generated afresh.
SIGNALS_VERSION = "2"


def compute_signals(history: History) -> Signals:
    """Every signal measured from `history`."""
    from persona.signals.compute import compute_signals as compute

    return compute(history)


__all__ = ["SIGNALS_VERSION", "compute_signals"]
