"""Formality of the contact's own writing (emails and chats they sent)."""

from __future__ import annotations

import re

from crm.models import History, Interaction
from persona.models import Formality, Signal
from persona.signals.common import (
    confidence,
    plural,
    recent_ids,
    text_of,
    unknown,
    written_by_contact,
)

_FORMAL = re.compile(
    r"\bdear\b|\b(kind|kindest|best|warm|warmest|with) regards\b|^\s*regards\b|\bsincerely\b|"
    r"\byours (truly|faithfully|sincerely)\b|\brespectfully\b|\bi would (be grateful|appreciate)\b|"
    r"\bplease find\b|\bdo not hesitate\b|\bthank you for\b|\bgood (morning|afternoon|evening)\b|"
    r"\b(mr|mrs|ms|dr)\.?\s+[A-Z]|\bfurthermore\b|\bkindly\b|\bi trust\b|\bwe would like to\b|"
    r"\bat your earliest convenience\b|\bi am writing\b|\bplease advise\b|\bfurther to\b|"
    r"\bwould you be so kind\b|\bplease let me know\b",
    re.IGNORECASE | re.MULTILINE,
)
_CASUAL = re.compile(
    r"^\s*(hey|hiya|heya|yo|sup)\b|\bhey\b|\bthx\b|\bthanks!|\bcheers\b|\bcool\b|\bawesome\b|"
    r"\bgonna\b|\bwanna\b|\bgotta\b|\byeah\b|\byep\b|\byup\b|\bnope\b|\blol\b|\bbtw\b|"
    r"\bno worries\b|\bttyl\b|\bimo\b|\bkinda\b|\bsorta\b|\bhaha\b|\bgreat stuff\b|"
    r"\bsuper\b|\bsounds good\b|\bnp\b|\bomg\b|\bftw\b|\bsweet\b|\bgotcha\b|"
    r"[:;]-?[)D(P]|!!|[\U0001F300-\U0001FAFF\u2600-\u27BF]",
    re.IGNORECASE | re.MULTILINE,
)
_CONTRACTION = re.compile(r"\b\w+'(s|re|ve|ll|d|m|t)\b", re.IGNORECASE)
MIN_CLASSIFIED = 3
DOMINANT_SHARE = 0.7
MIXED_MIN_EACH = 2


def message_style(item: Interaction) -> int:
    """+1 formal, -1 casual, 0 neutral, from markers in one message."""
    text = text_of(item).replace("’", "'")
    formal = len(_FORMAL.findall(text))
    casual = len(_CASUAL.findall(text))
    casual += min(1.0, 0.5 * len(_CONTRACTION.findall(text)))
    stripped = text.lstrip()
    if stripped[:1].islower():
        casual += 1
    score = formal - casual
    return 1 if score >= 1 else -1 if score <= -1 else 0


def formality(history: History) -> Signal[Formality]:
    messages = written_by_contact(history)
    styles = [(m.id, message_style(m)) for m in messages]
    formal = [mid for mid, style in styles if style > 0]
    casual = [mid for mid, style in styles if style < 0]
    classified = len(formal) + len(casual)
    detail = (
        f"{len(formal)} formal and {len(casual)} casual of "
        f"{plural(len(messages), 'message')} they wrote"
    )
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
        value=value,
        confidence=confidence(classified, share),
        data_points=classified,
        evidence=recent_ids(ids),
        detail=detail,
    )
