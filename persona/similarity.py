"""Behavior vectors: how alike two personas behave, as one number and in words (numpy only).

Each field of a persona (7 categories, 6 numbers) becomes one block of the vector, and every
known block has the same length (1 / sqrt(number of fields)), so each field counts equally:

- a category is one-hot over its vocabulary ("unknown" is all zeros: not knowing two things
  never makes them alike);
- a number x is first scaled to 0..1, then placed on a quarter circle, (cos x·π/2, sin x·π/2):
  two equal numbers give 1, opposite ends give 0, and the block keeps its length whatever x is.

A fully known persona has a unit vector, so the dot product of two vectors is their cosine
times sqrt(coverage_a × coverage_b): a persona known on one field cannot top a list by
agreeing on that field alone. The score lies in 0..1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from persona.models import Persona
from persona.vocabulary import BY_KEY

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]

LAYOUT = 1  # bump when the vector layout changes: stored vectors of older layouts are recomputed


@dataclass(frozen=True)
class CategoryField:
    name: str
    vocabulary: tuple[str, ...]
    read: Callable[[Persona], str]
    phrases: dict[str, str]  # value -> what two contacts sharing it are, after "both"


@dataclass(frozen=True)
class NumberField:
    name: str
    read: Callable[[Persona], float | None]
    scale: Callable[[float], float]  # raw value -> 0..1
    tolerance: float  # scaled distance under which two values count as "similar"
    phrase: Callable[[float, float], str]  # (a, b) raw values -> words


def _log_scale(top: float) -> Callable[[float], float]:
    def scale(value: float) -> float:
        return math.log1p(max(value, 0.0)) / math.log1p(top)

    return scale


def _budget(persona: Persona) -> float | None:
    detail = persona.signals.budget_detail
    amount = detail.typical_deal or detail.typical_purchase
    return amount if amount and amount > 0 else None


def _money(value: float) -> str:
    if value >= 1_000_000:
        return f"~{value / 1_000_000:.1f}M"
    if value >= 1_000:
        return f"~{value / 1_000:.0f}k"
    return f"~{value:.0f}"


def _hours(value: float) -> str:
    return f"~{value:.0f} h" if value < 48 else f"~{value / 24:.0f} days"


def _share_unanswered(share: float) -> str:
    return "answer almost every outreach" if share < 0.05 else f"leave ~{share:.0%} of outreach unanswered"


def _reminders(per_outreach: float) -> str:
    return "rarely need reminders" if per_outreach < 0.25 else f"need ~{per_outreach:.1f} reminders per outreach"


# The vector's category blocks, in layout order (a new order needs a LAYOUT bump); each
# category's vocabulary, reading and "both …" phrasing come from persona.vocabulary.
_LAYOUT = (
    "preferred_channel",
    "formality",
    "responsiveness",
    "decision_speed",
    "price_sensitivity",
    "seasonality",
    "engagement_trend",
)
CATEGORIES: tuple[CategoryField, ...] = tuple(
    CategoryField(key, BY_KEY[key].vocabulary, BY_KEY[key].read, dict(BY_KEY[key].alike)) for key in _LAYOUT
)

NUMBERS: tuple[NumberField, ...] = (
    NumberField(
        "median_reply_hours",
        lambda p: p.signals.median_reply_hours,
        _log_scale(24 * 14),
        0.08,
        lambda a, b: f"reply in {_hours((a + b) / 2)}",
    ),
    NumberField(
        "unanswered_share",
        lambda p: p.signals.unanswered_share,
        lambda v: v,
        0.1,
        lambda a, b: _share_unanswered((a + b) / 2),
    ),
    NumberField(
        "chasers_per_outreach",
        lambda p: p.signals.chasers_per_outreach,
        lambda v: v / 3,
        0.1,
        lambda a, b: _reminders((a + b) / 2),
    ),
    NumberField(
        "median_cycle_days",
        lambda p: p.signals.median_cycle_days,
        _log_scale(365),
        0.08,
        lambda a, b: f"close deals in ~{(a + b) / 2:.0f} days",
    ),
    NumberField(
        "mean_discount_percent",
        lambda p: p.signals.mean_discount_percent,
        lambda v: v / 30,
        0.1,
        lambda a, b: f"get ~{(a + b) / 2:.0f}% discounts",
    ),
    NumberField(
        "budget",
        _budget,
        lambda v: (math.log10(v) - 2) / 5,
        0.06,  # $100 .. $10M
        lambda a, b: f"spend {_money(math.sqrt(a * b))} per deal",
    ),
)

FIELDS = len(CATEGORIES) + len(NUMBERS)
DIMENSIONS = sum(len(c.vocabulary) for c in CATEGORIES) + 2 * len(NUMBERS)
_BLOCK = 1.0 / math.sqrt(FIELDS)


def _unit(value: float) -> float:
    return min(1.0, max(0.0, value))


def behavior_vector(persona: Persona) -> Vector:
    """The persona's behavior as a float32 vector of DIMENSIONS (norm = sqrt(known share))."""
    vector = np.zeros(DIMENSIONS, dtype=np.float32)
    offset = 0
    for category in CATEGORIES:
        value = category.read(persona)
        if value in category.vocabulary:
            vector[offset + category.vocabulary.index(value)] = _BLOCK
        offset += len(category.vocabulary)
    for number in NUMBERS:
        raw = number.read(persona)
        if raw is not None and math.isfinite(raw):
            angle = _unit(number.scale(raw)) * math.pi / 2
            vector[offset] = _BLOCK * math.cos(angle)
            vector[offset + 1] = _BLOCK * math.sin(angle)
        offset += 2
    return vector


def coverage(vector: Vector) -> float:
    """Share of the fields that are known (0..1)."""
    return float(np.dot(vector, vector))


def cosine(a: Vector, b: Vector) -> float:
    """Plain cosine similarity; 0 when either vector is all zeros."""
    norms = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b)) / norms if norms else 0.0


def behavior_score(a: Vector, b: Vector) -> float:
    """Cosine discounted by coverage, the score the search ranks by (0..1)."""
    return float(np.dot(a, b))


def shared_traits(a: Persona, b: Persona) -> list[str]:
    """What the two contacts have in common, in words: ["quick deciders", "Q4 buyers", ...]."""
    shared: list[str] = []
    for category in CATEGORIES:
        value = category.read(a)
        if value in category.vocabulary and value == category.read(b):
            shared.append(category.phrases[value])
    for number in NUMBERS:
        x, y = number.read(a), number.read(b)
        if x is None or y is None or not (math.isfinite(x) and math.isfinite(y)):
            continue
        if abs(_unit(number.scale(x)) - _unit(number.scale(y))) <= number.tolerance:
            shared.append(number.phrase(x, y))
    return shared


def describe_shared(traits: list[str], limit: int = 5) -> str:
    """ "both quick deciders, price-sensitive, Q4 buyers" (or a plain "little in common")."""
    if not traits:
        return "little in common"
    return "both " + ", ".join(traits[:limit])


def top_k(
    matrix: Matrix, query: Vector, k: int, exclude: npt.NDArray[np.bool_] | None = None
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
    """Exact top-k rows of `matrix` by dot product with `query`, best first.

    `exclude` masks rows that must never be returned (the query contact itself). O(n·d) for
    the scores, O(n) for the selection (argpartition), O(k log k) for the order.
    """
    if matrix.shape[0] == 0 or k <= 0:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float32)
    scores = matrix @ query.astype(np.float32, copy=False)
    if exclude is not None:
        scores = np.where(exclude, -np.inf, scores).astype(np.float32)
        available = int(matrix.shape[0] - np.count_nonzero(exclude))
    else:
        available = matrix.shape[0]
    k = min(k, available)
    if k <= 0:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float32)
    if k < scores.shape[0]:
        candidates = np.argpartition(-scores, k - 1)[:k]
    else:
        candidates = np.arange(scores.shape[0])
    order = candidates[np.lexsort((candidates, -scores[candidates]))]  # ties: lower row first
    return order, scores[order]


def text_for_embedding(persona: Persona) -> str:
    """The words a text embedding sees: the summary and the trait statements, no names."""
    lines = [persona.summary.strip(), *(t.statement.strip() for t in persona.traits)]
    text = "\n".join(line for line in lines if line)
    name = persona.contact.name.strip()
    if not name:
        return text
    text = text.replace(name, "the contact")
    first = re.escape(name.split()[0])
    return re.sub(rf"\b{first}\b", "the contact", text)


def normalized(vector: npt.ArrayLike) -> Vector:
    array = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(array))
    return array / norm if norm else array
