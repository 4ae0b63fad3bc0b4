"""Model prose that agrees with the evidence: sentences claiming other values are dropped.

The categorical fields come from the signals, but the model's prose could still say "she'd
rather get a call" when the contact measurably prefers e-mail, or "buys mostly in spring"
when seasonality is unknown. Each sentence is read for claims about channel, formality,
responsiveness, decision speed, price sensitivity and season (English and German phrasings);
a claim that differs from the measured value, or any claim where the signal is `unknown`,
drops the sentence. Sentences that admit the field is unknown claim nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from persona.models import UNKNOWN, Signals

_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# A sentence that says a field is not known claims nothing about it.
_UNKNOWN_TALK = _rx(
    r"\bunknown\b|\bunclear\b|\bnot (yet )?(enough|clear|known)\b|\binsufficient\b|\bno clear\b|\btoo (few|little)\b|"
    r"\bunbekannt\b|\bunklar\b|\bnicht (genug|bekannt|klar)\b|\bzu wenig"
)

# -- channel: a preference cue followed by a channel word -------------------------------------
_PREFERENCE = _rx(
    r"\bprefer\w*|\brather\b|\bfavou?r\w*|\blikes?\b|\blove[sd]?\b|\bbest (reached|contacted|way)\b|\bgo-to\b|"
    r"\bprimarily\b|\bmostly\b|\bopts? for\b|\bgravitates?\b|\bbevorzug\w*|\blieber\b|\bam liebsten\b|"
    r"\bam besten\b|\bbeliebteste\w*|\bmag\b"
)
_CHANNEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("phone", _rx(r"\b(phone|telephone|calls?|calling|ring|anruf\w*|telefon\w*|anzurufen|rufen)\b")),
    ("email", _rx(r"\b(e-?mails?|e-?mailing|written|in writing|writing|schriftlich\w*|mails?)\b")),
    ("meeting", _rx(r"\b(meetings?|in[- ]person|face[- ]to[- ]face|video ?calls?|treffen|termin\w*|persönlich)\b")),
    ("chat", _rx(r"\b(chat\w*|slack|instant messag\w*|messenger|teams messages?|whats ?app)\b")),
)


def _channel_claims(sentence: str) -> set[str]:
    cue = _PREFERENCE.search(sentence)
    if not cue:
        return set()
    after = sentence[cue.start() :]
    found = [(m.start(), channel) for channel, rx in _CHANNEL_WORDS if (m := rx.search(after))]
    if not found:  # German puts the verb last: "per Telefon erreicht man sie am besten"
        found = [(m.start(), channel) for channel, rx in _CHANNEL_WORDS if (m := rx.search(sentence))]
    if not found:
        return set()
    # "prefers email over phone", "lieber per Telefon als per Mail": the first one named wins,
    # except that a video call is a meeting, not a phone call.
    found.sort()
    return {found[0][1]}


# -- the other fields: phrasings per value (negated phrasings listed before plain ones) -------
_Claims = tuple[tuple[str, re.Pattern[str]], ...]

_FORMALITY: _Claims = (
    ("mixed", _rx(r"\bmix(ed|es)?\b.*\b(formal|casual|tone)|\bboth formal and (casual|informal)|\bgemischt")),
    ("casual", _rx(r"\bnot (very |at all )?formal\b|\bnicht (sehr |besonders )?förmlich")),
    ("formal", _rx(r"\bnot (very |at all )?(casual|informal)\b|\bnicht (sehr )?locker")),
    (
        "casual",
        _rx(
            r"\bcasual\w*|\binformal\w*|\brelaxed\b|\blaid[- ]back\b|\bfirst[- ]name\b|\bemojis?\b|\blocker\w*|"
            r"\bleger\w*|\bduzt\b|\bdu-form|\bunkompliziert\w*|\binformell\w*|\blässig\w*"
        ),
    ),
    (
        "formal",
        _rx(
            r"\bformal\w*|\bformally\b|\bpolite and structured\b|\bförmlich\w*|\bformell\w*|\bsiezt\b|"
            r"\bsie-form|\bhöflich-distanziert"
        ),
    ),
)
_RESPONSIVENESS: _Claims = (
    (
        "needs_follow_up",
        _rx(
            r"\bnot (very |always )?responsive|\bunresponsive|\bneeds? (a |several |multiple )?(follow[- ]?ups?|"
            r"reminders?|chasing|nudg\w*)|\bfollow[- ]?ups? (are|is) (needed|required|necessary)|\bslow to "
            r"(reply|respond|answer)|\brarely (replies|responds|answers)|\bhard to reach|\boften ignores|"
            r"\bchase\b|\bnachfass\w*|\bnachhak\w*|\berinnerung\w* (nötig|notwendig|braucht)|"
            r"\bantwortet (selten|langsam|spät|kaum)|\bschwer erreichbar|\breagiert (selten|langsam|kaum)"
        ),
    ),
    (
        "responsive",
        _rx(
            r"\bresponsive|\b(replies|responds|answers|gets back)\b[^.]{0,30}\b(quickly|promptly|fast|"
            r"immediately|swiftly|within (hours|a day|the day))|\bquick to (reply|respond|answer)|"
            r"\bprompt (replies|responses|answers)|\b(antwortet|reagiert)\b[^.]{0,30}\b(schnell|zügig|prompt|"
            r"umgehend|sofort)|\bgut erreichbar"
        ),
    ),
)
_SPEED: _Claims = (
    (
        "deliberate",
        _rx(
            r"\bnot (a )?(quick|fast)\b[^.]{0,20}\bdeci|\bdeliberat\w*|\btakes? (\w+ )?time to decide|"
            r"\b(slow|careful|cautious|methodical)\w* (to decide|decision|decider|buyer)|"
            r"\blong (sales |decision |deal )?cycles?|\bentscheidet (langsam|bedächtig|sorgfältig|vorsichtig)|"
            r"\b(lange|langsame)\w* "
            r"(entscheidungs|verkaufs)\w*|\bwägt\b[^.]{0,30}\bab\b|\blässt sich zeit"
        ),
    ),
    (
        "quick",
        _rx(
            r"\bdecides? (quickly|fast|rapidly|swiftly)|\b(quick|fast|rapid|swift)\w* (decision|decider|to decide|"
            r"buyer|close)|\bdecisive\w*|\bshort (sales |decision |deal )?cycles?|\bentscheidet (schnell|rasch|zügig)|"
            r"\b(schnelle|rasche)\w* entscheid\w*|\bentscheidungsfreudig"
        ),
    ),
)
_PRICE: _Claims = (
    (
        "low",
        _rx(
            r"\bnot (very |particularly |overly |especially )?(price[- ]sensitive|price[- ]conscious|"
            r"concerned (about|with) (the )?price)|\bprice[- ]insensitive|\bprice (is|was) (not|never|rarely) "
            r"(a|the|an) (concern|issue|factor|priority)|\b(rarely|never|seldom) (asks?|pushes?|negotiates?) "
            r"(for|on)? ?(a )?(discount|price)|\bvalue over price|\blow price sensitivity|\bnicht "
            r"(sehr |besonders )?(preissensibel|preisbewusst|preisempfindlich)|\bpreis spielt (kaum |keine )"
            r"|\bpreis ist (kein|nicht das)|\b(fragt|verhandelt) (selten|nie|kaum)\b[^.]{0,20}(rabatt|preis)"
        ),
    ),
    (
        "medium",
        _rx(
            r"\b(moderately|somewhat|fairly|mildly) (price[- ]sensitive|price[- ]conscious)|\bmedium price|"
            r"\bmoderate price|\bsmall discounts?|\bmittlere\w* preissensib|\beinigermaßen preis"
        ),
    ),
    (
        "high",
        _rx(
            r"\b(very |highly |extremely |quite )?price[- ](sensitive|conscious|driven)|\bhigh price sensitivity|"
            r"\bhaggl\w*|\bpush(es)? (back )?on price|\bnegotiates? (hard|every|on price)|\bdiscount[- ]driven|"
            r"\b(asks?|asking|pushes|pushing) for (a |bigger |larger )?discounts?|\bbudget[- ]conscious|"
            r"\bpreissensib\w*|\bpreisbewusst\w*|\bpreisempfindlich\w*|\bfeilsch\w*|\bverhandelt hart|"
            r"\b(fragt|bittet|drängt)\b[^.]{0,20}\brabatt"
        ),
    ),
)
_SEASON_WORDS: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = (
    (frozenset({"Q1"}), _rx(r"\bQ1\b|\bfirst quarter|\bersten quartal|\bjan(uary)?\b|\bjanuar\b|\bfeb(ruary|ruar)?\b")),
    (frozenset({"Q2"}), _rx(r"\bQ2\b|\bsecond quarter|\bzweiten quartal|\bapril\b|\bmay\b|\bmai\b|\bjune?\b|\bjuni\b")),
    (frozenset({"Q3"}), _rx(r"\bQ3\b|\bthird quarter|\bdritten quartal|\bjuly?\b|\bjuli\b|\baug(ust)?\b|\bsep\w*")),
    (
        frozenset({"Q4"}),
        _rx(
            r"\bQ4\b|\bfourth quarter|\bvierten quartal|\byear[- ]end|\bend of (the )?year|\bjahresende|"
            r"\bokt\w*|\boct\w*|\bnov\w*|\bdec(ember)?\b|\bdez\w*|\bchristmas|\bweihnacht"
        ),
    ),
    (frozenset({"Q1", "Q2"}), _rx(r"\bspring\w*|\bfrühling\w*|\bfrühjahr\w*|\bmarch\b|\bmärz\b")),
    (frozenset({"Q2", "Q3"}), _rx(r"\bsummer\w*|\bsommer\w*")),
    (frozenset({"Q3", "Q4"}), _rx(r"\bautumn\w*|\bfall\b|\bherbst\w*")),
    (frozenset({"Q4", "Q1"}), _rx(r"\bwinter\w*")),
)
_BUYING = _rx(
    r"\b(buy\w*|bought|purchas\w*|orders?|ordering|renew\w*|spend\w*|budget\w*|procure\w*|kauf\w*|"
    r"bestell\w*|einkauf\w*|beschaff\w*|erneuer\w*|auftr\w*)\b"
)
_NO_SEASON = _rx(
    r"\b(year[- ]round|all year|throughout the year|no (clear )?season\w*|not seasonal|spread (evenly )?"
    r"(across|over|throughout) the year|ganzjährig|das ganze jahr|keine saison\w*|übers jahr verteilt)"
)


def _first(claims: _Claims, sentence: str) -> set[str]:
    for value, rx in claims:
        if rx.search(sentence):
            return {value}
    return set()


def _season_claims(sentence: str) -> set[frozenset[str]]:
    if not _BUYING.search(sentence):
        return set()
    if _NO_SEASON.search(sentence):
        return {frozenset({"none"})}
    return {quarters for quarters, rx in _SEASON_WORDS if rx.search(sentence)}


@dataclass(frozen=True)
class _Field:
    name: str
    measured: Callable[[Signals], str]
    claims: Callable[[str], set[str]]


_FIELDS = (
    _Field("preferred_channel", lambda s: s.preferred_channel.value, _channel_claims),
    _Field("formality", lambda s: s.formality.value, lambda text: _first(_FORMALITY, text)),
    _Field("responsiveness", lambda s: s.responsiveness.value, lambda text: _first(_RESPONSIVENESS, text)),
    _Field("decision_speed", lambda s: s.decision_speed.value, lambda text: _first(_SPEED, text)),
    _Field("price_sensitivity", lambda s: s.price_sensitivity.value, lambda text: _first(_PRICE, text)),
)


def contradictions(sentence: str, signals: Signals) -> list[str]:
    """The fields whose measured value this sentence contradicts (empty: it agrees)."""
    if _UNKNOWN_TALK.search(sentence):
        return []
    wrong = [f.name for f in _FIELDS if (claimed := f.claims(sentence)) and claimed != {f.measured(signals)}]
    season = signals.seasonality.value
    if any(season == UNKNOWN or season not in quarters for quarters in _season_claims(sentence)):
        wrong.append("seasonality")  # a claim where the signal is unknown is wrong whatever it says
    return wrong


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


@dataclass(frozen=True)
class Checked:
    text: str  # the sentences that agree with the signals, joined again
    kept: int
    dropped: int


def agreeing(text: str, signals: Signals) -> Checked:
    """`text` without the sentences that contradict the measured signals."""
    kept: list[str] = []
    dropped = 0
    for sentence in sentences(text):
        if contradictions(sentence, signals):
            dropped += 1
        else:
            kept.append(sentence)
    return Checked(" ".join(kept), len(kept), dropped)
