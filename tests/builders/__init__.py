"""The one home of the test builders (tests and benches import them from here): hand-built
CRM histories (histories.py) and personas and signals (personas.py); a generated export of
many contacts for the bulk runs is tests.builders.bulk_export."""

from tests.builders.histories import (
    T0,
    deal,
    email_history,
    email_threads,
    export_json,
    history,
    make_history,
    msg,
    nid,
    purchase,
)
from tests.builders.personas import card_persona, make_persona, make_signals

__all__ = [
    "T0",
    "card_persona",
    "deal",
    "email_history",
    "email_threads",
    "export_json",
    "history",
    "make_history",
    "make_persona",
    "make_signals",
    "msg",
    "nid",
    "purchase",
]
