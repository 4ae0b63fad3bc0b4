"""Behavior vectors and exact top-k: pure numpy, no database."""

from __future__ import annotations

import numpy as np

from persona.generators.signals_gen import build_persona
from persona.models import Persona
from persona.signals import compute_signals
from persona.similarity import (
    DIMENSIONS,
    behavior_score,
    behavior_vector,
    cosine,
    coverage,
    describe_shared,
    shared_traits,
    top_k,
)
from tests.builders import history
from tests.similar.planted import planted


def _personas() -> tuple[list[Persona], list[Persona]]:
    fast, slow = planted()
    return ([build_persona(h, compute_signals(h)) for h in fast], [build_persona(h, compute_signals(h)) for h in slow])


def test_same_planted_behavior_scores_above_the_opposite() -> None:
    fast, slow = _personas()
    query = behavior_vector(fast[0])
    alike = [behavior_score(query, behavior_vector(p)) for p in fast[1:]]
    opposite = [behavior_score(query, behavior_vector(p)) for p in slow]
    assert min(alike) > 0.9 > 0.6 > max(opposite)
    assert abs(behavior_score(query, query) - coverage(query)) < 1e-5  # 1.0 only when every field is known
    assert coverage(query) > 0.8


def test_unknown_fields_never_create_similarity() -> None:
    empty = build_persona(history([], name="Nobody Known"), compute_signals(history([], name="Nobody Known")))
    vector = behavior_vector(empty)
    assert vector.shape == (DIMENSIONS,) and not vector.any()
    assert coverage(vector) == 0.0 and behavior_score(vector, vector) == 0.0 and cosine(vector, vector) == 0.0
    assert shared_traits(empty, empty) == []
    assert describe_shared([]) == "little in common"


def test_score_is_cosine_discounted_by_coverage() -> None:
    fast, _ = _personas()
    full = fast[0]
    thin = full.model_copy(
        update={
            "communication": full.communication.model_copy(update={"formality": "unknown"}),
            "decision_making": full.decision_making.model_copy(update={"speed": "unknown"}),
        }
    )
    a, b = behavior_vector(full), behavior_vector(thin)
    assert coverage(b) < coverage(a)
    assert abs(behavior_score(a, b) - cosine(a, b) * np.sqrt(coverage(a) * coverage(b))) < 1e-5
    assert behavior_score(a, b) < cosine(a, b)  # agreeing on fewer fields counts for less


def test_shared_traits_in_words() -> None:
    fast, slow = _personas()
    shared = shared_traits(fast[0], fast[1])
    assert {"quick deciders", "price-sensitive", "Q4 buyers", "responsive", "prefer email"} <= set(shared)
    assert describe_shared(shared).startswith("both prefer email, formal writers, responsive, quick deciders")
    across = shared_traits(fast[0], slow[0])
    assert "quick deciders" not in across and "deliberate deciders" not in across
    assert "prefer email" in across  # the one thing they really share


def test_top_k_is_exact_and_never_returns_excluded_rows() -> None:
    rng = np.random.default_rng(7)
    matrix = rng.standard_normal((5_000, DIMENSIONS)).astype(np.float32)
    query = matrix[42]
    exclude = np.zeros(len(matrix), dtype=bool)
    exclude[42] = True
    rows, scores = top_k(matrix, query, 10, exclude)
    brute = np.argsort(-(matrix @ query))
    expected = [r for r in brute if r != 42][:10]
    assert list(rows) == expected and 42 not in rows
    assert np.all(np.diff(scores) <= 0)
    rows_all, _ = top_k(matrix[:3], query, 10, exclude[:3])
    assert sorted(rows_all) == [0, 1, 2]
    only_self, _ = top_k(matrix[42:43], query, 5, np.array([True]))
    assert only_self.size == 0
