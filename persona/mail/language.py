"""Which language a contact writes in, identified by py3langid (a maintained, offline,
numpy-only port of langid.py covering 97 languages).

Identified once per contact over their own words joined (short messages alone are too
little text), and only when a signal needs it: formality markers depend on the language
("tu" is casual in French and Italian, "je" is casual Dutch but French "I", "Sie" is formal
German). Loading the model takes about a second, once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

SAMPLE_CHARS = 1_500  # enough text for a confident guess, bounded time
MIN_CHARS = 20  # below this the guess is noise
MARKED = ("en", "de", "fr", "es", "pt", "it", "nl")  # the languages with formality markers
FOREIGN_PROBABILITY = 0.7  # to call a text another language than ours, be sure

NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "fi": "Finnish",
    "cs": "Czech",
    "ru": "Russian",
    "tr": "Turkish",
    "ja": "Japanese",
    "zh": "Chinese",
    "ko": "Korean",
}


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the model ahead of the first persona (it takes about a second)."""
    _identifier()


def identify(texts: Iterable[str]) -> str | None:
    """ISO 639-1 code of the language these texts are written in, or None if unsure."""
    parts: list[str] = []
    size = 0
    for text in texts:
        if text:
            parts.append(text)
            size += len(text) + 1
            if size >= SAMPLE_CHARS:
                break
    sample = "\n".join(parts)[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return None
    ranking = _identifier().rank(sample)
    code, probability = ranking[0]
    if code in MARKED or probability >= FOREIGN_PROBABILITY:
        return str(code)
    ours = [(lang, p) for lang, p in ranking if lang in MARKED]  # short text: the likeliest of ours
    return str(ours[0][0]) if ours and ours[0][1] >= probability / 4 else None


def language_name(code: str) -> str:
    return NAMES.get(code, code)
