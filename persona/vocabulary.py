"""The persona's fields in words: one table every surface reads (issue 15).

Per field: its key (the signal's name), where it lives in a Persona, the label people see, and
per value the short words for cards plus, where a surface needs them, the phrasing of traits,
advice, the offline summary and similarity explanations. The Block Kit card, the terminal card,
the offline prose, the prompt, the change diff, the similarity explanations and the corrections
all take labels, order and value wording from here, so they cannot drift apart again.
The order is the one people read the fields in (card, terminal, change diff, corrections).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, get_args

from persona.values import UNKNOWN, Channel, Formality, PriceSensitivity, Responsiveness, Seasonality, Speed, Trend

if TYPE_CHECKING:  # no pydantic at run time: `persona-bot --help` lists the fields from here
    from persona.models import Persona, Signal, Signals


def _closed(literal: object) -> tuple[str, ...]:
    """A closed vocabulary's values in declaration order; "unknown" is never one to choose."""
    return tuple(v for v in get_args(literal) if v != UNKNOWN)


def _frozen(table: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(table or {}))


@dataclass(frozen=True)
class PersonaField:
    """One field of the persona, in the words of every surface."""

    key: str  # the signal's name (Signals, the persona JSON's `fields`, corrections)
    path: str  # dotted path in the Persona, e.g. "decision_making.speed"
    label: str  # for people: "Decision speed"
    section: str  # the card's group: "Decision making"
    read: Callable[[Persona], str]  # the value people see, off a Persona
    vocabulary: tuple[str, ...] = ()  # closed values ("unknown" excluded); () for free text
    words: Mapping[str, str] = field(default_factory=_frozen)  # value -> short words for cards
    trait: Mapping[str, str] = field(default_factory=_frozen)  # value -> offline trait statement
    advice: Mapping[str, str] = field(default_factory=_frozen)  # value -> offline recommendation
    summary: Mapping[str, str] = field(default_factory=_frozen)  # value -> clause of the summary
    alike: Mapping[str, str] = field(default_factory=_frozen)  # value -> two contacts are "both …"

    @property
    def categorical(self) -> bool:
        return bool(self.vocabulary)

    @property
    def section_attribute(self) -> tuple[str, str]:
        """("decision_making", "speed"): where a corrected value is set on a Persona."""
        section, attribute = self.path.split(".")
        return section, attribute

    def signal(self, signals: Signals) -> Signal[Any]:
        measured: Signal[Any] = getattr(signals, self.key)
        return measured

    def value_words(self, value: str) -> str:
        """Short words for a value: "needs follow-up", "Q4 (Oct–Dec)", "phone"."""
        return self.words.get(value, value.replace("_", " "))


FIELDS: tuple[PersonaField, ...] = (
    PersonaField(
        key="preferred_channel",
        path="communication.preferred_channel",
        label="Preferred channel",
        section="Communication",
        read=lambda p: p.communication.preferred_channel,
        vocabulary=_closed(Channel),
        trait=_frozen(
            {
                "email": "Prefers email: most of their replies and contact come in writing",
                "phone": "Prefers the phone: they pick up and talk rather than write",
                "meeting": "Prefers meetings: they engage most when there is time booked together",
                "chat": "Prefers chat: short, quick messages over email",
            }
        ),
        advice=_frozen(
            {
                "email": "Reach out by email; it is the channel they actually answer.",
                "phone": "Call rather than email for anything that matters; they answer the phone.",
                "meeting": "Propose a short call or meeting instead of long email threads.",
                "chat": "Use chat for quick questions and updates; keep messages short.",
            }
        ),
        summary=_frozen(
            {
                "email": "prefers email",
                "phone": "prefers the phone",
                "meeting": "prefers meetings",
                "chat": "prefers chat",
            }
        ),
        alike=_frozen(
            {"email": "prefer email", "phone": "prefer the phone", "meeting": "prefer meetings", "chat": "prefer chat"}
        ),
    ),
    PersonaField(
        key="formality",
        path="communication.formality",
        label="Formality",
        section="Communication",
        read=lambda p: p.communication.formality,
        vocabulary=_closed(Formality),
        trait=_frozen(
            {
                "formal": "Writes formally: full greetings, complete sentences, proper sign-offs",
                "casual": "Writes casually: short, friendly, first-name messages",
                "mixed": "Switches between formal and casual writing",
            }
        ),
        advice=_frozen(
            {
                "formal": "Keep your tone formal: a proper greeting, complete sentences and a sign-off.",
                "casual": "Match their casual tone: short, friendly and to the point.",
                "mixed": "Mirror the tone of their latest message.",
            }
        ),
        summary=_frozen(
            {"formal": "writes formally", "casual": "writes casually", "mixed": "switches between formal and casual"}
        ),
        alike=_frozen({"formal": "formal writers", "casual": "casual writers", "mixed": "mix formal and casual"}),
    ),
    PersonaField(
        key="best_time",
        path="communication.best_time",
        label="Best time",
        section="Communication",
        read=lambda p: p.communication.best_time.value,
    ),
    PersonaField(
        key="responsiveness",
        path="engagement.responsiveness",
        label="Responsiveness",
        section="Engagement",
        read=lambda p: p.engagement.responsiveness,
        vocabulary=_closed(Responsiveness),
        words=_frozen({"needs_follow_up": "needs follow-up"}),
        trait=_frozen(
            {
                "responsive": "Responsive: usually answers the first message quickly",
                "needs_follow_up": "Needs follow-up: often answers only after reminders, or late",
            }
        ),
        advice=_frozen(
            {
                "responsive": "Expect quick answers: one clear ask per message is enough.",
                "needs_follow_up": (
                    "Plan a polite follow-up after 2–3 business days and make each ask easy to answer."
                ),
            }
        ),
        summary=_frozen({"responsive": "answers quickly", "needs_follow_up": "usually needs a follow-up"}),
        alike=_frozen({"responsive": "responsive", "needs_follow_up": "need follow-ups"}),
    ),
    PersonaField(
        key="engagement_trend",
        path="engagement.trend",
        label="Engagement trend",
        section="Engagement",
        read=lambda p: p.engagement.trend,
        vocabulary=_closed(Trend),
        trait=_frozen({"rising": "Engagement is rising", "declining": "Engagement is declining"}),
        advice=_frozen(
            {
                "declining": (
                    "Engagement is falling: check in with something useful to them before the account goes quiet."
                ),
                "rising": "Engagement is growing: a good moment to propose the next step or an expansion.",
            }
        ),
        summary=_frozen({"rising": "is engaging more lately", "declining": "is engaging less lately"}),
        alike=_frozen({"rising": "increasingly engaged", "steady": "steadily engaged", "declining": "cooling off"}),
    ),
    PersonaField(
        key="decision_speed",
        path="decision_making.speed",
        label="Decision speed",
        section="Decision making",
        read=lambda p: p.decision_making.speed,
        vocabulary=_closed(Speed),
        trait=_frozen(
            {
                "quick": "Decides quickly: deals close within weeks",
                "deliberate": "Decides deliberately: deals take months to close",
            }
        ),
        advice=_frozen(
            {
                "quick": "Come with a ready-to-sign proposal; they move fast once convinced.",
                "deliberate": "Allow for a long cycle: share material early and keep every stakeholder informed.",
            }
        ),
        summary=_frozen({"quick": "decides quickly", "deliberate": "decides deliberately"}),
        alike=_frozen({"quick": "quick deciders", "deliberate": "deliberate deciders"}),
    ),
    PersonaField(
        key="price_sensitivity",
        path="decision_making.price_sensitivity",
        label="Price sensitivity",
        section="Decision making",
        read=lambda p: p.decision_making.price_sensitivity,
        vocabulary=_closed(PriceSensitivity),
        trait=_frozen(
            {
                "high": "Price-sensitive: negotiates on price and expects discounts",
                "medium": "Moderately price-aware: discusses terms but does not lead with price",
                "low": "Not price-driven: cares more about quality and fit than price",
            }
        ),
        advice=_frozen(
            {
                "high": "Lead with value and return on investment, and decide your discount limits before the call.",
                "medium": "Be ready to discuss terms, but do not open with a discount.",
                "low": "Sell on quality, reliability and service rather than on price.",
            }
        ),
        summary=_frozen(
            {"high": "is price-sensitive", "medium": "is moderately price-aware", "low": "is not price-driven"}
        ),
        alike=_frozen({"high": "price-sensitive", "medium": "moderately price-aware", "low": "not price-driven"}),
    ),
    PersonaField(
        key="seasonality",
        path="buying.seasonality",
        label="Seasonality",
        section="Buying",
        read=lambda p: p.buying.seasonality,
        vocabulary=_closed(Seasonality),
        words=_frozen(
            {
                "none": "no seasonal pattern",
                "Q1": "Q1 (Jan–Mar)",
                "Q2": "Q2 (Apr–Jun)",
                "Q3": "Q3 (Jul–Sep)",
                "Q4": "Q4 (Oct–Dec)",
            }
        ),
        trait=_frozen(
            {
                **{q: f"Buys in {q}, year after year" for q in ("Q1", "Q2", "Q3", "Q4")},
                "none": "Buys throughout the year, with no seasonal pattern",
            }
        ),
        advice=_frozen(
            {
                q: f"Time proposals and renewals to land just before {q}, when they buy."
                for q in ("Q1", "Q2", "Q3", "Q4")
            }
        ),
        summary=_frozen({"none": "buys year-round"}),  # "buys in Q4" closes the sentence (signals_gen)
        alike=_frozen(
            {"Q1": "Q1 buyers", "Q2": "Q2 buyers", "Q3": "Q3 buyers", "Q4": "Q4 buyers", "none": "buy year-round"}
        ),
    ),
    PersonaField(
        key="budget",
        path="buying.budget",
        label="Budget",
        section="Buying",
        read=lambda p: p.buying.budget.value,
    ),
)
BY_KEY: Mapping[str, PersonaField] = MappingProxyType({f.key: f for f in FIELDS})
CATEGORICAL: tuple[PersonaField, ...] = tuple(f for f in FIELDS if f.categorical)
_ALL_WORDS: Mapping[str, str] = MappingProxyType({v: w for f in FIELDS for v, w in f.words.items()})


def value_words(value: str) -> str:
    """Short words for any field's value (values are distinct across fields)."""
    return _ALL_WORDS.get(value, value.replace("_", " "))


def sections() -> list[tuple[str, list[PersonaField]]]:
    """The fields grouped by section, in the table's order (the card's groups)."""
    groups: dict[str, list[PersonaField]] = {}
    for f in FIELDS:
        groups.setdefault(f.section, []).append(f)
    return list(groups.items())
