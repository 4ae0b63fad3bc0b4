"""Hand-built personas for card tests (no CRM, no storage)."""

from __future__ import annotations

from datetime import UTC, datetime

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


def _sig(value: str, confidence: float = 0.8, detail: str = "") -> Signal[str]:
    return Signal(value=value, confidence=confidence, data_points=10 if confidence else 0, detail=detail)


def make_persona(
    *,
    name: str = "Ana Souza",
    company: str | None = "Acme Corp",
    summary: str = "Responsive and formal; decides quickly.",
    traits: list[Trait] | None = None,
    recommendations: list[str] | None = None,
    fallback_reason: str | None = None,
    unknown: bool = False,
) -> Persona:
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
