"""Budget: typical deal and purchase size in the contact's main currency."""

from __future__ import annotations

import statistics
from collections import Counter

from crm.models import DealStatus
from persona.models import Budget, Signal
from persona.signals.common import confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts

_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def money(amount: float, currency: str | None) -> str:
    symbol = _SYMBOL.get((currency or "").upper())
    number = f"{amount:,.0f}"
    return f"{symbol}{number}" if symbol else f"{number} {currency or ''}".strip()


def budget(facts: Facts) -> tuple[Signal[str], Budget]:
    currencies = Counter(d.currency.upper() for d in facts.deals if d.amount is not None)
    currencies.update(p.currency.upper() for p in facts.purchases)
    if not currencies:
        return unknown("no deals or purchases with amounts", 0), Budget()
    currency = currencies.most_common(1)[0][0]
    won = [d for d in facts.deals if d.status is DealStatus.won and d.amount and d.currency.upper() == currency]
    deals = won or [d for d in facts.deals if d.amount and d.currency.upper() == currency]
    purchases = [p for p in facts.purchases if p.currency.upper() == currency]
    typical_deal = round(statistics.median(d.amount or 0.0 for d in deals), 2) if deals else None
    typical_purchase = round(statistics.median(p.amount for p in purchases), 2) if purchases else None
    per_year = None
    if len(purchases) >= 2:
        span_days = (max(p.timestamp for p in purchases) - min(p.timestamp for p in purchases)).days
        per_year = round(len(purchases) / max(span_days / 365.25, 1.0), 1)
    parts = []
    if typical_deal is not None:
        kind = "won deal" if won else "deal discussed"
        parts.append(f"typical deal ~{money(typical_deal, currency)} ({plural(len(deals), kind)})")
    if typical_purchase is not None:
        parts.append(f"purchases ~{money(typical_purchase, currency)} each ({len(purchases)})")
    detail = "; ".join(parts)
    n = len(deals) + len(purchases)
    detail_model = Budget(
        value=detail if n >= 2 else "unknown",
        currency=currency,
        typical_deal=typical_deal,
        typical_purchase=typical_purchase,
        won_total=round(sum(d.amount for d in won), 2) if won else None,  # type: ignore[misc]
        purchases_per_year=per_year,
    )
    if n < 2:
        return unknown(f"a single data point: {detail}", n), detail_model
    signal = Signal[str](
        value=detail,
        confidence=confidence(n, 1.0 if won or purchases else 0.6, scale=3.0),
        data_points=n,
        evidence=recent_ids([d.id for d in deals] + [p.id for p in purchases]),
        detail=detail,
    )
    return signal, detail_model
