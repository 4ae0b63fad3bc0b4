"""Facts derived once per history and shared by every signal (sorting, who engaged, who wrote)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crm.models import Deal, History, Interaction, Purchase
from persona.signals.common import chronological, contact_engaged, reference_time, written_by_contact


@dataclass(frozen=True, slots=True)
class Facts:
    history: History
    interactions: list[Interaction]  # oldest first
    engaged: list[Interaction]  # the contact took part (oldest first)
    engaged_flags: list[bool]  # aligned with `interactions`
    written: list[Interaction]  # the contact's own messages (most recent, bounded)
    reference: datetime | None  # "now" for this history

    @property
    def deals(self) -> list[Deal]:
        return self.history.deals

    @property
    def purchases(self) -> list[Purchase]:
        return self.history.purchases

    @classmethod
    def of(cls, history: History) -> Facts:
        interactions = chronological(history.interactions)
        flags = [contact_engaged(i) for i in interactions]
        return cls(
            history=history,
            interactions=interactions,
            engaged=[i for i, flag in zip(interactions, flags, strict=True) if flag],
            engaged_flags=flags,
            written=written_by_contact(interactions),
            reference=reference_time(history),
        )
