"""Formality of the contact's own writing (emails and chats they sent), in their language.

Only the new part of each message is read (quoted thread and signature removed, so a rep's
"Dear ..." quoted below a casual reply is not the contact's). The contact's language is
identified once; its markers decide. A language we have no markers for gives `unknown`,
never a guess. Markers are matched as words and phrases on lowercased text (set lookups and
substring checks), which keeps 10,000-message histories fast.
"""

from __future__ import annotations

import re

from persona.mail.language import MARKED, identify, language_name
from persona.models import Formality, Signal
from persona.signals.common import confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts
from persona.signals.formality_markers import EMOJI, MARKERS, UNIVERSAL_CASUAL, Markers

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
MIN_CLASSIFIED = 3
DOMINANT_SHARE = 0.7
MIXED_MIN_EACH = 2
DEFAULT_LANGUAGE = "en"  # too little text to identify: short notes are read with English markers


def message_style(text: str, markers: Markers = MARKERS[DEFAULT_LANGUAGE]) -> int:
    """+1 formal, -1 casual, 0 neutral, from markers in one message's own words."""
    text = text.replace("’", "'")
    lower = text.lower()
    vocabulary = set(_WORD.findall(lower))
    formal = len(vocabulary & markers.formal_words) + sum(phrase in lower for phrase in markers.formal_phrases)
    if markers.formal_pronoun is not None and markers.formal_pronoun.search(text):
        formal += 1
    casual: float = len(vocabulary & markers.casual_words) + sum(phrase in lower for phrase in markers.casual_phrases)
    casual += sum(mark in lower for mark in UNIVERSAL_CASUAL)
    casual += bool(EMOJI.search(text))
    if markers.contractions_are_casual:
        casual += min(1.0, 0.5 * sum("'" in w for w in vocabulary))
    if text.lstrip()[:1].islower():
        casual += 1
    score = formal - casual
    return 1 if score >= 1 else -1 if score <= -1 else 0


def formality(facts: Facts) -> Signal[Formality]:
    messages = facts.written
    texts = [facts.words(m) for m in messages]
    aside = facts.set_aside_note()
    language = identify(reversed(texts)) if texts else None
    if language is not None and language not in MARKED:
        return unknown(
            f"writes in {language_name(language)}: no formality markers for that language "
            f"({plural(len(messages), 'message')}){aside}",
            0,
        )
    markers = MARKERS[language or DEFAULT_LANGUAGE]
    styles = [(m.id, message_style(text, markers)) for m, text in zip(messages, texts, strict=True) if text]
    formal = [mid for mid, style in styles if style > 0]
    casual = [mid for mid, style in styles if style < 0]
    classified = len(formal) + len(casual)
    in_language = f" in {language_name(language)}" if language and language != "en" else ""
    detail = (
        f"{len(formal)} formal and {len(casual)} casual of {plural(len(messages), 'message')} they wrote"
        f"{in_language}{aside}"
    )
    if classified < MIN_CLASSIFIED:
        return unknown(f"too few written messages to judge: {detail}", classified)
    formal_share = len(formal) / classified
    casual_share = len(casual) / classified
    value: Formality
    if formal_share >= DOMINANT_SHARE:
        value, share, ids = "formal", formal_share, formal
    elif casual_share >= DOMINANT_SHARE:
        value, share, ids = "casual", casual_share, casual
    elif min(len(formal), len(casual)) >= MIXED_MIN_EACH:
        value, share = "mixed", 1 - abs(formal_share - casual_share)
        ids = [mid for mid, style in styles if style]
    else:
        return unknown(f"no consistent style: {detail}", classified)
    return Signal[Formality](
        value=value,
        confidence=confidence(classified, share),
        data_points=classified,
        evidence=recent_ids(ids),
        detail=detail,
    )
