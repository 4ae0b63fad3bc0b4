"""Price sensitivity from discounts granted and from how the contact talks about price."""

from __future__ import annotations

import math
import re
import statistics

from crm.models import Direction, Interaction, InteractionType
from persona.models import PriceSensitivity, Signal
from persona.signals.common import (
    confidence,
    most_recent,
    plural,
    recent_ids,
    text_of,
    unknown,
)
from persona.signals.facts import Facts

# Said by or about the contact (calls, meetings and notes are summaries of conversations).
_LOW = re.compile(
    r"(price|pricing|cost|budget|money)\s+(is|isn'?t|is not|was not|wasn'?t)\s+(not\s+)?"
    r"(really\s+)?(a|an|the|our|my)?\s*(main\s+|big\s+|primary\s+)?(concern|issue|problem|priority|factor|driver)|"
    r"not (about|concerned (about|with)|focused on|worried about) (the )?(price|cost)|"
    r"(happy|willing|prepared) to pay|pay (a|the) premium|premium is fine|"
    r"(quality|reliability|value|service|speed)\s+(matters\s+)?(more|over)\s+(than\s+)?(the\s+)?(price|cost)|"
    r"(no need|don'?t need|do not need) (for )?(a )?discount|not price[- ]sensitive|"
    r"budget (is|was) (approved|not a constraint|flexible)|cost is secondary",

)
_HIGH = re.compile(
    r"discount|cheaper|too expensive|(is|are|seems|quite|very|rather) expensive|"
    r"(lower|better|best|reduce|reduced|sharpen|revisit|match)( on)?( the| your| our)? (price|pricing|rate|quote|cost)|"
    r"price (match|drop|reduction|increase|point)|over (our |the )?budget|(tight|limited|fixed|small) budget|"
    r"budget is tight|can'?t afford|cannot afford|cost (is )?(a )?concern|"
    r"competitor|(cheaper|lower) (quote|offer|price)|quoted (us )?(less|lower)|negotiat|rebate|"
    r"price[- ]sensitive|money is tight|waive|free of charge|volume pricing|come down on",

)
_PRICE_WORDS = (
    "pric", "cost", "budget", "discount", "cheap", "expens", "afford", "competit", "negotiat", "rebate",
    "quot", "pay", "money", "waive", "charge", "premium", "rate",
)
HIGH_DISCOUNT = 15.0
MEDIUM_DISCOUNT = 5.0
MIN_DISCOUNT_DEALS = 2
MIN_TALK = 2
_LEVELS: list[PriceSensitivity] = ["low", "medium", "high"]


def _conversations(facts: Facts) -> list[Interaction]:
    """Texts that reflect the contact's view: their messages plus call/meeting/note summaries."""
    return most_recent(
        facts.interactions,
        lambda i: bool(i.body or i.subject)
        and (i.direction is Direction.inbound or i.type not in (InteractionType.email, InteractionType.chat)),
    )


def price_sensitivity(facts: Facts) -> tuple[Signal[PriceSensitivity], float | None]:
    """The signal and the mean discount percent across deals that record one."""
    discounted = [d for d in facts.deals if d.discount_percent is not None]
    mean_discount = (
        round(statistics.fmean(d.discount_percent for d in discounted), 1)  # type: ignore[misc]
        if discounted
        else None
    )
    low_talk: list[str] = []
    high_talk: list[str] = []
    for item in _conversations(facts):
        text = text_of(item)
        lower = text.lower()
        if not any(word in lower for word in _PRICE_WORDS):
            continue  # cheap pre-check: most messages never mention money
        if _LOW.search(lower):
            low_talk.append(item.id)
        elif _HIGH.search(lower):
            high_talk.append(item.id)

    readings: list[int] = []  # indexes into _LEVELS
    parts: list[str] = []
    if len(discounted) >= MIN_DISCOUNT_DEALS and mean_discount is not None:
        level = 2 if mean_discount >= HIGH_DISCOUNT else 1 if mean_discount >= MEDIUM_DISCOUNT else 0
        readings.append(level)
        parts.append(f"average discount {mean_discount:g}% over {plural(len(discounted), 'deal')}")
    talk_level = _talk_level(len(low_talk), len(high_talk))
    if talk_level is not None:
        readings.append(talk_level)
    if high_talk or low_talk:
        parts.append(
            f"{plural(len(high_talk), 'conversation')} pushing on price, "
            f"{len(low_talk)} saying price is not the concern"
        )
    points = len(discounted) + len(low_talk) + len(high_talk)
    detail = "; ".join(parts) or "no discounts recorded and no talk about price"
    if not readings:
        return unknown(detail, points), mean_discount
    value = _LEVELS[math.ceil(statistics.fmean(readings) - 1e-9)]
    agreement = 1.0 if len(set(readings)) == 1 else 0.6
    if value == "low":
        ids = [d.id for d in discounted] + low_talk
    else:
        ids = [d.id for d in discounted if (d.discount_percent or 0) >= MEDIUM_DISCOUNT] + high_talk
    signal = Signal(
        value=value,
        confidence=confidence(points, agreement, scale=3.0),
        data_points=points,
        evidence=recent_ids(ids),
        detail=detail,
    )
    return signal, mean_discount


def _talk_level(low: int, high: int) -> int | None:
    """What the conversations alone say, if they say enough."""
    if high >= MIN_TALK and high > 2 * low:
        return 2
    if low >= MIN_TALK and high == 0:
        return 0
    if high + low >= MIN_TALK:
        return 1
    return None
