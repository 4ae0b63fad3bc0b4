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

_CHANNEL_TRAIT = {
    "email": "Prefers email: most of their replies and contact come in writing",
    "phone": "Prefers the phone: they pick up and talk rather than write",
    "meeting": "Prefers meetings: they engage most when there is time booked together",
    "chat": "Prefers chat: short, quick messages over email",
}
_CHANNEL_ADVICE = {
    "email": "Reach out by email; it is the channel they actually answer.",
    "phone": "Call rather than email for anything that matters; they answer the phone.",
    "meeting": "Propose a short call or meeting instead of long email threads.",
    "chat": "Use chat for quick questions and updates; keep messages short.",
}
_FORMALITY_TRAIT = {
    "formal": "Writes formally: full greetings, complete sentences, proper sign-offs",
    "casual": "Writes casually: short, friendly, first-name messages",
    "mixed": "Switches between formal and casual writing",
}
_FORMALITY_ADVICE = {
    "formal": "Keep your tone formal: a proper greeting, complete sentences and a sign-off.",
    "casual": "Match their casual tone: short, friendly and to the point.",
    "mixed": "Mirror the tone of their latest message.",
}
_RESPONSIVENESS_TRAIT = {
    "responsive": "Responsive: usually answers the first message quickly",
    "needs_follow_up": "Needs follow-up: often answers only after reminders, or late",
}
_RESPONSIVENESS_ADVICE = {
    "responsive": "Expect quick answers: one clear ask per message is enough.",
    "needs_follow_up": "Plan a polite follow-up after 2–3 business days and make each ask easy to answer.",
}
_SPEED_TRAIT = {
    "quick": "Decides quickly: deals close within weeks",
    "deliberate": "Decides deliberately: deals take months to close",
}
_SPEED_ADVICE = {
    "quick": "Come with a ready-to-sign proposal; they move fast once convinced.",
    "deliberate": "Allow for a long cycle: share material early and keep every stakeholder informed.",
}
_PRICE_TRAIT = {
    "high": "Price-sensitive: negotiates on price and expects discounts",
    "medium": "Moderately price-aware: discusses terms but does not lead with price",
    "low": "Not price-driven: cares more about quality and fit than price",
}
_PRICE_ADVICE = {
    "high": "Lead with value and return on investment, and decide your discount limits before the call.",
    "medium": "Be ready to discuss terms, but do not open with a discount.",
    "low": "Sell on quality, reliability and service rather than on price.",
}
_TREND_ADVICE = {
    "declining": "Engagement is falling: check in with something useful to them before the account goes quiet.",
    "rising": "Engagement is growing: a good moment to propose the next step or an expansion.",
}
_SUMMARY = {
    ("preferred_channel", "email"): "prefers email",
    ("preferred_channel", "phone"): "prefers the phone",
    ("preferred_channel", "meeting"): "prefers meetings",
    ("preferred_channel", "chat"): "prefers chat",
    ("formality", "formal"): "writes formally",
    ("formality", "casual"): "writes casually",
    ("formality", "mixed"): "switches between formal and casual",
    ("responsiveness", "responsive"): "answers quickly",
    ("responsiveness", "needs_follow_up"): "usually needs a follow-up",
    ("decision_speed", "quick"): "decides quickly",
    ("decision_speed", "deliberate"): "decides deliberately",
    ("price_sensitivity", "high"): "is price-sensitive",
    ("price_sensitivity", "medium"): "is moderately price-aware",
    ("price_sensitivity", "low"): "is not price-driven",
    ("seasonality", "none"): "buys year-round",
    ("engagement_trend", "rising"): "is engaging more lately",
    ("engagement_trend", "declining"): "is engaging less lately",
}
_SIGNAL_NAMES = (
    "preferred_channel",
    "formality",
    "responsiveness",
    "decision_speed",
    "price_sensitivity",
    "seasonality",
    "engagement_trend",
)
_LABELS = {
    "preferred_channel": "preferred channel",
    "formality": "tone",
    "responsiveness": "responsiveness",
    "decision_speed": "decision speed",
    "price_sensitivity": "price sensitivity",
    "seasonality": "buying season",
}


def _trait(statement: str, signal: Signal[str]) -> Trait:
    return Trait(statement=f"{statement} ({signal.detail})", evidence=signal.evidence, confidence=signal.confidence)


def signal_traits(signals: Signals) -> list[Trait]:
    traits: list[Trait] = []
    table: list[tuple[Signal[str], dict[str, str]]] = [
        (signals.preferred_channel, _CHANNEL_TRAIT),
        (signals.formality, _FORMALITY_TRAIT),
        (signals.responsiveness, _RESPONSIVENESS_TRAIT),
        (signals.decision_speed, _SPEED_TRAIT),
        (signals.price_sensitivity, _PRICE_TRAIT),
    ]
    for signal, statements in table:
        if signal.value in statements:
            traits.append(_trait(statements[signal.value], signal))
    season = signals.seasonality
    if season.value not in ("unknown", "none"):
        traits.append(_trait(f"Buys in {season.value}, year after year", season))
    elif season.value == "none":
        traits.append(_trait("Buys throughout the year, with no seasonal pattern", season))
    if signals.engagement_trend.value in ("rising", "declining"):
        traits.append(_trait(f"Engagement is {signals.engagement_trend.value}", signals.engagement_trend))
    return traits


def signal_recommendations(signals: Signals) -> list[str]:
    advice: list[str] = []
    advice_tables: list[tuple[Signal[str], dict[str, str]]] = [
        (signals.preferred_channel, _CHANNEL_ADVICE),
        (signals.formality, _FORMALITY_ADVICE),
        (signals.responsiveness, _RESPONSIVENESS_ADVICE),
        (signals.decision_speed, _SPEED_ADVICE),
        (signals.price_sensitivity, _PRICE_ADVICE),
        (signals.engagement_trend, _TREND_ADVICE),
    ]
    for signal, table in advice_tables:
        if signal.value in table:
            advice.append(table[signal.value])
    avoid = _channel_warning(signals)
    if avoid:
        advice.insert(0, avoid)
    if signals.best_time.value != "unknown":
        advice.append(f"Best time to reach them: {signals.best_time.value}.")
    season = signals.seasonality.value
    if season.startswith("Q"):
        advice.append(f"Time proposals and renewals to land just before {season}, when they buy.")
    missing = [label for name, label in _LABELS.items() if getattr(signals, name).value == "unknown"]
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
    values = [(name, getattr(signals, name).value) for name in _SIGNAL_NAMES]
    known = [_SUMMARY[pair] for pair in values if pair in _SUMMARY]
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
