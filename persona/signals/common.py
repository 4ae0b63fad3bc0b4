"""Shared helpers for the signal modules: who said what, and how sure we are."""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Literal

from crm.models import Direction, History, Interaction, InteractionType
from persona.models import Signal

MAX_EVIDENCE = 25  # ids kept per signal: enough to check a claim, bounded for storage
MAX_TEXT_MESSAGES = 150  # text signals read the most recent N messages: bounded time (stripping included)

_NEGATIVE_OUTCOME = re.compile(
    r"no[\s_-]?answer|voice[\s_-]?mail|busy|missed|fail|unanswered|not[\s_-]reached|"
    r"no[\s_-]?show|cancel|declin|wrong[\s_-]?number|left[\s_-](a[\s_-]|live[\s_-])?message|"
    r"resched|did[\s_-]?not[\s_-]?(attend|show|answer)|bounced",
    re.IGNORECASE,
)
_POSITIVE_OUTCOME = re.compile(
    r"connect|answer|complet|spoke|spoken|reached|held|attend|success|done|talked",
    re.IGNORECASE,
)
CONNECTED_CALL_SECONDS = 60


def confidence(data_points: int, agreement: float, scale: float = 4.0) -> float:
    """Grows with the number of observations and with how much they agree (0..1)."""
    if data_points <= 0:
        return 0.0
    agreement = max(0.0, min(1.0, agreement))
    return round(agreement * (1.0 - math.exp(-data_points / scale)), 2)


def unknown(detail: str, data_points: int = 0, evidence: Iterable[str] = ()) -> Signal[Literal["unknown"]]:
    return Signal[Literal["unknown"]](
        value="unknown",
        confidence=0.0,
        data_points=data_points,
        evidence=recent_ids(evidence),
        detail=detail,
    )


def recent_ids(ids: Iterable[str]) -> list[str]:
    """The last MAX_EVIDENCE ids (inputs come oldest first)."""
    items = list(ids)
    return items[-MAX_EVIDENCE:]


@functools.lru_cache(maxsize=1024)
def _outcome_kind(outcome: str) -> int:
    """-1 negative, +1 positive, 0 neither; outcomes repeat, so this is cached."""
    if _NEGATIVE_OUTCOME.search(outcome):
        return -1
    return 1 if _POSITIVE_OUTCOME.search(outcome) else 0


def is_negative_outcome(outcome: str | None) -> bool:
    return outcome is not None and outcome != "" and _outcome_kind(outcome) < 0


def call_connected(call: Interaction) -> bool:
    """Did the contact actually pick up / take part in this call?"""
    if call.direction is Direction.inbound:
        return True  # they called us: they used the phone, whatever happened next
    if call.outcome:
        kind = _outcome_kind(call.outcome)
        if kind:
            return kind > 0
    return (call.duration_seconds or 0) >= CONNECTED_CALL_SECONDS


def meeting_held(meeting: Interaction) -> bool:
    return not is_negative_outcome(meeting.outcome)


_WRITTEN = (InteractionType.email, InteractionType.chat)


def contact_engaged(item: Interaction) -> bool:
    """An interaction in which the contact took part (the contact answered or used a channel)."""
    kind = item.type
    if kind in _WRITTEN:
        return item.direction is Direction.inbound
    if kind is InteractionType.call:
        return call_connected(item)
    if kind is InteractionType.meeting:
        return meeting_held(item)
    return False


def written_by_contact(interactions: Sequence[Interaction]) -> list[Interaction]:
    """The contact's own words: inbound emails and chats with text, most recent last, bounded."""
    return most_recent(
        interactions,
        lambda i: (
            i.direction is Direction.inbound
            and i.type in (InteractionType.email, InteractionType.chat)
            and bool(i.body or i.subject)
        ),
    )


def most_recent(
    interactions: Sequence[Interaction], keep: Callable[[Interaction], bool], limit: int = MAX_TEXT_MESSAGES
) -> list[Interaction]:
    """The last `limit` interactions that pass `keep`, oldest first, scanning from the end."""
    found: list[Interaction] = []
    for item in reversed(interactions):
        if keep(item):
            found.append(item)
            if len(found) == limit:
                break
    found.reverse()
    return found


def text_of(item: Interaction) -> str:
    return item.body or item.subject or ""


def chronological(items: Sequence[Interaction]) -> list[Interaction]:
    """Adapters usually sort, but signals never rely on it."""
    stamps = [i.timestamp for i in items]
    if all(map(operator.le, stamps, itertools.islice(stamps, 1, None))):
        return list(items)
    return sorted(items, key=lambda i: i.timestamp)


def reference_time(history: History) -> datetime | None:
    """'Now' for a history: its latest dated event, so signals never depend on the wall clock."""
    stamps: list[datetime] = [i.timestamp for i in history.interactions]
    stamps += [d.closed_at or d.created_at for d in history.deals]
    stamps += [p.timestamp for p in history.purchases]
    return max(stamps) if stamps else None


def plural(n: int | float, word: str) -> str:
    count = f"{n:,}" if isinstance(n, int) else f"{n:,.1f}"
    return f"{count} {word}{'' if n == 1 else 's'}"
