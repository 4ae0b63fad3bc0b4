"""Personas and histories built by hand from the models, for storage tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from crm.models import Contact, Deal, DealStatus, Direction, History, Interaction, InteractionType
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


def signal(value: Any, confidence: float = 0.8, points: int = 5) -> Signal[Any]:
    return Signal(value=value, confidence=confidence, data_points=points, evidence=["i1"])


def make_signals(channel: str = "email", formality: str = "formal") -> Signals:
    return Signals(
        preferred_channel=signal(channel),
        formality=signal(formality),
        responsiveness=signal("responsive"),
        decision_speed=signal("deliberate"),
        price_sensitivity=signal("medium"),
        seasonality=signal("Q4"),
        budget=signal("typically ~$24,000 per deal"),
        best_time=signal("Tue–Thu, 09:00–12:00"),
        engagement_trend=signal("steady"),
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
        signals=make_signals(channel, formality),
        data_coverage=DataCoverage(interactions=12, deals=2),
        generator=GeneratorInfo(name="openai", model="gpt-4o-mini"),
        usage=Usage(prompt_tokens=tokens[0], completion_tokens=tokens[1], cost_usd=0.0012),
        generated_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
    )


def make_history(contact_id: str = "c-1", interactions: int = 3) -> History:
    return History(
        contact=Contact(id=contact_id, name="Ada Lovelace", email="ada@example.com"),
        interactions=[
            Interaction(
                id=f"i{n}",
                type=InteractionType.email,
                direction=Direction.inbound if n % 2 else Direction.outbound,
                timestamp=datetime(2025, 1, 1 + n, 9, 0, tzinfo=UTC),
                subject=f"Subject {n}",
            )
            for n in range(interactions)
        ],
        deals=[
            Deal(
                id="d1",
                name="Renewal",
                amount=24000,
                status=DealStatus.won,
                created_at=datetime(2024, 10, 1, tzinfo=UTC),
            )
        ],
    )
