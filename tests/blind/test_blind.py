"""Issue 10's blind set on the tuning seeds: precision >= 0.98, recall >= 0.85, no claim on thin contacts.

`pytest -s tests/blind` prints the per-field table and every miss with the signal's detail.
Only the tuning seeds are used here; the held-out seed is run once, at the end, with report.py.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path

import pytest

from crm.json_file import load_export
from tests.blind.generate import FIELDS, VOCABULARY, Case, export, export_cases, generate
from tests.blind.score import Row, precision, ratio, recall, render, score, thin_wrong

TUNING_SEEDS = (1, 2, 3)
PRECISION_TARGET = 0.98
RECALL_TARGET = 0.85
LANGS = ("en", "de", "fr", "es", "pt", "it", "nl")
REQUIRED_FEATURES = {
    "quote:gmail:en",
    "quote:outlook:en",
    "quote:outlook:de",
    "quote:outlook:fr",
    "quote:outlook:es",
    "bounce",
    "html_outbound",
    "recap_after_call",
    "meeting_answers_email",
    "cold_calls_unanswered",
    "open_deal_zero_discount",
    "open_deal_with_discount",
    "closed_deal_discount",
    "chat",
    "note",
    "thin",
    "signature:phone",
    "signature:title",
    "signature:website",
    "signature:disclaimer",
    "signature:mobile",
    "casual_quotes_formal_rep",
    "quotes_offer:low",
    "summary_price_talk",
    "rep_offers_discount",
    "wrapped_header",
    *(f"ooo:{lang}" for lang in LANGS),
    *(f"writes:{lang}:{style}" for lang in LANGS for style in ("formal", "casual")),
}
cases_for = functools.cache(generate)  # one generation per seed for the whole module
REQUIRED_PREFIXES = [
    *(f"quote:gmail:{lang}" for lang in LANGS),
    "quote:apple:",
    "quote:thunderbird:",
    "quote:html_gmail:",
    "quote:html_outlook:",
    "quote:forward:",
]


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    result = score(TUNING_SEEDS, cases_for)
    print(render(result, f"Blind set, tuning seeds {', '.join(map(str, TUNING_SEEDS))}"))
    return result


def test_precision(rows: list[Row]) -> None:
    """Claims must be right: a wrong claim is worse than `unknown`."""
    hits, claims = precision(rows)
    assert ratio((hits, claims)) >= PRECISION_TARGET, f"precision {hits}/{claims} < {PRECISION_TARGET}"


def test_recall(rows: list[Row]) -> None:
    """Plain evidence must be found, in every language and mail client."""
    hits, planted = recall(rows)
    assert ratio((hits, planted)) >= RECALL_TARGET, f"recall {hits}/{planted} < {RECALL_TARGET}"


def test_no_claim_on_thin_contacts(rows: list[Row]) -> None:
    wrong = [(r.cid, r.field, r.got) for r in thin_wrong(rows)]
    assert not wrong, wrong


def test_generator_is_deterministic() -> None:
    seed = TUNING_SEEDS[0]
    assert export(seed) == export_cases(cases_for(seed))  # a fresh run equals the earlier one
    assert export_cases(cases_for(seed)) != export_cases(cases_for(TUNING_SEEDS[1]))


@pytest.mark.parametrize("seed", TUNING_SEEDS)
def test_generator_covers_every_value_and_trap(seed: int) -> None:
    """Each seed plants every value (abstentions included) and every trap the issue lists."""
    cases: list[Case] = cases_for(seed)
    assert 60 <= len(cases) <= 100
    for name in FIELDS:
        planted = Counter(case.truth[name] for case in cases)
        assert set(VOCABULARY[name]) <= set(planted), (name, planted)
        assert planted["unknown"] >= 5, (name, planted)
    features = set().union(*(case.features for case in cases))
    assert REQUIRED_FEATURES <= features, sorted(REQUIRED_FEATURES - features)
    missing = [prefix for prefix in REQUIRED_PREFIXES if not any(x.startswith(prefix) for x in features)]
    assert not missing, missing
    thin = [case for case in cases if case.thin]
    assert len(thin) >= 5 and all(set(case.truth.values()) == {"unknown"} for case in thin)


def test_export_loads_as_a_crm_export(tmp_path: Path) -> None:
    """The JSON export is the README's format: every contact and record loads, nothing skipped."""
    path = tmp_path / "blind.json"
    cases = cases_for(TUNING_SEEDS[0])
    path.write_text(export_cases(cases), encoding="utf-8")
    loaded = load_export(path)
    assert not loaded.problems
    assert len(loaded.histories) == len(cases) == len(json.loads(path.read_text(encoding="utf-8"))["contacts"])
    for case in cases:
        assert loaded.histories[case.history.contact.id] == case.history
