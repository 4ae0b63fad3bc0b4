"""Synthetic CRM histories and hand-built signals for generator tests and benches.

Signals are built by hand here (not computed) so these tests pin the generator's behavior
independently of the signal heuristics.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crm.models import Contact, Deal, History, Interaction, Purchase
from persona.models import BestTime, Budget, Signal, Signals

_SUBJECTS = (
    "Re: Renewal quote for the analytics tier",
    "Following up on Tuesday's call",
    "Pricing question about the 3-year option",
    "Onboarding schedule for the new team",
    "Re: Invoice INV-2291 and PO number",
)
_BODIES = (
    "Hi Marta, thanks for sending the revised quote. Before I take it to our CFO I need to "
    "understand whether the 12% discount also applies to the add-on seats we discussed, and "
    "whether we can move the start date to the first of next month. Best regards, Jonas",
    "Quick one: can we do a 20-minute call Thursday morning? I have questions on the SSO "
    "setup and the data retention settings. Thanks!",
    "Left a voicemail about the renewal; no answer yet. Will try again next week.",
    "Great meeting today. Action items: send the security questionnaire, confirm pricing "
    "for 40 seats, book the technical deep-dive with their IT lead.",
)
_TYPES = ("email", "email", "call", "meeting", "chat", "note")


def make_history(
    n: int,
    *,
    contact_id: str = "c-1",
    name: str = "Jonas Weiß",
    deals: int = 3,
    purchases: int = 4,
    start: datetime | None = None,
) -> History:
    """A history of `n` interactions, one every ~9 hours, newest last."""
    start = start or datetime(2021, 1, 4, 9, 0, tzinfo=UTC)
    interactions = [
        Interaction(
            id=f"i-{k}",
            type=_TYPES[k % len(_TYPES)],
            direction="inbound" if k % 3 else "outbound",
            timestamp=start + timedelta(hours=9 * k),
            subject=_SUBJECTS[k % len(_SUBJECTS)],
            body=_BODIES[k % len(_BODIES)],
            duration_seconds=900 if _TYPES[k % len(_TYPES)] == "call" else None,
            outcome="connected" if _TYPES[k % len(_TYPES)] == "call" else None,
        )
        for k in range(n)
    ]
    deal_list = [
        Deal(
            id=f"d-{k}",
            name=f"Analytics tier, year {k + 1}",
            amount=24_000 + 1_000 * k,
            currency="EUR",
            stage="closed",
            status="won" if k % 2 == 0 else "lost",
            created_at=start + timedelta(days=90 * k),
            closed_at=start + timedelta(days=90 * k + 30),
            discount_percent=10.0 if k % 2 == 0 else None,
        )
        for k in range(deals)
    ]
    purchase_list = [
        Purchase(
            id=f"p-{k}",
            timestamp=start + timedelta(days=365 * k + 60),
            amount=1_200.0,
            currency="EUR",
            product="Add-on seats",
            quantity=10,
        )
        for k in range(purchases)
    ]
    return History(
        contact=Contact(
            id=contact_id,
            name=name,
            email="jonas.weiss@example.com",
            company="Nordlicht Logistik GmbH",
            title="Head of Operations",
        ),
        interactions=interactions,
        deals=deal_list,
        purchases=purchase_list,
    )


def make_signals(history: History) -> Signals:
    """Plausible measured signals citing real ids of `history`."""
    ids = [i.id for i in history.interactions[-6:]]
    deal_ids = [d.id for d in history.deals]

    def sig(value: str, confidence: float, evidence: list[str], detail: str) -> Signal:
        return Signal(
            value=value,
            confidence=confidence,
            data_points=len(evidence),
            evidence=evidence,
            detail=detail,
        )

    return Signals(
        preferred_channel=sig("email", 0.8, ids, "answers 80% of emails, 20% of calls"),
        formality=sig("formal", 0.7, ids, "greetings and sign-offs in 9 of 10 emails"),
        responsiveness=sig("responsive", 0.75, ids, "median reply 5h; 10% of outreach unanswered"),
        decision_speed=sig("deliberate", 0.6, deal_ids, "median deal cycle 30 days over 3 deals"),
        price_sensitivity=sig("high", 0.65, deal_ids, "asked for discounts on 2 of 3 deals"),
        seasonality=sig("unknown", 0.0, [], "purchases spread over quarters"),
        budget=sig("typically ~EUR 25,000 per deal", 0.6, deal_ids, "3 deals, 4 purchases"),
        best_time=sig("Tue–Thu, 09:00–12:00", 0.5, ids, "replies cluster in the morning"),
        engagement_trend=sig("steady", 0.5, ids, "same monthly volume over the last year"),
        median_reply_hours=5.0,
        unanswered_share=0.1,
        chasers_per_outreach=0.2,
        median_cycle_days=30.0,
        mean_discount_percent=10.0,
        budget_detail=Budget(value="typically ~EUR 25,000 per deal", currency="EUR", typical_deal=25_000.0),
        best_time_detail=BestTime(value="Tue–Thu, 09:00–12:00", days=["Tue", "Wed", "Thu"], start_hour=9, end_hour=12),
    )
