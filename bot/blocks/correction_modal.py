"""The "Correct…" modal: each correctable field as a select (the value people see now
preselected, the measured value as a hint), and one note for the change."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.blocks.corrections import words
from bot.mrkdwn import bold, clip, escape, one_line
from persona.corrections import FIELDS, NOTE_LIMIT
from persona.models import UNKNOWN, Persona

CALLBACK_ID = "correct_persona"
SELECT = "value"
NOTE_BLOCK = "note"
NOTE_INPUT = "note"
MEASURED = "__measured__"  # "use the measured value again": clears a correction


def _option(value: str, text: str) -> Option:
    return Option(value=value, text=PlainTextObject(text=text[:75], emoji=True))


def correction_modal(persona: Persona, private_metadata: str) -> dict[str, Any]:
    """The view for views.open (a dict, validated by slack_sdk's models)."""
    fixes = {f.field: f for f in persona.corrections}
    blocks: list[Any] = [
        SectionBlock(
            text=MarkdownTextObject(
                text=clip(
                    f"What does the team know better about {bold(escape(one_line(persona.contact.name)))}? "
                    "A correction stays through regenerations until someone clears it; "
                    "the measured value stays visible beside it.",
                    3000,
                )
            )
        )
    ]
    for field in FIELDS:
        signal = field.measured(persona.signals)
        measured = str(signal.value)
        hint = f"Measured: {words(measured).lower()}, {signal.confidence:.0%}" if measured != UNKNOWN else ""
        options = [_option(v, words(v)) for v in field.vocabulary]
        fix = fixes.get(field.name)
        if fix is not None:
            back = words(measured).lower() if measured != UNKNOWN else "not enough data"
            options.append(_option(MEASURED, f"↺ Measured value ({back})"))
            hint = f"Set by a teammate. {hint or 'Measured: not enough data'}"
        current = fields_value(persona, field.name)
        initial = next((o for o in options if o.value == current), None)
        blocks.append(
            InputBlock(
                block_id=field.name,
                label=field.label,
                optional=True,
                hint=hint or "Measured: not enough data yet",
                element=StaticSelectElement(
                    action_id=SELECT, placeholder="Not enough data", options=options, initial_option=initial
                ),
            )
        )
    blocks.append(
        InputBlock(
            block_id=NOTE_BLOCK,
            label="Note (why?)",
            optional=True,
            element=PlainTextInputElement(
                action_id=NOTE_INPUT,
                multiline=True,
                max_length=NOTE_LIMIT,
                placeholder="e.g. She moved to phone calls since the reorg",
            ),
        )
    )
    blocks.append(
        ContextBlock(elements=[MarkdownTextObject(text="Your name and note are shown on the card to the channel.")])
    )
    view = View(
        type="modal",
        callback_id=CALLBACK_ID,
        title="Correct persona",
        submit="Save",
        close="Cancel",
        private_metadata=private_metadata,
        blocks=blocks,
    )
    view.validate_json()
    return view.to_dict()


def fields_value(persona: Persona, name: str) -> str:
    value = persona.fields.get(name)
    return value.effective if value is not None else UNKNOWN


def submitted(values: dict[str, Any]) -> tuple[dict[str, str | None], str]:
    """(field -> chosen option value or None, note) from a view_submission's state.values."""
    chosen: dict[str, str | None] = {}
    for field in FIELDS:
        selected = ((values.get(field.name) or {}).get(SELECT) or {}).get("selected_option") or {}
        value = selected.get("value")
        chosen[field.name] = str(value) if value is not None else None
    note = ((values.get(NOTE_BLOCK) or {}).get(NOTE_INPUT) or {}).get("value") or ""
    return chosen, str(note)
