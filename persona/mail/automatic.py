"""Auto-replies and bounces: mail a robot sent, which says nothing about the person.

Out-of-office and vacation notices and delivery failures are recognised by their subject
(any time) or by their opening lines (when they arrive soon after our email, as robots do).
Exports rarely carry `Auto-Submitted` headers (RFC 3834), so subject, body and timing are
what there is. Markers cover en, de, fr, es, pt, it and nl.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta
from enum import StrEnum


class Automatic(StrEnum):
    auto_reply = "auto-reply"
    bounce = "bounce"


_BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered|delivery (?:status notification|failure|has failed|failed|incomplete|report)|"
    r"mail delivery (?:failed|failure|subsystem|system)|returned mail|failure notice|returned to sender|"
    r"nondeliverable|non-delivery|unzustellbar|nicht zustellbar|zustellung (?:fehlgeschlagen|gescheitert)|"
    r"nicht zugestellt|non remis|non distribu|[ée]chec de (?:la )?(?:remise|livraison|distribution)|"
    r"no se puede entregar|no entregado|no se pudo entregar|error de entrega|fallo en la entrega|"
    r"n[ãa]o (?:foi )?entregue|n[ãa]o p[ôo]de ser entregue|falha na entrega|impossibile recapitare|non recapitabile|"
    r"non consegnat|mancato recapito|onbestelbaar|niet bezorgd|kan niet worden bezorgd|bezorging mislukt",
    re.IGNORECASE,
)
_AUTO_SUBJECT = re.compile(
    r"^(?:auto(?:matic)?[ -]?(?:reply|response|answer)|autoreply|out of (?:the )?office|ooo\b|on vacation|on leave|"
    r"away from (?:the )?office|abwesenheit|abwesend|automatische antwort|automatische r[üu]ckantwort|"
    r"r[ée]ponse automatique|absence|absent|(?:en )?cong[ée]s?|respuesta autom[áa]tica|fuera de (?:la )?oficina|"
    r"ausente|ausencia|resposta autom[áa]tica|fora do escrit[óo]rio|aus[êe]ncia|risposta automatica|"
    r"fuori (?:sede|ufficio)|assente|assenza|automatisch antwoord|afwezig|afwezigheid|niet aanwezig|"
    r"out of office|vacation reply)|"
    r"\b(?:automatic reply|auto-?reply|autoresponder|out of (?:the )?office|abwesenheitsnotiz|"
    r"automatische antwort|r[ée]ponse automatique|respuesta autom[áa]tica|resposta autom[áa]tica|"
    r"risposta automatica|automatisch antwoord|afwezigheidsbericht)\b",
    re.IGNORECASE,
)
_BOUNCE_BODY = re.compile(
    r"mailer-daemon|postmaster|delivery (?:has )?failed|could not be delivered|couldn't be delivered|"
    r"wasn't delivered|was not delivered|address (?:couldn't be found|not found)|recipient address rejected|"
    r"user unknown|mailbox (?:unavailable|not found|full)|permanent (?:error|failure)|550[ -]5\.\d\.\d|"
    r"konnte nicht zugestellt|nicht zugestellt werden|unzustellbar|n'a pas pu [êe]tre (?:remis|distribu|livr)|"
    r"no se (?:ha )?pud(?:o|ieron) entregar|n[ãa]o (?:p[ôo]de|foi poss[íi]vel) (?:ser )?entreg|"
    r"non (?:è stato|e' stato|può essere) (?:recapitat|consegnat)|kon niet (?:worden )?bezorgd|"
    r"niet (?:worden )?afgeleverd",
    re.IGNORECASE,
)
_AUTO_BODY = re.compile(
    r"out of (?:the )?office|i am (?:currently )?(?:away|out|on (?:annual |parental |sick )?leave|on vacation|"
    r"travell?ing|on holiday)|i'm (?:currently )?(?:away|out of|on (?:annual |parental )?leave|on vacation|on holiday)|"
    r"(?:limited|no) access to (?:my )?e-?mail|automatic(?:ally generated)? (?:reply|response|message)|"
    r"auto-?reply|this is an automated|will (?:respond|reply|get back to you) (?:to your (?:e-?mail|message) )?"
    r"(?:up)?on my return|back in the office|returning on|"
    r"nicht im b[üu]ro|abwesend|au(?:ß|ss)er haus|im urlaub|automatische antwort|automatisch erstellt|"
    r"ab dem \d+\.\s*\w+ wieder|nach meiner r[üu]ckkehr|keinen zugriff auf (?:meine )?e-?mails?|"
    r"je suis (?:actuellement )?(?:absente?|en cong[ée]s?|en vacances|hors du bureau|en d[ée]placement)|"
    r"r[ée]ponse automatique|message automatique|d[èe]s mon retour|[àa] mon retour|"
    r"estoy (?:fuera|de vacaciones|ausente)|fuera de (?:la )?oficina|respuesta autom[áa]tica|a mi regreso|"
    r"mensaje autom[áa]tico|"
    r"estou (?:ausente|fora|de f[ée]rias)|fora do escrit[óo]rio|resposta autom[áa]tica|ao meu regresso|"
    r"quando (?:eu )?(?:voltar|regressar)|mensagem autom[áa]tica|"
    r"sono (?:fuori (?:ufficio|sede)|in ferie|assente)|fuori ufficio|risposta automatica|al mio rientro|"
    r"messaggio automatico|"
    r"ik ben (?:afwezig|niet aanwezig|met vakantie|op vakantie|niet op kantoor)|automatisch antwoord|"
    r"na mijn terugkomst|bij terugkomst|automatisch gegenereerd",
    re.IGNORECASE,
)
ROBOT_DELAY = timedelta(minutes=30)  # robots answer within minutes; body markers count inside this
BODY_PREFIX = 400  # markers sit in the opening lines


# Words that start a subject marker: a subject with none of them is skipped without a regex.
_SUBJECT_TRIGGERS = frozenset(
    "auto automatic autoreply autoresponder out ooo vacation leave away abwesenheit abwesend abwesenheitsnotiz "
    "automatische réponse reponse absence absent congé congés conge conges respuesta fuera ausente ausencia resposta "
    "fora ausência risposta fuori assente assenza automatisch afwezig afwezigheid afwezigheidsbericht niet "
    "undeliverable undelivered delivery mail returned failure nondeliverable non unzustellbar nicht zustellung "
    "échec echec no não "
    "nao falha impossibile mancato onbestelbaar kan bezorging error fallo".split()
)
_WORDS = re.compile(r"\w+")


_REPLY_PREFIX = re.compile(r"(?:\s*(?:re|aw|antw|sv|r|rif|fw|fwd|wg|tr|enc|rv)\s*:)+", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _subject_kind(subject: str) -> Automatic | None:
    # Robots put their marker first ("Automatic reply: …", "Undeliverable: …", "RE: Out of
    # Office"): a subject whose first word is no trigger is skipped without the big regexes.
    prefix = _REPLY_PREFIX.match(subject)
    first = _WORDS.search(subject, prefix.end() if prefix else 0)
    if first is None or first.group().lower() not in _SUBJECT_TRIGGERS:
        return None
    if _BOUNCE_SUBJECT.search(subject):
        return Automatic.bounce
    if _AUTO_SUBJECT.search(subject):
        return Automatic.auto_reply
    return None


def _body_kind(body: str) -> Automatic | None:
    head = body[:BODY_PREFIX]
    if _BOUNCE_BODY.search(head):
        return Automatic.bounce
    if _AUTO_BODY.search(head):
        return Automatic.auto_reply
    return None


def automatic_kind(
    subject: str | None, body: str | None, sent_at: datetime | None, our_last_email: datetime | None
) -> Automatic | None:
    """What robot sent this inbound email (sent at `sent_at`), if one did.

    The subject decides on its own; body markers count only for an answer within ROBOT_DELAY
    of our last email, because a person who writes "I was on vacation" days later is a person.
    """
    if subject:
        kind = _subject_kind(subject[:200])
        if kind is not None:
            return kind
    if body and sent_at is not None and our_last_email is not None and sent_at - our_last_email <= ROBOT_DELAY:
        return _body_kind(body)
    return None


def clear_caches() -> None:
    """Forget cached results (benchmarks measure a cold start)."""
    _subject_kind.cache_clear()
