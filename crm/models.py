"""Typed CRM records: every adapter parses its source into these once, at the edge."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, field_validator


def _assume_utc(value: object) -> object:
    """A naive timestamp in an export is read as UTC rather than rejected."""
    if isinstance(value, str) and len(value) >= 10 and not _has_offset(value):
        return value + ("T00:00:00+00:00" if len(value) == 10 else "+00:00")
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _has_offset(text: str) -> bool:
    tail = text[10:]  # past the date part
    return tail.endswith(("Z", "z")) or "+" in tail or "-" in tail


def _utc_representable(value: datetime) -> datetime:
    """Year 1 or 9999 with an offset is valid ISO 8601 but has no UTC instant Python can hold
    (fingerprints, sorting and signals convert to UTC): such a record is bad data, not a crash."""
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError("timestamp is out of range once converted to UTC") from None
    return value


Timestamp = Annotated[AwareDatetime, BeforeValidator(_assume_utc), AfterValidator(_utc_representable)]


class InteractionType(StrEnum):
    email = "email"
    call = "call"
    meeting = "meeting"
    note = "note"
    chat = "chat"


class Direction(StrEnum):
    inbound = "inbound"  # the contact reached us / wrote / called in
    outbound = "outbound"  # we reached out to the contact


class DealStatus(StrEnum):
    open = "open"
    won = "won"
    lost = "lost"


class _Record(BaseModel):
    # allow_inf_nan=False: Infinity, 1e999 and NaN amounts are rejected as "a finite number".
    model_config = ConfigDict(
        extra="ignore", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True, allow_inf_nan=False
    )


class Contact(_Record):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    email: str | None = None
    company: str | None = None
    title: str | None = None
    phone: str | None = None

    @property
    def label(self) -> str:
        """Name with company, how a person tells two contacts apart."""
        return f"{self.name} ({self.company})" if self.company else self.name


class Interaction(_Record):
    id: str = Field(min_length=1)
    type: InteractionType
    direction: Direction
    timestamp: Timestamp
    subject: str | None = None
    body: str | None = None
    duration_seconds: int | None = Field(default=None, ge=0)
    outcome: str | None = None
    thread_id: str | None = None


class Deal(_Record):
    id: str = Field(min_length=1)
    name: str
    amount: float | None = Field(default=None, ge=0)
    currency: str = "USD"
    stage: str | None = None
    status: DealStatus
    created_at: Timestamp
    closed_at: Timestamp | None = None
    discount_percent: float | None = Field(default=None, ge=0, le=100)


class Purchase(_Record):
    id: str = Field(min_length=1)
    timestamp: Timestamp
    amount: float = Field(ge=0)
    currency: str = "USD"
    product: str
    quantity: int = Field(default=1, ge=0)


class History(BaseModel):
    """Everything the CRM knows about one contact, as loaded by an adapter.

    `truncated` is set when the adapter stopped at its cap (most recent first), so the
    persona can say it saw only part of a very long history.
    """

    model_config = ConfigDict(frozen=True)

    contact: Contact
    interactions: list[Interaction] = Field(default_factory=list)
    deals: list[Deal] = Field(default_factory=list)
    purchases: list[Purchase] = Field(default_factory=list)
    truncated: bool = False
    total_interactions: int | None = None  # the CRM's full count when truncated

    @field_validator("interactions")
    @classmethod
    def _once_each(cls, interactions: list[Interaction]) -> list[Interaction]:
        """An interaction listed twice (an export with repeats, pages that overlap) counts once
        in the coverage and the signals: the first one is kept."""
        first: dict[str, Interaction] = {}
        for interaction in interactions:
            first.setdefault(interaction.id, interaction)
        return list(first.values()) if len(first) != len(interactions) else interactions
