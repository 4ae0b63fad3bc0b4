"""Personal data out of CRM text before it reaches a language model.

E-mail addresses, phone numbers (Google's libphonenumber port, `phonenumbers`), IBANs
(mod-97 checked), payment card numbers (Luhn-checked) and URLs that carry tokens become
typed placeholders: `[email]`, `[phone]`, `[iban]`, `[card]`, `[url]`. Names and companies
are not patterns here, so the contact's name and company stay; record ids are never passed
through, so evidence ids are unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from crm.models import Contact, Deal, History, Interaction, Purchase

# Text longer than this is cut before redaction: the prompt shows ~130 characters of a field,
# and scanning a 1 MB HTML e-mail for phone numbers would cost seconds.
MAX_TEXT = 20_000
DEFAULT_REGION = "US"  # national-format numbers are read in the contact's region, else this
# National formats of these regions are tried too (international "+.." numbers match in any).
COMMON_REGIONS = ("US", "GB", "DE", "FR")

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'\])]+", re.IGNORECASE)
# A URL carries a token when it has a query, a fragment, user info, or a long opaque segment.
_URL_TOKEN = re.compile(r"[?#@]|/[A-Za-z0-9_\-]{24,}|/[A-Za-z0-9_\-]*\d[A-Za-z0-9_\-]*[A-Za-z][A-Za-z0-9_\-]{14,}")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]){11,30}\b")
_PHONE_CANDIDATE = re.compile(r"(?:\+|\(|\b)\d[\d \t().\-/]{4,}\d")
_CARD = re.compile(r"(?<![\d\-])\d(?:[ \-]?\d){12,18}(?![\d\-])")


def redact(text: str, region: str = DEFAULT_REGION) -> str:
    """`text` with every recognized piece of personal data replaced by a typed placeholder."""
    if not text:
        return text
    text = text[:MAX_TEXT]
    text = _URL.sub(lambda m: "[url]" if _URL_TOKEN.search(m.group(0)) else m.group(0), text)
    text = _EMAIL.sub("[email]", text)
    text = _IBAN.sub(lambda m: "[iban]" if _iban_valid(m.group(0)) else m.group(0), text)
    text = _CARD.sub(lambda m: "[card]" if _luhn_valid(m.group(0)) else m.group(0), text)
    return _redact_phones(text, region)


def _redact_phones(text: str, region: str) -> str:
    """The matcher runs only on digit runs that could be a number: it is slow on long text."""
    regions = tuple(dict.fromkeys((region, *COMMON_REGIONS)))
    return _PHONE_CANDIDATE.sub(lambda m: _phones_in(m.group(0), regions), text)


def _phones_in(candidate: str, regions: tuple[str, ...]) -> str:
    if sum(ch.isdigit() for ch in candidate) < 6:
        return candidate
    for region in regions:
        pieces: list[str] = []
        end = 0
        for match in PhoneNumberMatcher(candidate, region, leniency=Leniency.VALID):
            pieces.append(candidate[end : match.start])
            pieces.append("[phone]")
            end = match.end
        pieces.append(candidate[end:])
        candidate = "".join(pieces)
    return candidate


def _iban_valid(candidate: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    compact = re.sub(r"[ \-]", "", candidate)
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def _luhn_valid(candidate: str) -> bool:
    digits = [int(ch) for ch in candidate if ch.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


@lru_cache(maxsize=256)
def region_of(phone: str | None) -> str:
    """The contact's own phone region (a German contact writes German national numbers)."""
    if phone:
        try:
            region = phonenumbers.region_code_for_number(phonenumbers.parse(phone, DEFAULT_REGION))
        except phonenumbers.NumberParseException:
            region = None
        if region and region != "ZZ":
            return region
    return DEFAULT_REGION


def _text(value: str | None, region: str) -> str | None:
    return redact(value, region) if value else value


def redact_interaction(interaction: Interaction, region: str = DEFAULT_REGION) -> Interaction:
    return interaction.model_copy(
        update={
            "subject": _text(interaction.subject, region),
            "body": _text(interaction.body, region),
            "outcome": _text(interaction.outcome, region),
        }
    )


def redact_deal(deal: Deal, region: str = DEFAULT_REGION) -> Deal:
    return deal.model_copy(update={"name": redact(deal.name, region)})


def redact_purchase(purchase: Purchase, region: str = DEFAULT_REGION) -> Purchase:
    return purchase.model_copy(update={"product": _text(purchase.product, region)})


def redact_contact(contact: Contact) -> Contact:
    """Name and company stay; the title is free text and is redacted like the rest."""
    region = region_of(contact.phone)
    return contact.model_copy(update={"title": _text(contact.title, region), "email": None, "phone": None})


def redact_history(history: History) -> History:
    """A copy of the whole history with its free text redacted (ids, dates and numbers kept).

    The prompt builder redacts only the records it samples; this is for callers that need it all.
    """
    region = region_of(history.contact.phone)
    return history.model_copy(
        update={
            "contact": redact_contact(history.contact),
            "interactions": [redact_interaction(i, region) for i in history.interactions],
            "deals": [redact_deal(d, region) for d in history.deals],
            "purchases": [redact_purchase(p, region) for p in history.purchases],
        }
    )
