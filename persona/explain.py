"""What a persona's generator details say about the CRM text a language model saw (issue 16).

Issue 11 records what may go to the model (PERSONA_MODEL_DATA) on the persona as
`generator.model_data` (none | signals | redacted | full; None on versions made before it
was recorded). This is the one place that reads it.
"""

from __future__ import annotations

from persona.models import Persona

NOT_RECORDED = "not recorded"
_WORDS = {
    "none": "no language model was used, so no CRM text left this machine",
    "signals": "only the computed signals and counts, no message text",
    "redacted": "message text, redacted: e-mail addresses, phone numbers, IBANs, card numbers and links with"
    " tokens replaced by placeholders (the contact's name and company kept)",
    "full": "message text as written in the CRM, not redacted",
}


def recorded_model_data(persona: Persona) -> str | None:
    """The recorded setting, when the persona carries one."""
    value = persona.generator.model_data
    return None if value is None else str(value)


def model_data_words(persona: Persona) -> str:
    """Whether (and which) CRM text the language model saw, in words for people."""
    recorded = recorded_model_data(persona)
    generator = persona.generator
    if recorded is None and generator.name == "signals" and generator.fallback_reason is None:
        return "no language model was used, so no CRM text left this machine"
    if recorded is None:
        return NOT_RECORDED
    return _WORDS.get(recorded, f"recorded as “{recorded}”")
