"""Formality of the contact's own writing (emails and chats they sent).

Markers are matched as words and phrases on lowercased text (set lookups and substring
checks), which keeps 10,000-message histories fast.
"""

from __future__ import annotations

import re

from crm.models import Interaction
from persona.models import Formality, Signal
from persona.signals.common import confidence, plural, recent_ids, text_of, unknown
from persona.signals.facts import Facts

_WORD = re.compile(r"[a-z']+")
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_FORMAL_WORDS = frozenset("dear regards sincerely respectfully kindly furthermore mr mrs ms dr faithfully".split())
_FORMAL_PHRASES = (
    "i would be grateful",
    "i would appreciate",
    "please find",
    "do not hesitate",
    "thank you for",
    "good morning",
    "good afternoon",
    "good evening",
    "i trust",
    "we would like to",
    "at your earliest convenience",
    "i am writing",
    "please advise",
    "further to",
    "would you be so kind",
    "please let me know",
    "yours truly",
)
_CASUAL_WORDS = frozenset(
    "hey hiya heya yo sup thx cheers cool awesome gonna wanna gotta yeah yep yup nope lol btw ttyl imo "
    "kinda sorta haha np omg sweet gotcha super ok okay".split()
)
_CASUAL_PHRASES = ("thanks!", "no worries", "sounds good", "great stuff", "!!", ":)", ":-)", ";)", ":d", ":p")
MIN_CLASSIFIED = 3
DOMINANT_SHARE = 0.7
MIXED_MIN_EACH = 2


def message_style(item: Interaction) -> int:
    """+1 formal, -1 casual, 0 neutral, from markers in one message."""
    text = text_of(item).replace("’", "'")
    lower = text.lower()
    words = _WORD.findall(lower)
    vocabulary = set(words)
    formal = len(vocabulary & _FORMAL_WORDS) + sum(phrase in lower for phrase in _FORMAL_PHRASES)
    casual = len(vocabulary & _CASUAL_WORDS) + sum(phrase in lower for phrase in _CASUAL_PHRASES)
    casual += bool(_EMOJI.search(text))
    casual += min(1.0, 0.5 * sum("'" in w.strip("'") for w in vocabulary))  # contractions
    if text.lstrip()[:1].islower():
        casual += 1
    score = formal - casual
    return 1 if score >= 1 else -1 if score <= -1 else 0


def formality(facts: Facts) -> Signal[Formality]:
    messages = facts.written
    styles = [(m.id, message_style(m)) for m in messages]
    formal = [mid for mid, style in styles if style > 0]
    casual = [mid for mid, style in styles if style < 0]
    classified = len(formal) + len(casual)
    detail = f"{len(formal)} formal and {len(casual)} casual of {plural(len(messages), 'message')} they wrote"
    if classified < MIN_CLASSIFIED:
        return unknown(f"too few written messages to judge: {detail}", classified)
    formal_share = len(formal) / classified
    casual_share = len(casual) / classified
    if formal_share >= DOMINANT_SHARE:
        value, share, ids = "formal", formal_share, formal
    elif casual_share >= DOMINANT_SHARE:
        value, share, ids = "casual", casual_share, casual
    elif min(len(formal), len(casual)) >= MIXED_MIN_EACH:
        value, share = "mixed", 1 - abs(formal_share - casual_share)
        ids = [mid for mid, style in styles if style]
    else:
        return unknown(f"no consistent style: {detail}", classified)
    return Signal(
        value=value,  # type: ignore[arg-type]
        confidence=confidence(classified, share),
        data_points=classified,
        evidence=recent_ids(ids),
        detail=detail,
    )
