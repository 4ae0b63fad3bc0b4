"""Scores `compute_signals` on the blind set: precision, recall and wrong claims on thin contacts.

Precision = claims (non-`unknown` values) equal to the planted value / all claims.
Recall = planted non-`unknown` fields that come back equal / all planted non-`unknown` fields.
A thin contact (every field planted `unknown`) must make no claim at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from persona.models import Signals
from persona.signals import compute_signals
from tests.blind.generate import FIELDS, Case, generate

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Row:
    seed: int
    cid: str
    field: str
    planted: str
    got: str
    detail: str
    thin: bool
    lang: str
    features: frozenset[str]

    @property
    def claim(self) -> bool:
        return self.got != UNKNOWN

    @property
    def hit(self) -> bool:
        return self.got == self.planted


def score(seeds: Iterable[int], cases_for: Callable[[int], list[Case]] = generate) -> list[Row]:
    rows: list[Row] = []
    for seed in seeds:
        for case in cases_for(seed):
            signals: Signals = compute_signals(case.history)
            for name in FIELDS:
                signal = getattr(signals, name)
                rows.append(
                    Row(
                        seed=seed,
                        cid=case.history.contact.id,
                        field=name,
                        planted=case.truth[name],
                        got=str(signal.value),
                        detail=signal.detail,
                        thin=case.thin,
                        lang=case.lang,
                        features=case.features,
                    )
                )
    return rows


def precision(rows: Iterable[Row]) -> tuple[int, int]:
    claims = [r for r in rows if r.claim]
    return sum(r.hit for r in claims), len(claims)


def recall(rows: Iterable[Row]) -> tuple[int, int]:
    planted = [r for r in rows if r.planted != UNKNOWN]
    return sum(r.hit for r in planted), len(planted)


def thin_wrong(rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if r.thin and r.claim and not r.hit]


def ratio(pair: tuple[int, int]) -> float:
    hits, total = pair
    return hits / total if total else 1.0


def cause(row: Row) -> str:
    """A short guess at why a field missed, from the traps planted on that contact."""
    f, p, g, feats = row.field, row.planted, row.got, row.features
    if row.thin:
        return "claim on a thin contact"
    if f == "formality":
        if not row.claim:
            return f"abstained on a {p} writer ({'English' if row.lang == 'en' else 'non-English'})"
        if p == "casual" and g in ("formal", "mixed"):
            return "casual writer read as formal (quoted rep text, disclaimer, auto-replies)"
        if p == "unknown":
            return "claim from <= 2 own messages (auto-replies, quotes, signatures read)"
        return f"{p} writer read as {g}"
    if f == "price_sensitivity":
        if not row.claim:
            return "abstained on price"
        if p in ("high", "medium") and g in ("medium", "low") and "open_deal_zero_discount" in feats:
            return "open deals' 0% discount averaged in"
        if p in ("low", "unknown") and "open_deal_with_discount" in feats:
            return "open deal's draft discount counted"
        if p in ("low", "unknown") and any(x.startswith("quotes_offer") for x in feats):
            return "quoted discount offer read as the contact's price talk"
        return f"price {p} read as {g}"
    if f == "responsiveness":
        if p == "needs_follow_up" and g == "responsive":
            return "auto-replies/bounces counted as answers" if _any(feats, "ooo:", "bounce") else "slow read as fast"
        if p == "responsive":
            traps = [
                name
                for name, tag in (
                    ("unanswered cold calls", "cold_calls_unanswered"),
                    ("meetings as answers", "meeting_answers_email"),
                    ("post-call recaps", "recap_after_call"),
                    ("auto-replies/bounces", "ooo:"),
                )
                if _any(feats, tag)
            ]
            verb = "abstained" if not row.claim else f"read as {g}"
            return f"responsive {verb} ({', '.join(traps) or 'no trap'})"
        return f"responsiveness {p} read as {g}"
    if f == "preferred_channel":
        if row.claim and g == "email" and _any(feats, "ooo:", "bounce"):
            return f"{p} read as email (auto-replies/bounces counted as engagements)"
        return f"channel {p} read as {g}"
    if f == "decision_speed":
        if p == "unknown" and _any(feats, "open_deal"):
            return "open deals counted"
        return f"speed {p} read as {g}"
    return f"{f} {p} read as {g}"


def _any(features: frozenset[str], *prefixes: str) -> bool:
    return any(x.startswith(prefixes) for x in features)


def render(rows: list[Row], title: str) -> str:
    lines = [f"\n{title}: {len({(r.seed, r.cid) for r in rows})} contacts, {len(rows)} fields"]
    lines.append(f"{'field':<18} {'precision':>16} {'recall':>16} {'abstention':>16}")
    for name in (*FIELDS, "all"):
        mine = [r for r in rows if name in ("all", r.field)]
        unknown = [r for r in mine if r.planted == UNKNOWN]
        lines.append(
            f"{name:<18} {_fraction(precision(mine)):>16} {_fraction(recall(mine)):>16} "
            f"{_fraction((sum(r.hit for r in unknown), len(unknown))):>16}"
        )
    wrong_thin = thin_wrong(rows)
    lines.append(f"wrong claims on thin contacts: {len(wrong_thin)}")
    misses = [r for r in rows if not r.hit]
    lines.append(f"\nMisses by cause ({len(misses)}):")
    for (name, why), count in Counter((r.field, cause(r)) for r in misses).most_common():
        lines.append(f"  {count:>4}  {name:<18} {why}")
    lines.append(f"\nEvery miss ({len(misses)}):")
    for r in misses:
        lines.append(f"  {r.cid:<10} {r.lang} {r.field:<18} planted {r.planted:<16} got {r.got:<16} | {r.detail}")
    return "\n".join(lines)


def _fraction(pair: tuple[int, int]) -> str:
    hits, total = pair
    return f"{hits}/{total} {hits / total:.3f}" if total else "-"
