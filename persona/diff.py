"""What changed between two versions of a persona, in words for a Slack thread."""

from __future__ import annotations

from pydantic import BaseModel

from persona.models import Persona
from persona.vocabulary import FIELDS, value_words


class FieldChange(BaseModel):
    field: str  # dotted path in the persona, e.g. "communication.preferred_channel"
    label: str
    old: str
    new: str


class PersonaDiff(BaseModel):
    changes: list[FieldChange]
    traits_added: list[str]
    traits_dropped: list[str]

    @property
    def is_empty(self) -> bool:
        return not (self.changes or self.traits_added or self.traits_dropped)

    def lines(self) -> list[str]:
        """One line per change, e.g. "Preferred channel: email → phone", "+ trait: ..."."""
        return [
            *(f"{c.label}: {_readable(c.old)} → {_readable(c.new)}" for c in self.changes),
            *(f"+ trait: {statement}" for statement in self.traits_added),
            *(f"− trait: {statement}" for statement in self.traits_dropped),
        ]


def diff_personas(old: Persona, new: Persona) -> PersonaDiff:
    changes = [
        FieldChange(field=f.path, label=f.label, old=f.read(old), new=f.read(new))
        for f in FIELDS
        if f.read(old) != f.read(new)
    ]
    old_traits = {_normal(t.statement): t.statement for t in old.traits}
    new_traits = {_normal(t.statement): t.statement for t in new.traits}
    return PersonaDiff(
        changes=changes,
        traits_added=[s for k, s in new_traits.items() if k not in old_traits],
        traits_dropped=[s for k, s in old_traits.items() if k not in new_traits],
    )


def _normal(statement: str) -> str:
    """Traits match by statement, ignoring case and spacing a model may vary."""
    return " ".join(statement.split()).casefold()


def _readable(value: str) -> str:
    return value_words(value)
