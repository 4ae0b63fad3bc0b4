"""The persona and the measured signals it rests on (pydantic; serialized as JSON).

Categorical fields use closed vocabularies; "unknown" is a first-class answer for
when the history is too thin to support a claim.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

# The categorical fields' vocabularies live in persona.values (no pydantic); re-exported here.
from persona.values import UNKNOWN as UNKNOWN
from persona.values import Channel as Channel
from persona.values import Formality as Formality
from persona.values import PriceSensitivity as PriceSensitivity
from persona.values import Responsiveness as Responsiveness
from persona.values import Seasonality as Seasonality
from persona.values import Speed as Speed
from persona.values import Trend as Trend

# What CRM data may reach a language model (PERSONA_MODEL_DATA): nothing, the computed signals
# and counts only, message text with personal data redacted, or everything as it is.
ModelData = Literal["none", "signals", "redacted", "full"]
StructuredOutput = Literal["json_schema", "json_object"]

V = TypeVar("V", covariant=True)  # frozen: a Signal["email"] is a Signal[str]


class Frozen(BaseModel):
    """A persona and its parts never change once made: a stored one is parsed once and shared
    by every request that shows it (storage.versions), so a change is a `model_copy(update=...)`."""

    model_config = ConfigDict(frozen=True)


class Signal(Frozen, Generic[V]):
    """One measured fact about the contact, with what supports it."""

    value: V
    confidence: float = Field(ge=0, le=1, description="0 when unknown; grows with data and agreement")
    data_points: int = Field(ge=0, description="independent observations considered")
    evidence: list[str] = Field(default_factory=list, description="ids of supporting records")
    detail: str = Field(default="", description="the evidence in words, for people")


class BestTime(Frozen):
    value: str = UNKNOWN  # e.g. "Tue–Thu, 09:00–12:00" or "unknown"
    days: list[str] = Field(default_factory=list)
    start_hour: int | None = Field(default=None, ge=0, le=23)
    end_hour: int | None = Field(default=None, ge=1, le=24)


class Budget(Frozen):
    value: str = UNKNOWN  # e.g. "typically ~$24,000 per deal"
    currency: str | None = None
    typical_deal: float | None = None
    typical_purchase: float | None = None
    won_total: float | None = None
    purchases_per_year: float | None = None


class Signals(Frozen):
    """Everything measured from a history: the deterministic ground truth of a persona."""

    preferred_channel: Signal[Channel]
    formality: Signal[Formality]
    responsiveness: Signal[Responsiveness]
    decision_speed: Signal[Speed]
    price_sensitivity: Signal[PriceSensitivity]
    seasonality: Signal[Seasonality]
    budget: Signal[str]
    best_time: Signal[str]
    engagement_trend: Signal[Trend]
    # Numbers behind the categories, kept for the card, the prompt and similarity search.
    median_reply_hours: float | None = None
    unanswered_share: float | None = None
    chasers_per_outreach: float | None = None
    median_cycle_days: float | None = None
    mean_discount_percent: float | None = None
    # Channel-aware responsiveness: they answer `answers_on` promptly and leave `ignores` unanswered.
    answers_on: Channel | None = None
    ignores: Channel | None = None
    budget_detail: Budget = Field(default_factory=Budget)
    best_time_detail: BestTime = Field(default_factory=BestTime)


class Communication(Frozen):
    preferred_channel: Channel
    formality: Formality
    best_time: BestTime


class DecisionMaking(Frozen):
    speed: Speed
    price_sensitivity: PriceSensitivity


class Engagement(Frozen):
    responsiveness: Responsiveness
    trend: Trend = UNKNOWN


class Buying(Frozen):
    seasonality: Seasonality
    budget: Budget


class Trait(Frozen):
    statement: str
    evidence: list[str] = Field(default_factory=list)
    confidence: float = Field(ge=0, le=1)


class DataCoverage(Frozen):
    interactions: int = 0
    by_type: dict[str, int] = Field(default_factory=dict)
    deals: int = 0
    purchases: int = 0
    first: datetime | None = None
    last: datetime | None = None
    truncated: bool = False
    note: str | None = None  # e.g. "most recent 2,000 of 7,412 interactions"


class GeneratorInfo(Frozen):
    name: Literal["signals", "openai"]
    model: str | None = None
    fallback_reason: str | None = None  # set when a richer generator failed and we fell back
    # What the language model was shown for this persona: "none" (no model was asked),
    # "signals" (computed signals and counts, no CRM text), "redacted" (CRM text with personal
    # data replaced by [email], [phone], ...) or "full". None: not recorded (older versions).
    model_data: ModelData | None = None
    # How the server was asked for JSON: "json_schema" (structured output) or "json_object"
    # (JSON mode, the schema in the prompt: the server does not support json_schema).
    structured_output: StructuredOutput | None = None
    # Model sentences dropped because they claimed a value the measured signals contradict.
    dropped_sentences: int = 0


class Usage(Frozen):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cost_known: bool = True  # False: the model has no price (set PERSONA_PRICES); 0 is not real


class ContactRef(Frozen):
    id: str
    name: str
    email: str | None = None
    company: str | None = None
    title: str | None = None


class Correction(Frozen):
    """A teammate's value for one categorical field (issue 12), kept until someone clears it.

    `measured_then` / `confidence_then`: what the signals said when it was made, so a later
    disagreement can be told apart from the one the teammate already overruled."""

    field: str
    value: str
    note: str = ""
    by: str | None = None
    at: datetime
    version: int | None = None  # the persona version on screen when it was made
    measured_then: str = UNKNOWN
    confidence_then: float = 0.0
    kept_at: datetime | None = None  # "Keep" pressed on a disagreement: newer data only


class NewEvidence(Frozen):
    """Interactions since a correction that measure another value with high confidence."""

    value: str
    confidence: float
    since: datetime
    interactions: int


class AppliedCorrection(Correction):
    """A correction as shown on one persona: with what the signals measure now."""

    measured: str = UNKNOWN
    measured_confidence: float = 0.0
    new_evidence: NewEvidence | None = None


class FieldValue(Frozen):
    """One categorical field: the value people see (effective) and the one measured."""

    effective: str
    measured: str
    confidence: float
    corrected: bool = False


class Persona(Frozen):
    """A behavioral persona for one contact. Describes behavior only, never demographics."""

    schema_version: int = 1
    contact: ContactRef
    summary: str
    traits: list[Trait] = Field(default_factory=list)
    communication: Communication
    decision_making: DecisionMaking
    engagement: Engagement
    buying: Buying
    recommendations: list[str] = Field(default_factory=list)
    signals: Signals
    data_coverage: DataCoverage
    generator: GeneratorInfo
    usage: Usage = Field(default_factory=Usage)
    # Issue 12: teammates' corrections applied on top of the measured persona (never stored
    # with a version; overlaid when shown), and per categorical field effective vs measured.
    corrections: list[AppliedCorrection] = Field(default_factory=list)
    fields: dict[str, FieldValue] = Field(default_factory=dict)
    generated_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
