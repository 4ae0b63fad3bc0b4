"""Keeps model prose to behavior: drops sentences that speak of protected attributes.

The system prompt already forbids inferring age, gender, ethnicity, religion, health or
politics; this is the check that does not depend on the model obeying.
"""

from __future__ import annotations

import re

_PROTECTED = re.compile(
    r"\b\d{2}[- ]?(year|yr)s?[- ]old\b|\b(his|her|their) age\b|\bage(d)? (around|about|\d)|\b(young|elderly|older)"
    r" (man|woman|person|lady|gentleman)\b|\bgender\b|\b(male|female|masculine|feminine)\b|\bethnic|\brace\b|"
    r"\bnationality\b|\breligio|\b(christian|muslim|jewish|hindu|buddhist|catholic|atheist)s?\b|\bpregnan|"
    r"\bdisabilit|\billness\b|\bdiagnos|\bmental health\b|\bmedical condition|\bpolitic|"
    r"\b(democrat|republican|left-wing|right-wing)s?\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def mentions_protected(text: str) -> bool:
    return bool(_PROTECTED.search(text))


def behavior_only(text: str) -> str:
    """The text without any sentence that mentions a protected attribute."""
    return " ".join(s for s in _SENTENCE.split(text) if not mentions_protected(s)).strip()
