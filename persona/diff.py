"""What changed between two versions of a persona, in words for a Slack thread."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from persona.models import Persona

# (field path, label for people, how to read it off a persona)
_FIELDS: list[tuple[str, str, Callable[[Persona], str]]] = [
    (
        "communication.preferred_channel",
        "Preferred channel",
        lambda p: p.communication.preferred_channel,
    ),
    ("communication.formality", "Formality", lambda p: p.communication.formality),
    ("communication.best_time", "Best time", lambda p: p.communication.best_time.value),
    ("engagement.responsiveness", "Responsiveness", lambda p: p.engagement.responsiveness),
    ("engagement.trend", "Engagement trend", lambda p: p.engagement.trend),
    ("decision_making.speed", "Decision speed", lambda p: p.decision_making.speed),
    (
        "decision_making.price_sensitivity",
        "Price sensitivity",
        lambda p: p.decision_making.price_sensitivity,
    ),
    ("buying.seasonality", "Seasonality", lambda p: p.buying.seasonality),
    ("buying.budget", "Budget", lambda p: p.buying.budget.value),
]


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
        FieldChange(field=path, label=label, old=read(old), new=read(new))
        for path, label, read in _FIELDS
        if read(old) != read(new)
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
    return value.replace("_", " ")
