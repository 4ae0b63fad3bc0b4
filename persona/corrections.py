"""Team corrections (issue 12): which fields a teammate may correct, and the persona they see.

A correction never rewrites a stored version. It is overlaid whenever a persona is shown or
compared: the categorical field takes the teammate's value (the measured one stays in
`signals`), offline prose is rewritten from the corrected values, and `fields` says per field
what is shown and what is measured. When interactions newer than a correction measure another
value with high confidence, the correction carries that `new_evidence` so people can decide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from persona.models import UNKNOWN, AppliedCorrection, Correction, FieldValue, NewEvidence, Persona, Signal, Signals
from persona.vocabulary import CATEGORICAL

if TYPE_CHECKING:  # `persona-bot --help` lists the fields without loading the CRM models
    from crm.models import History

HIGH_CONFIDENCE = 0.7  # the card's "●●● high": only then does new data question a teammate
NOTE_LIMIT = 500
TEAMMATE_DETAIL = "set by a teammate"


@dataclass(frozen=True)
class CorrectableField:
    name: str  # as in Signals and in the persona JSON's `fields`
    label: str
    vocabulary: tuple[str, ...]  # the values a teammate may choose ("unknown" is not one)
    section: str  # the persona attribute holding the effective value
    attribute: str

    def effective(self, persona: Persona) -> str:
        return str(getattr(getattr(persona, self.section), self.attribute))

    def measured(self, signals: Signals) -> Signal[Any]:
        signal: Signal[Any] = getattr(signals, self.name)
        return signal


# The correctable fields are the categorical ones of persona.vocabulary, in its order and words.
FIELDS: tuple[CorrectableField, ...] = tuple(
    CorrectableField(f.key, f.label, f.vocabulary, *f.section_attribute) for f in CATEGORICAL
)
BY_NAME: Mapping[str, CorrectableField] = {f.name: f for f in FIELDS}


class CorrectionError(ValueError):
    """A correction people asked for that cannot be taken (the message says why, for people)."""


def field_named(name: str) -> CorrectableField:
    """The field for a name as typed ("preferred_channel", "preferred-channel", "Preferred channel")."""
    wanted = name.strip().lower().replace("-", "_").replace(" ", "_")
    found = BY_NAME.get(wanted) or next((f for f in FIELDS if f.label.lower().replace(" ", "_") == wanted), None)
    if found is None:
        raise CorrectionError(f"{name!r} is not a field you can correct; one of: {', '.join(BY_NAME)}.")
    return found


def checked_value(field: CorrectableField, value: str) -> str:
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    for allowed in field.vocabulary:
        if allowed.lower() == wanted:
            return allowed
    raise CorrectionError(f"{value!r} is not a {field.label.lower()}; one of: {', '.join(field.vocabulary)}.")


def checked_note(note: str | None) -> str:
    text = " ".join((note or "").split())
    if len(text) > NOTE_LIMIT:
        raise CorrectionError(f"The note is {len(text)} characters; keep it under {NOTE_LIMIT}.")
    return text


def effective_signals(signals: Signals, corrections: Iterable[Correction]) -> Signals:
    """The signals with each corrected field set to the teammate's value (for prose only)."""
    update: dict[str, Signal[Any]] = {}
    for correction in corrections:
        if correction.field in BY_NAME:
            measured = BY_NAME[correction.field].measured(signals)
            update[correction.field] = Signal[Any](
                value=correction.value, confidence=1.0, data_points=measured.data_points, detail=TEAMMATE_DETAIL
            )
    return signals.model_copy(update=update)


def apply_corrections(
    persona: Persona, corrections: Sequence[Correction], evidence: Mapping[str, NewEvidence] | None = None
) -> Persona:
    """The persona people see: corrected values, offline prose following them, `fields` filled."""
    evidence = evidence or {}
    known = [c for c in corrections if c.field in BY_NAME and c.value in BY_NAME[c.field].vocabulary]
    by_field = {c.field: c for c in known}
    sections: dict[str, Any] = {}
    fields: dict[str, FieldValue] = {}
    applied: list[AppliedCorrection] = []
    for field in FIELDS:
        measured = field.measured(persona.signals)
        correction = by_field.get(field.name)
        shown = field.effective(persona)
        if correction is not None:
            section = sections.get(field.section, getattr(persona, field.section))
            sections[field.section] = section.model_copy(update={field.attribute: correction.value})
            shown = correction.value
            applied.append(
                AppliedCorrection(
                    **correction.model_dump(),
                    measured=str(measured.value),
                    measured_confidence=measured.confidence,
                    new_evidence=evidence.get(field.name),
                )
            )
        fields[field.name] = FieldValue(
            effective=shown, measured=str(measured.value), confidence=measured.confidence, corrected=bool(correction)
        )
    result = persona.model_copy(update={**sections, "corrections": applied, "fields": fields})
    if known and persona.generator.name == "signals":
        from persona.generators.signals_gen import rewrite_prose  # not needed to list the fields

        result = rewrite_prose(result, effective_signals(persona.signals, known))
    return result


def new_evidence(
    history: History, corrections: Sequence[Correction], measure: Callable[[History], Signals]
) -> dict[str, NewEvidence]:
    """Per corrected field: what the interactions since the correction (or since someone kept
    it) measure, when that is another value with high confidence."""
    found: dict[str, NewEvidence] = {}
    measured: dict[datetime, Signals] = {}  # corrections made at the same moment share a run
    for correction in corrections:
        field = BY_NAME.get(correction.field)
        if field is None:
            continue
        since = max(correction.at, correction.kept_at or correction.at)
        recent = [i for i in history.interactions if i.timestamp > since]
        if not recent:
            continue
        if since not in measured:
            newer = history.model_copy(
                update={
                    "interactions": recent,
                    "deals": [d for d in history.deals if (d.closed_at or d.created_at) > since],
                    "purchases": [p for p in history.purchases if p.timestamp > since],
                    "truncated": False,
                    "total_interactions": len(recent),
                }
            )
            measured[since] = measure(newer)
        signal = field.measured(measured[since])
        value = str(signal.value)
        if value not in (UNKNOWN, correction.value) and signal.confidence >= HIGH_CONFIDENCE:
            found[field.name] = NewEvidence(
                value=value, confidence=signal.confidence, since=correction.at, interactions=len(recent)
            )
    return found


def note_lines(corrections: Sequence[Correction]) -> list[str]:
    """Teammates' corrections in words, for the model's data block (quoted as data)."""
    lines = []
    for correction in corrections:
        field = BY_NAME.get(correction.field)
        if field is None:
            continue
        line = f"teammate correction {correction.at.date().isoformat()}: {field.name} = {correction.value}"
        if correction.note:
            line += f"; note: {correction.note}"
        lines.append(line)
    return lines
