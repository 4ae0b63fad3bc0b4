"""Price sensitivity from discounts granted and from how the contact talks about price."""

from __future__ import annotations

import math
import re
import statistics

from crm.models import DealStatus, Direction, Interaction, InteractionType
from persona.models import PriceSensitivity, Signal
from persona.signals.common import (
    confidence,
    most_recent,
    plural,
    recent_ids,
    unknown,
)
from persona.signals.facts import Facts
from persona.signals.price_markers import HIGH, LOW, MEDIUM, PRICE_WORDS

# Said by or about the contact (calls, meetings and notes are summaries of conversations).
_SUBJECT = r"(price|prices|pricing|cost|costs|budget|money)"
_LOW = re.compile(  # negation required: "price is a concern" is not low sensitivity
    _SUBJECT + r"\s+(is|are|was)?\s*(n't|not|never)\s+(really\s+|a\s+|an\s+|the\s+|our\s+|my\s+|that\s+)*"
    r"(main\s+|big\s+|primary\s+|major\s+|key\s+)?(concern|issue|problem|priority|factor|driver|constraint|important|deciding\s+factor)|"
    + _SUBJECT
    + r"\s+(does\s*n't|does not|do\s*n't|do not)\s+(really\s+)?matter|"
    r"not (about|concerned (about|with)|focused on|worried about|fussed about) (the )?" + _SUBJECT + "|"
    r"(happy|willing|prepared|fine) to pay|pay (a|the) premium|premium is fine|rather pay more|whatever it costs|"
    r"(quality|reliability|value|service|speed|uptime|support)\s+(matters\s+|comes\s+)?(more|over|before|first)"
    r"\s+(than\s+)?(the\s+)?(price|cost)|"
    r"(no need|do\s*n't need|do not need) (for )?(a |any )?discount|not price[- ]sensitive|"
    r"budget (is|was) (approved|not a constraint|flexible|there)|(cost|price) is secondary|not shopping around|"
    r"(happy|fine|comfortable|good) with the (figures|numbers|price|prices|pricing|quote)|as quoted"
)
_MEDIUM = re.compile(  # accepts the price, asks for a modest concession
    r"(pricing|price|prices|numbers|figures|quote) (looks?|seems?|is|are) (fair|reasonable|ok|okay|acceptable)|"
    r"(we can|we could) (work|live) with (these|the|your|those) (numbers|figures|pricing|prices|price|terms)|"
    r"(modest|small|slight|little|minor) (reduction|break|discount|concession)"
)
_HIGH = re.compile(
    r"discount|cheaper|cheapest|too expensive|(is|are|seems|quite|very|rather|bit) expensive|pricey|costly|"
    r"(lower|better|best|reduce|reduced|sharpen|revisit|match|beat)( on)?( the| your| our| their| this| that)?"
    r"( per[- ]seat| per[- ]unit| unit)? (price|pricing|rate|quote|cost|offer)|better (rate|deal|terms)|"
    r"flexib(le|ility) on (the )?(price|pricing|cost|rate|number|numbers|figure|figures|quote)|any room on|"
    r"knock .{0,20} off|price break|every (dollar|euro|pound|penny|cent) counts|"
    r"(above|beyond|more than) what we (set aside|budgeted|planned|expected|can spend)|"
    r"price (match|drop|reduction|increase|point)|(over|out of) (our |the )?budget|"
    r"(tight|limited|fixed|small) budget|budget is tight|more than (we|i) (budgeted|expected|can (spend|justify))|"
    r"can't afford|cannot afford|cost (is )?(a )?concern|(price|cost) is (a |the )?(concern|issue|problem)|"
    r"competitor|(cheaper|lower) (quote|offer|price)|quoted (us )?(less|lower)|negotiat|rebate|"
    r"(?<!not )price[- ]sensitive|money is tight|waive|free of charge|volume pricing|bulk pricing|come down on|"
    r"(too|so) steep|sharpen (your |the )?pencil"
)
_PRICE_WORDS = (
    "pric",
    "cost",
    "budget",
    "discount",
    "cheap",
    "expens",
    "afford",
    "competit",
    "negotiat",
    "rebate",
    "quot",
    "pay",
    "money",
    "waive",
    "charge",
    "premium",
    "rate",
    "knock",
    "steep",
    "offer",
    "pencil",
    *PRICE_WORDS,
)
MAX_CONVERSATIONS = 150  # the most recent ones: how they talk about price now, in bounded time
HIGH_DISCOUNT = 15.0
MEDIUM_DISCOUNT = 5.0
MIN_DISCOUNT_DEALS = 2
MIN_TALK = 2
_LEVELS: list[PriceSensitivity] = ["low", "medium", "high"]


def _conversations(facts: Facts) -> list[Interaction]:
    """Texts that reflect the contact's view: their messages plus call/meeting/note summaries."""
    return most_recent(
        facts.interactions,
        lambda i: (
            bool(i.body or i.subject)
            and (i.direction is Direction.inbound or i.type not in (InteractionType.email, InteractionType.chat))
        ),
        limit=MAX_CONVERSATIONS,
    )


def price_sensitivity(facts: Facts) -> tuple[Signal[PriceSensitivity], float | None]:
    """The signal and the mean discount percent across closed deals that record one.

    An open deal's discount is still being negotiated (often a placeholder 0%): not final, so
    it stays out of the average.
    """
    discounted = [d for d in facts.deals if d.discount_percent is not None and d.status is not DealStatus.open]
    mean_discount = (
        round(statistics.fmean(d.discount_percent for d in discounted), 1)  # type: ignore[misc]
        if discounted
        else None
    )
    low_talk: list[str] = []
    medium_talk: list[str] = []
    high_talk: list[str] = []
    for item in _conversations(facts):
        lower = facts.words(item).lower().replace("’", "'")
        if not any(word in lower for word in _PRICE_WORDS):
            continue  # cheap pre-check: most messages never mention money
        if _LOW.search(lower) or LOW.search(lower):
            low_talk.append(item.id)
        elif _MEDIUM.search(lower) or MEDIUM.search(lower):
            medium_talk.append(item.id)
        elif _HIGH.search(lower) or HIGH.search(lower):
            high_talk.append(item.id)

    readings: list[int] = []  # indexes into _LEVELS
    parts: list[str] = []
    if len(discounted) >= MIN_DISCOUNT_DEALS and mean_discount is not None:
        level = 2 if mean_discount >= HIGH_DISCOUNT else 1 if mean_discount >= MEDIUM_DISCOUNT else 0
        readings.append(level)
        parts.append(f"average discount {mean_discount:g}% over {plural(len(discounted), 'closed deal')}")
    talk_level = _talk_level(len(low_talk), len(medium_talk), len(high_talk))
    if talk_level is not None:
        readings.append(talk_level)
    if high_talk or medium_talk or low_talk:
        parts.append(
            f"{plural(len(high_talk), 'conversation')} pushing on price, "
            f"{len(medium_talk)} accepting it with a small ask, "
            f"{len(low_talk)} saying price is not the concern"
        )
    points = len(discounted) + len(low_talk) + len(medium_talk) + len(high_talk)
    detail = ("; ".join(parts) or "no discounts on closed deals and no talk about price") + facts.set_aside_note()
    if not readings:
        return unknown(detail, points), mean_discount
    value = _LEVELS[math.ceil(statistics.fmean(readings) - 1e-9)]
    agreement = 1.0 if len(set(readings)) == 1 else 0.6
    if value == "low":
        ids = [d.id for d in discounted] + low_talk
    elif value == "medium":
        ids = [d.id for d in discounted] + medium_talk + high_talk
    else:
        ids = [d.id for d in discounted if (d.discount_percent or 0) >= MEDIUM_DISCOUNT] + high_talk
    signal = Signal[PriceSensitivity](
        value=value,
        confidence=confidence(points, agreement, scale=3.0),
        data_points=points,
        evidence=recent_ids(ids),
        detail=detail,
    )
    return signal, mean_discount


def _talk_level(low: int, medium: int, high: int) -> int | None:
    """What the conversations alone say (0 low, 1 medium, 2 high), if they say enough."""
    total = low + medium + high
    if total < MIN_TALK:
        return None
    mean = (medium + 2 * high) / total
    return 2 if mean >= 1.5 else 0 if mean < 0.5 else 1
