"""Formal and casual markers per language: greetings, sign-offs, forms of address, slang.

Pronouns are the strongest cue outside English (Sie/du, vous/tu, usted/tú, Lei/tu, u/je,
o senhor/tu) but the same word means different things across languages ("tu", "je", "du"),
which is why the contact's language is identified first and only its markers apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Markers:
    formal_words: frozenset[str]
    formal_phrases: tuple[str, ...]
    casual_words: frozenset[str]
    casual_phrases: tuple[str, ...]
    formal_pronoun: re.Pattern[str] | None = None  # case-sensitive: "Sie" mid-sentence is formal German
    contractions_are_casual: bool = False  # English "don't"; French "l'offre" is not casual


def _m(
    formal_words: str,
    formal_phrases: tuple[str, ...],
    casual_words: str,
    casual_phrases: tuple[str, ...],
    formal_pronoun: str | None = None,
    contractions_are_casual: bool = False,
) -> Markers:
    return Markers(
        frozenset(formal_words.split()),
        formal_phrases,
        frozenset(casual_words.split()),
        casual_phrases,
        re.compile(formal_pronoun) if formal_pronoun else None,
        contractions_are_casual,
    )


_MID_SENTENCE = r"(?<=[a-zäöüßàâçéèêëîïôûùáíóúñãõì,] )"
MARKERS: dict[str, Markers] = {
    "en": _m(
        "dear regards sincerely respectfully kindly furthermore mr mrs ms dr faithfully",
        (
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
        ),
        "hey hiya heya yo sup thx cheers cool awesome gonna wanna gotta yeah yep yup nope lol btw ttyl imo "
        "kinda sorta haha np omg sweet gotcha super ok okay",
        ("thanks!", "no worries", "sounds good", "great stuff"),
        contractions_are_casual=True,
    ),
    "de": _m(
        "geehrte geehrter geehrten hochachtungsvoll herr frau dr",
        (
            "mit freundlichen grüßen",
            "mit freundlichen grüssen",
            "freundliche grüße",
            "freundliche grüsse",
            "vielen dank für ihre",
            "ich bedanke mich",
            "für ihre rückmeldung",
            "mit besten grüßen",
            "wir bitten um",
            "ich bitte um",
        ),
        "hi hey hallöchen servus moin lg du dir dich dein deine deinen deinem deiner cool super klar passt ciao "
        "tschüss tschüs jo ok okay yep",
        ("liebe grüße", "liebe grüsse", "viele grüße und bis", "bis bald", "bis dann", "danke dir", "grüße dich"),
        formal_pronoun=_MID_SENTENCE + r"(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b",
    ),
    "fr": _m(
        "madame monsieur messieurs cordialement veuillez respectueusement vous votre vos distinguées agréer",
        ("je vous prie", "bien à vous", "je vous remercie", "salutations distinguées", "dans l'attente de votre"),
        "salut coucou tu te toi ton ta tes bises bisous stp biz ciao super cool ok a+ t'es",
        ("à plus", "à toute", "merci !", "merci!", "à+"),
    ),
    "es": _m(
        "estimado estimada estimados usted ustedes atentamente cordialmente sr sra srta don doña le agradezco",
        (
            "un cordial saludo",
            "reciba un cordial",
            "le agradezco",
            "quedo a su disposición",
            "quedo a la espera",
            "le saluda",
            "me dirijo a usted",
            "les agradezco",
        ),
        "tú te ti tu tus vale genial abrazo abrazos besos oye jaja guay chao porfa ok súper",
        ("un abrazo", "nos vemos", "hasta luego!", "gracias!", "¡gracias!"),
    ),
    "pt": _m(
        "prezado prezada prezados prezadas senhor senhora sr sra atenciosamente cordialmente cumprimentos vossa exa",
        (
            "com os melhores cumprimentos",
            "venho por este meio",
            "fico a aguardar",
            "fico no aguardo",
            "agradeço a atenção",
            "agradeço desde já",
            "o senhor",
            "a senhora",
        ),
        "oi tu te abraço abraços abs bjs beijos valeu beleza blz fechado show kkk rs tchau ok",
        ("tudo bem?", "até mais", "um abraço", "grande abraço", "obrigado!", "obrigada!"),
    ),
    "it": _m(
        "gentile gentilissimo gentilissima egregio egregia spettabile spett dott dott.ssa ing sig sig.ra avv",
        (
            "cordiali saluti",
            "distinti saluti",
            "la ringrazio",
            "resto in attesa",
            "rimango in attesa",
            "la prego",
            "le invio",
            "le scrivo",
            "porgo",
        ),
        "ciao tu ti tuo tua tuoi tue baci dai figo ok super",
        ("a presto", "un abbraccio", "grazie mille!", "ci sentiamo", "ciao ciao"),
        formal_pronoun=_MID_SENTENCE + r"(?:Lei|La|Le|Suo|Sua|Suoi|Sue)\b",
    ),
    "nl": _m(
        "geachte hoogachtend u uw meneer mevrouw heer dhr mw",
        ("met vriendelijke groet", "vriendelijke groeten", "graag verneem ik", "met vriendelijke groeten"),
        "hoi hey doei groetjes je jij jou jouw ff toppie top gr dankjewel thanks ok prima",
        ("dank je", "tot snel", "tot zo"),
    ),
}


def _with_english(markers: Markers) -> Markers:
    """Contacts switch to English now and then; English greetings and slang read the same."""
    english = MARKERS["en"]
    return Markers(
        markers.formal_words | english.formal_words,
        markers.formal_phrases + english.formal_phrases,
        markers.casual_words | english.casual_words,
        markers.casual_phrases + english.casual_phrases,
        markers.formal_pronoun,
        markers.contractions_are_casual,
    )


MARKERS.update({language: _with_english(m) for language, m in MARKERS.items() if language != "en"})
EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]")
UNIVERSAL_CASUAL = ("!!", ":)", ":-)", ";)", ":d", ":p", "haha", "xd", "lol")
