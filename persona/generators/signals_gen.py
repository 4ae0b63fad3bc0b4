"""The offline generator: the whole persona, prose included, from measured signals alone.

Deterministic: the same history always gives the same persona (but for `generated_at`).
Every sentence is backed by a signal; unknown signals are said to be unknown.
"""

from __future__ import annotations

from collections.abc import Sequence

from crm.models import History
from persona.coverage import data_coverage
from persona.models import (
    Buying,
    Communication,
    ContactRef,
    DecisionMaking,
    Engagement,
    GeneratorInfo,
    Persona,
    Signal,
    Signals,
    Trait,
)
from persona.signals import compute_signals
from persona.vocabulary import BY_KEY

# The order the offline prose says things in (labels and words live in persona.vocabulary).
_PROSE_ORDER = (
    "preferred_channel",
    "formality",
    "responsiveness",
    "decision_speed",
    "price_sensitivity",
    "seasonality",
    "engagement_trend",
)


def _trait(statement: str, signal: Signal[str]) -> Trait:
    return Trait(statement=f"{statement} ({signal.detail})", evidence=signal.evidence, confidence=signal.confidence)


def signal_traits(signals: Signals) -> list[Trait]:
    traits: list[Trait] = []
    for key in _PROSE_ORDER:
        field, signal = BY_KEY[key], getattr(signals, key)
        if signal.value in field.trait:
            traits.append(_trait(field.trait[signal.value], signal))
    return traits


def signal_recommendations(signals: Signals) -> list[str]:
    advice: list[str] = []
    for key in _PROSE_ORDER:
        field, value = BY_KEY[key], getattr(signals, key).value
        if key != "seasonality" and value in field.advice:  # when to buy goes after the best time
            advice.append(field.advice[value])
    avoid = _channel_warning(signals)
    if avoid:
        advice.insert(0, avoid)
    if signals.best_time.value != "unknown":
        advice.append(f"Best time to reach them: {signals.best_time.value}.")
    season = signals.seasonality.value
    if season in BY_KEY["seasonality"].advice:
        advice.append(BY_KEY["seasonality"].advice[season])
    # An unknown trend is not news (it needs a long history); the other unknowns are worth noting.
    missing = [
        BY_KEY[key].label.lower()
        for key in _PROSE_ORDER
        if key != "engagement_trend" and getattr(signals, key).value == "unknown"
    ]
    if missing:
        advice.append(f"Not enough history yet to judge {_join(missing)}: note what you learn in the CRM.")
    return advice


_CHANNEL_WORD = {"email": "email", "chat": "chat", "phone": "call", "meeting": "meet"}


def _channel_warning(signals: Signals) -> str | None:
    """ "Email, don't call": they answer one channel promptly and leave the other unanswered."""
    answers, ignores = signals.answers_on, signals.ignores
    if signals.responsiveness.value != "responsive" or not answers or not ignores:
        return None
    do, dont = _CHANNEL_WORD[answers], _CHANNEL_WORD[ignores]
    evidence = signals.responsiveness.detail.split("; answered ")[0]
    return f"{do.capitalize()}, don't {dont}: they {evidence}."


def signal_summary(history: History, signals: Signals) -> str:
    contact = history.contact
    counts = (len(history.interactions), len(history.deals), len(history.purchases))
    return _summary(contact.name, contact.title, contact.company, counts, signals)


def _summary(name: str, title: str | None, company: str | None, counts: tuple[int, int, int], signals: Signals) -> str:
    role = ", ".join(part for part in (title, company) if part)
    opening = f"{name}" + (f" ({role})" if role else "")
    values = [(BY_KEY[key], getattr(signals, key).value) for key in _PROSE_ORDER]
    known = [field.summary[value] for field, value in values if value in field.summary]
    if signals.seasonality.value.startswith("Q"):
        known.append(f"buys in {signals.seasonality.value}")
    if not known:
        n, deals, purchases = counts
        return (
            f"{opening}: too little history to describe their behavior yet "
            f"({n} interaction{'s' if n != 1 else ''}, {deals} deals, "
            f"{purchases} purchases). Every field below is unknown rather than guessed."
        )
    sentence = f"{opening} {_join(known)}."
    budget = signals.budget_detail.value
    if budget != "unknown":
        sentence += f" Budget: {budget}."
    return sentence


def rewrite_prose(persona: Persona, signals: Signals) -> Persona:
    """The offline prose again, from other (e.g. teammate-corrected) signals: same contact,
    same coverage, so corrected fields read the same in the summary, traits and advice."""
    contact, coverage = persona.contact, persona.data_coverage
    counts = (coverage.interactions, coverage.deals, coverage.purchases)
    return persona.model_copy(
        update={
            "summary": _summary(contact.name, contact.title, contact.company, counts, signals),
            "traits": signal_traits(signals),
            "recommendations": signal_recommendations(signals),
        }
    )


def build_persona(history: History, signals: Signals, fallback_reason: str | None = None) -> Persona:
    contact = history.contact
    return Persona(
        contact=ContactRef(
            id=contact.id, name=contact.name, email=contact.email, company=contact.company, title=contact.title
        ),
        summary=signal_summary(history, signals),
        traits=signal_traits(signals),
        communication=Communication(
            preferred_channel=signals.preferred_channel.value,
            formality=signals.formality.value,
            best_time=signals.best_time_detail,
        ),
        decision_making=DecisionMaking(
            speed=signals.decision_speed.value, price_sensitivity=signals.price_sensitivity.value
        ),
        engagement=Engagement(responsiveness=signals.responsiveness.value, trend=signals.engagement_trend.value),
        buying=Buying(seasonality=signals.seasonality.value, budget=signals.budget_detail),
        recommendations=signal_recommendations(signals),
        signals=signals,
        data_coverage=data_coverage(history),
        generator=GeneratorInfo(name="signals", model=None, fallback_reason=fallback_reason, model_data="none"),
    )


class SignalsGenerator:
    """Offline, free and deterministic: the default when no language model is configured."""

    name = "signals"
    model: str | None = None

    async def generate(self, history: History, signals: Signals | None = None, *, notes: Sequence[str] = ()) -> Persona:
        """`notes` are not needed: corrections are overlaid when shown (persona.corrections)."""
        return build_persona(history, signals or compute_signals(history))

    async def warm_up(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
