"""The new part of a message: what the sender wrote, without the quoted thread or signature.

Reply headers come from mail-parser-reply (maintained, dependency-free, per-language header,
signature and disclaimer patterns; see the README for why it and not talon or quotequail).
Its own parse runs every header pattern over the whole text (~0.3 ms a message), too slow for
10,000-message histories, so we run the same patterns anchored at the few lines that can
start a header, and add what it misses: Portuguese, Gmail's Spanish and Dutch attribution
lines, attributions wrapped over two lines, forwarded blocks, `>` lines without a header,
and signature blocks after the closing formula (which is kept: "Kind regards" is the
writer's own word and a formality marker, the name, title, phone and disclaimer are not).
"""

from __future__ import annotations

import functools
import re

from mailparser_reply.constants import GENERIC_MAIL_SEPARATOR, MAIL_LANGUAGES  # type: ignore[import-untyped]

from crm.html import html_to_text, looks_like_html

_LIBRARY_LANGUAGES = ("en", "de", "fr", "es", "it", "nl")
# What the library lacks or gets wrong (checked against real client output in tests).
_ATTRIBUTION_VERBS = (
    r"wrote|schrieb|a\s+[ée]crit|escribi[óo]|escreveu|ha\s+scritto|schreef|napsal|skrev|kirjoitti|napisa[łl]"
)
_EXTRA_ATTRIBUTIONS = (
    # "On <date>, <name> <mail> wrote:" in any of our languages, also with the name after the verb.
    r"^[ \t]*(?:On|Am|Le|El|Em|Il|Op|Den|Dnia|Dne)\b[^\n]{0,250}?\b(?:"
    + _ATTRIBUTION_VERBS
    + r")\b[^\n]{0,120}:[ \t]*$",
    r"^[ \t]*(?:" + _ATTRIBUTION_VERBS + r")[^\n]{0,40}:[ \t]*$",
)
_EXTRA_BLOCKS = (
    # Outlook-style header blocks in Portuguese and the Outlook web "________" rule.
    r"^[ \t*]*(?:De|Enviado|Enviada|Para|Assunto|Data)[ \t*]*:[^\n]*\n"
    r"[ \t*]*(?:De|Enviado|Enviada|Para|Assunto|Data|Cc)[ \t*]*:",
    r"^[ \t]*(?:_{10,}|-{10,})[ \t]*$",
    # Forwarded and original-message separators (Gmail, Apple Mail, Outlook, Thunderbird).
    r"^[ \t]*-{2,}[ \t]*(?:Forwarded message|Weitergeleitete Nachricht|Message transf[ée]r[ée]|Mensaje reenviado|"
    r"Mensagem encaminhada|Messaggio inoltrato|Doorgestuurd bericht|Original Message|Urspr[üu]ngliche Nachricht|"
    r"Message d'origine|Mensaje original|Mensagem original|Messaggio originale|Oorspronkelijk bericht)[ \t]*-{2,}",
    r"^[ \t]*Begin forwarded message:|^[ \t]*Anfang der weitergeleiteten Nachricht:|"
    r"^[ \t]*D[ée]but du message r[ée]exp[ée]di[ée]",
)


def _library(key: str) -> list[str]:
    return [MAIL_LANGUAGES[language][key] for language in _LIBRARY_LANGUAGES if MAIL_LANGUAGES[language].get(key)]


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.MULTILINE | re.IGNORECASE)


# "On … wrote:" lines: what follows is quoted with ">" (and answers may sit between the quotes).
_ATTRIBUTION = _compile([*_library("wrote_header"), *_EXTRA_ATTRIBUTIONS])
# "From: / Sent:" blocks and separators: everything below is the old thread, unmarked.
_BLOCK = _compile([GENERIC_MAIL_SEPARATOR, *_library("from_header"), *_EXTRA_BLOCKS])
# A header line starts with one of these words (or a rule); other lines are never tried.
_HEADER_STARTS = frozenset(
    "on am le el em il op den dnia dne from von de da van sent gesendet envoyé enviado enviada inviato verzonden "
    "date datum data to an à a para aan subject betreff objet asunto assunto oggetto onderwerp begin anfang début "
    "wrote schrieb escreveu schreef".split()
)
_FIRST_WORD = re.compile(r"[*\s]*([^\s:,*]+)")

_SENT_FROM = re.compile(
    r"^(?:sent from my|sent from outlook|get outlook for|gesendet von|von meinem \w+ gesendet|envoy[ée] de mon|"
    r"envoy[ée] depuis|enviado desde mi|enviado do meu|enviado de meu|inviato da|verzonden vanaf|verstuurd vanaf)",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"^(?:this (?:e-?mail|message|communication)|the information (?:contained|in this)|confidentiality|"
    r"disclaimer|caution:|diese (?:e-?mail|nachricht)|der inhalt dieser|vertraulichkeit|hinweis:|"
    r"ce (?:message|courriel|mail)|avis de confidentialit|este (?:mensaje|correo)|aviso(?: legal)?:|"
    r"esta mensagem|este e-?mail|"
    r"questo (?:messaggio|messaggio e-?mail|e-?mail)|deze (?:e-?mail|mail|boodschap)|dit bericht|"
    r"please consider the environment|think before you print)",
    re.IGNORECASE,
)
# Closing formulas: the line is kept (it is the writer's tone), what follows it is the signature.
_CLOSINGS = (
    r"(?:best|kind|warm|warmest|many|all the best|with best|with kind)?\s*regards|regards|best wishes|best|cheers|"
    r"thanks|thank you|many thanks|thx|ta|yours(?: sincerely| faithfully| truly)?|sincerely|respectfully|talk soon|"
    r"speak soon|take care|br|kr|mfg|"
    r"mit freundlichen gr(?:ü|ue)(?:ß|ss)en|freundliche gr(?:ü|ue)(?:ß|ss)e|(?:viele|beste|liebe|herzliche|sch[öo]ne)"
    r" gr(?:ü|ue)(?:ß|ss)e|gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|lg|vg|bg|hochachtungsvoll|danke|ciao|tsch(?:ü|ue)ss|servus|"
    r"(?:bien |tr[èe]s )?cordialement|bien [àa] (?:vous|toi)|salutations(?: distingu[ée]es)?|bonne journ[ée]e|bises|"
    r"[àa] (?:bient[ôo]t|plus)|a\+|merci(?: beaucoup)?|amicalement|"
    r"atentamente|(?:un )?(?:cordial )?saludos?(?: cordiales)?|un abrazo|abrazos|gracias|muchas gracias|besos|"
    r"atenciosamente|cordialmente|(?:com os )?(?:melhores )?cumprimentos|(?:um )?abra[çc]o|abs|bjs|beijos|obrigad[oa]|"
    r"cordiali saluti|distinti saluti|saluti|un saluto|a presto|grazie(?: mille)?|un abbraccio|"
    r"met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|hartelijke groet(?:en)?|groet(?:en|jes)?|"
    r"hoogachtend|dank(?:je|u)?(?: wel)?|doei|gr"
)
_CLOSING_LINE = re.compile(r"^(?:" + _CLOSINGS + r")\b\s*[,.!:]*\s*(?P<name>.*)$", re.IGNORECASE)
_CONTACT_LINE = re.compile(
    r"(?:\+?\d[\d ().\-/]{6,}\d)|@|www\.|https?://|\||\b(?:tel|phone|mobile|mob|cell|fax|handy|t[ée]l|m[óo]vil)\b\.?:?\s*[+\d(]",
    re.IGNORECASE,
)
MAX_CHARS = 20_000  # a pasted log or a newsletter: the start is what the sender wrote


def own_words(body: str | None) -> str:
    """The new text of an email or chat body (plain text or HTML)."""
    if not body:
        return ""
    return _own_words(body[:MAX_CHARS])


@functools.lru_cache(maxsize=4096)
def _own_words(body: str) -> str:
    text = html_to_text(body) or "" if looks_like_html(body) else body
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_without_signature(_unquoted(text))).strip()


def _unquoted(text: str) -> list[str]:
    """The lines the sender wrote: `>` lines go; an "On … wrote:" line above a `>` quote goes
    (answers written between or below the quotes stay); at an unmarked old thread (a "From:"
    block, a separator, an attribution not followed by `>` lines) everything below goes."""
    lines = text.split("\n")
    kept: list[str] = []
    offset = 0
    skip_to = 0
    for index, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        if index < skip_to:
            continue
        stripped = line.lstrip()
        if not stripped or stripped[0] == ">":
            if stripped:
                continue  # quoted
            kept.append(line)
            continue
        if stripped[0] in "-_*" or _starts_header(stripped):
            if _BLOCK.match(text, start):
                break
            span = _attribution_span(text, start, lines, index)
            if span:
                if _next_text_is_quoted(lines, index + span):
                    skip_to = index + span
                    continue
                break
        kept.append(line)
    return kept


def _starts_header(stripped: str) -> bool:
    word = _FIRST_WORD.match(stripped)
    return word is not None and word.group(1).lower() in _HEADER_STARTS


def _attribution_span(text: str, start: int, lines: list[str], index: int) -> int:
    """1 or 2 if an attribution line (possibly wrapped over two lines) starts here, else 0."""
    if _ATTRIBUTION.match(text, start):
        return 1
    if index + 1 < len(lines) and _ATTRIBUTION.match(lines[index] + " " + lines[index + 1]):
        return 2
    return 0


def _next_text_is_quoted(lines: list[str], index: int) -> bool:
    for line in lines[index : index + 4]:
        stripped = line.strip()
        if stripped:
            return stripped[0] == ">"
    return False


def _without_signature(lines: list[str]) -> list[str]:
    """Drop the signature block: after "-- ", a "Sent from my" line, a closing formula, or a disclaimer."""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        sent_from = len(stripped) <= 60 and "," not in stripped and _SENT_FROM.match(stripped)
        if stripped in ("--", "-- ", "—") or sent_from or _DISCLAIMER.match(stripped):
            return _trailing_contact_block(lines[:index])
        if index > 0 and len(stripped) <= 60 and _is_closing(stripped) and len(lines) - index <= 12:
            return lines[: index + 1]
    return _trailing_contact_block(lines)


def _is_closing(line: str) -> bool:
    """ "Best regards," / "Cheers, Jamie" / "LG Jonas"; not "Thanks, will do" (the message goes on)."""
    found = _CLOSING_LINE.match(line)
    if found is None:
        return False
    name = found.group("name").rstrip(",.! ")
    return not name or (len(name.split()) <= 3 and all(w[:1].isupper() for w in name.split()))


def _trailing_contact_block(lines: list[str]) -> list[str]:
    """Without a closing formula: drop the last paragraph if it is all name/title/phone/web lines."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and lines[start - 1].strip():
        start -= 1
    block = [line.strip() for line in lines[start:end]]
    if start and block and sum(bool(_CONTACT_LINE.search(line)) for line in block) >= 1 and len(block) <= 8:
        if all(_CONTACT_LINE.search(line) or len(line.split()) <= 5 for line in block):
            return lines[:start]
    return lines[:end]


def clear_caches() -> None:
    """Forget cached results (benchmarks measure a cold start)."""
    _own_words.cache_clear()
