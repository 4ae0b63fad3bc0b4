"""Synthetic personal data of every kind redaction must catch, deterministic per seed.

Phone numbers are real-format numbers that libphonenumber accepts as valid (an invalid one is
not a phone number); IBANs carry correct check digits; card numbers pass the Luhn check.
"""

from __future__ import annotations

import random
import string

import phonenumbers

_FIRST = ("maria", "jonas", "ana", "li", "tom", "sofia", "omar", "eva", "paul", "ines")
_LAST = ("keller", "weiss", "souza", "chen", "berg", "rossi", "haddad", "novak", "smith", "dubois")
_DOMAINS = ("example.com", "nordlicht-logistik.de", "mail.example.co.uk", "firma.example.fr", "corp.example.io")
# (region, pattern): national or international, as people write them in mails and signatures.
_PHONES = (
    ("DE", "+49 30 {d7}"),
    ("DE", "030 {d7}"),
    ("DE", "+49 171 {d7}"),
    ("DE", "0171/{d7}"),
    ("US", "+1 (415) 555-{d4}"),
    ("US", "(212) 555-{d4}"),
    ("US", "+1 646-555-{d4}"),
    ("GB", "+44 20 7946 {d4}"),
    ("GB", "020 7946 {d4}"),
    ("FR", "+33 1 42 68 {d2} {d2}"),
)
_IBAN_BBAN = {"DE": 18, "FR": 23, "NL": 14, "GB": 18, "AT": 16}


def email(rng: random.Random) -> str:
    tag = f"+{rng.choice(('crm', 'news', 'x1'))}" if rng.random() < 0.2 else ""
    sep = rng.choice((".", "_", ""))
    return f"{rng.choice(_FIRST)}{sep}{rng.choice(_LAST)}{rng.randint(1, 99)}{tag}@{rng.choice(_DOMAINS)}"


def phone(rng: random.Random) -> str:
    while True:
        region, pattern = rng.choice(_PHONES)
        text = pattern.format(
            d7="".join(rng.choices(string.digits, k=7)),
            d4="".join(rng.choices(string.digits, k=4)),
            d2="".join(rng.choices(string.digits, k=2)),
        )
        if text[-4:] < "0100" and "555" in text:
            continue  # 555-0100..0199 are the only fictional US numbers libphonenumber rejects
        if phonenumbers.is_valid_number(phonenumbers.parse(text, region)):
            return text


def iban(rng: random.Random) -> str:
    country = rng.choice(sorted(_IBAN_BBAN))
    if country == "GB":
        bban = "WEST" + "".join(rng.choices(string.digits, k=14))
    elif country == "NL":
        bban = "ABNA" + "".join(rng.choices(string.digits, k=10))
    else:
        bban = "".join(rng.choices(string.digits, k=_IBAN_BBAN[country]))
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    check = 98 - int(digits) % 97
    compact = f"{country}{check:02d}{bban}"
    if rng.random() < 0.5:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return compact


def card(rng: random.Random) -> str:
    prefix = rng.choice(("4", "51", "55", "37", "6011"))
    length = 15 if prefix == "37" else 16
    body = [int(ch) for ch in prefix] + [rng.randint(0, 9) for _ in range(length - len(prefix) - 1)]
    total = 0
    for position, digit in enumerate(reversed(body)):
        if position % 2 == 0:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    number = "".join(map(str, body)) + str((10 - total % 10) % 10)
    sep = rng.choice((" ", "-", ""))
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


def token_url(rng: random.Random) -> str:
    token = "".join(rng.choices(string.ascii_letters + string.digits, k=32))
    return rng.choice(
        (
            f"https://app.example.com/reset?token={token}",
            f"https://files.example.com/s/{token}",
            f"https://meet.example.com/j/123?pwd={token}",
        )
    )


KINDS = {"email": email, "phone": phone, "iban": iban, "card": card, "url": token_url}


def items(n: int, seed: int = 11) -> list[tuple[str, str]]:
    """`n` (kind, value) pairs, kinds in turn."""
    rng = random.Random(seed)
    kinds = list(KINDS)
    return [(kinds[k % len(kinds)], KINDS[kinds[k % len(kinds)]](rng)) for k in range(n)]
