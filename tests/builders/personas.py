"""Personas and signals built by hand from the models (no CRM, no generator), so a test pins
what it tests independently of the signal heuristics: `make_persona` (as stored),
`card_persona` (every detail a card shows) and `make_signals` (measured signals citing a
history's ids)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from crm.models import History
from persona.models import (
    BestTime,
    Budget,
    Buying,
    Communication,
    ContactRef,
    DataCoverage,
    DecisionMaking,
    Engagement,
    GeneratorInfo,
    Persona,
    Signal,
    Signals,
    Trait,
    Usage,
)


def _signal(value: Any, confidence: float = 0.8, points: int = 5) -> Signal[Any]:
    return Signal(value=value, confidence=confidence, data_points=points, evidence=["i1"])


def _flat_signals(channel: str, formality: str) -> Signals:
    return Signals(
        preferred_channel=_signal(channel),
        formality=_signal(formality),
        responsiveness=_signal("responsive"),
        decision_speed=_signal("deliberate"),
        price_sensitivity=_signal("medium"),
        seasonality=_signal("Q4"),
        budget=_signal("typically ~$24,000 per deal"),
        best_time=_signal("Tue–Thu, 09:00–12:00"),
        engagement_trend=_signal("steady"),
    )


def make_persona(
    contact_id: str = "c-1",
    *,
    name: str = "Ada Lovelace",
    summary: str = "Ada answers quickly by email and plans purchases for Q4.",
    channel: str = "email",
    formality: str = "formal",
    budget: str = "typically ~$24,000 per deal",
    traits: list[str] | None = None,
    tokens: tuple[int, int] = (120, 80),
) -> Persona:
    """A persona as the generator stores it (Ada Lovelace, gpt-4o-mini): for storage, diffs,
    exports and benches."""
    statements = traits if traits is not None else ["Replies within a day to emails"]
    return Persona(
        contact=ContactRef(id=contact_id, name=name, email="ada@example.com", company="Acme"),
        summary=summary,
        traits=[Trait(statement=s, evidence=["i1"], confidence=0.7) for s in statements],
        communication=Communication(
            preferred_channel=channel,  # type: ignore[arg-type]
            formality=formality,  # type: ignore[arg-type]
            best_time=BestTime(value="Tue–Thu, 09:00–12:00", days=["Tue", "Wed", "Thu"]),
        ),
        decision_making=DecisionMaking(speed="deliberate", price_sensitivity="medium"),
        engagement=Engagement(responsiveness="responsive", trend="steady"),
        buying=Buying(seasonality="Q4", budget=Budget(value=budget, currency="USD")),
        recommendations=["Email on Tuesday morning"],
        signals=_flat_signals(channel, formality),
        data_coverage=DataCoverage(interactions=12, deals=2),
        generator=GeneratorInfo(name="openai", model="gpt-4o-mini"),
        usage=Usage(prompt_tokens=tokens[0], completion_tokens=tokens[1], cost_usd=0.0012),
        generated_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
    )


def _sig(value: str, confidence: float = 0.8, detail: str = "") -> Signal[str]:
    return Signal(value=value, confidence=confidence, data_points=10 if confidence else 0, detail=detail)


def card_persona(
    *,
    name: str = "Ana Souza",
    company: str | None = "Acme Corp",
    summary: str = "Responsive and formal; decides quickly.",
    traits: list[Trait] | None = None,
    recommendations: list[str] | None = None,
    fallback_reason: str | None = None,
    unknown: bool = False,
) -> Persona:
    """A persona with everything a card shows (signal details, coverage by type, a title);
    `unknown`: every measured field unknown."""
    u = "unknown"
    signals = Signals(
        preferred_channel=_sig(
            u if unknown else "email", 0 if unknown else 0.9, "" if unknown else "28 of 40 interactions were emails"
        ),
        formality=_sig(u if unknown else "formal", 0 if unknown else 0.5),
        responsiveness=_sig(
            u if unknown else "responsive",
            0 if unknown else 0.8,
            "" if unknown else "replied to 9 of 10 emails within 3 h",
        ),
        decision_speed=_sig(u if unknown else "quick", 0 if unknown else 0.3),
        price_sensitivity=_sig(u if unknown else "low", 0 if unknown else 0.6),
        seasonality=_sig(u if unknown else "Q4", 0 if unknown else 0.7),
        budget=_sig(u if unknown else "typically ~$24,000 per deal", 0 if unknown else 0.7),
        best_time=_sig(u if unknown else "Tue–Thu, 09:00–12:00", 0 if unknown else 0.6),
        engagement_trend=_sig(u if unknown else "steady", 0 if unknown else 0.5),
    )
    return Persona(
        contact=ContactRef(id="c-1", name=name, email="ana@acme.example", company=company, title="Head of Procurement"),
        summary=summary,
        traits=traits
        if traits is not None
        else [
            Trait(
                statement="Answers fast (replied to 9 of 10 emails within 3 h)",
                evidence=["e-1", "e-2", "e-3"],
                confidence=0.8,
            )
        ],
        communication=Communication(
            preferred_channel=signals.preferred_channel.value,  # type: ignore[arg-type]
            formality=signals.formality.value,  # type: ignore[arg-type]
            best_time=BestTime(value=signals.best_time.value),
        ),
        decision_making=DecisionMaking(
            speed=signals.decision_speed.value,  # type: ignore[arg-type]
            price_sensitivity=signals.price_sensitivity.value,  # type: ignore[arg-type]
        ),
        engagement=Engagement(
            responsiveness=signals.responsiveness.value,  # type: ignore[arg-type]
            trend=signals.engagement_trend.value,  # type: ignore[arg-type]
        ),
        buying=Buying(
            seasonality=signals.seasonality.value,  # type: ignore[arg-type]
            budget=Budget(value=signals.budget.value),
        ),
        recommendations=recommendations
        if recommendations is not None
        else ["Email before 12:00 on Tue–Thu", "Lead with delivery dates, not discounts"],
        signals=signals,
        data_coverage=DataCoverage(
            interactions=40,
            by_type={"email": 28, "call": 12},
            deals=3,
            purchases=5,
            first=datetime(2023, 1, 5, tzinfo=UTC),
            last=datetime(2025, 3, 1, tzinfo=UTC),
        ),
        generator=GeneratorInfo(name="openai", model="gpt-4o-mini", fallback_reason=fallback_reason),
        usage=Usage(prompt_tokens=1200, completion_tokens=300, cost_usd=0.00042),
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
