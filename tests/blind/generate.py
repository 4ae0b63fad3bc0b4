"""Blind set for issue 10: messy, realistic CRM histories with planted behaviour and a known truth.

Written without reading the signal code (persona/signals/), its tests or the earlier planted
generator, from the issue's rules only. `generate(seed)` gives ~80 contacts per seed
(`random.Random(seed)`, pure stdlib, deterministic); `export(seed)` the same as the JSON export
format. Each `Case` carries the History, the planted truth for the six categorical fields, whether
the contact was planted thin (every field `unknown`), and feature tags used to check coverage.

What the data looks like (every text trap sits next to a clear planted truth):
- Contacts write in en, de, fr, es, pt, it, nl, formally (Sie/vous/usted/Lei/u, "Dear Mr.",
  "Mit freundlichen Grüßen") or casually (du/tu/tú/je, slang, emoji), or a balanced mix.
- Their replies sit above the quoted rep message, in Gmail, Outlook ("-----Original Message-----",
  "Von:/Gesendet:", "De :/Envoyé :", "De:/Enviado:", ...), Apple Mail and Thunderbird styles in the
  contact's language, as HTML (<div>, <br>, <blockquote>, Outlook's divRplyFwdMsg), or forwarding
  the rep's mail. The quoted rep text is formal and often offers a discount, so reading quotes
  gets formality and price wrong.
- Signatures: name, title, phones in several formats, website, a formal legal disclaimer, or
  "Sent from my iPhone" in the contact's language.
- Out-of-office auto-replies in the contact's language arrive 1-5 minutes after our email; bounces
  (mailer-daemon, "Undeliverable", "Delivery Status Notification (Failure)") within 2 minutes.
- Calls (connected, no_answer, voicemail) with the rep's recap email 5-40 minutes after a
  connected call; meetings held the day after our email (the answer to it);
  chats; internal notes; call and meeting summaries with the contact's price talk.
- Deals: closed (won/lost) deals carry the planted discount; open deals sit in the pipeline with
  0% (or, for a price-indifferent contact, a large draft discount) and never count for price.
  Open deals appear only on planted-deliberate contacts and are long-open (200+ days).
- Purchases planted in one quarter across 3 years, spread evenly (none), or too few (unknown).

The planted truth follows the issue's rules: only the contact's own words show formality and
price talk; auto-replies and bounces are neither answers nor engagements nor writing; a meeting
within 2 days after our email answers it; an email of ours right after a connected call is a
recap, not outreach; a contact answering email within hours who never picks up our cold calls
is responsive (and prefers email); an open deal's discount does not count. Fields planted
`unknown`: too thin (formality from <= 2 own messages, <= 1 closed deal for price, < 3
purchases, too few deals) or too even (channels used equally, half the outreach answered at
once and half only after chasers, one quick and one slow deal).
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from crm.models import Contact, Deal, DealStatus, Direction, History, Interaction, InteractionType, Purchase
from tests.blind.phrases import (
    COMPANIES,
    LANG,
    NAMES,
    OUR_DOMAIN,
    PHONES,
    REPS,
    TITLES,
    TZ_HOURS,
    Lang,
    fmt_date,
)

FIELDS = ("preferred_channel", "formality", "responsiveness", "decision_speed", "price_sensitivity", "seasonality")
VOCABULARY: dict[str, tuple[str, ...]] = {
    "preferred_channel": ("email", "phone", "meeting", "chat", "unknown"),
    "formality": ("formal", "casual", "mixed", "unknown"),
    "responsiveness": ("responsive", "needs_follow_up", "unknown"),
    "decision_speed": ("quick", "deliberate", "unknown"),
    "price_sensitivity": ("high", "medium", "low", "unknown"),
    "seasonality": ("Q1", "Q2", "Q3", "Q4", "none", "unknown"),
}
FULL_CONTACTS = 72
THIN_CONTACTS = 10
CLIENTS = ("gmail", "outlook", "apple", "thunderbird", "html_gmail", "html_outlook")


@dataclass(frozen=True)
class Case:
    history: History
    truth: dict[str, str]
    thin: bool
    lang: str
    features: frozenset[str]


@dataclass
class _Plan:
    lang: str
    formality: str
    channel: str
    responsiveness: str
    price: str
    speed: str
    seasonality: str
    client: str
    ooo: bool
    bounce: bool
    cold_calls: bool

    def truth(self) -> dict[str, str]:
        return {
            "preferred_channel": self.channel,
            "formality": self.formality,
            "responsiveness": self.responsiveness,
            "decision_speed": self.speed,
            "price_sensitivity": self.price,
            "seasonality": self.seasonality,
        }


def _cycle(rng: random.Random, values: list[str]) -> Iterator[str]:
    """Every value in fixed proportions (a reshuffled bag per round), so each seed plants all of them
    and no two fields stay locked together."""
    while True:
        bag = list(values)
        rng.shuffle(bag)
        yield from bag


def _plans(rng: random.Random) -> list[_Plan]:
    langs = _cycle(rng, ["en", "en", "en", "de", "de", "fr", "fr", "es", "es", "pt", "it", "nl"])
    formality_by_lang = {
        lang: _cycle(rng, ["formal", "casual", "mixed", "formal", "casual", "unknown"]) for lang in LANG
    }
    channels = _cycle(rng, ["email", "email", "phone", "meeting", "chat", "unknown", "email", "chat"])
    written_free = _cycle(rng, ["phone", "meeting"])
    responsiveness = _cycle(
        rng, ["responsive", "responsive", "needs_follow_up", "responsive", "needs_follow_up", "unknown"]
    )
    prices = _cycle(rng, ["high", "medium", "low", "unknown", "high", "low"])
    speeds_known_price = _cycle(rng, ["quick", "deliberate", "unknown", "quick", "deliberate"])
    speeds_unknown_price = _cycle(rng, ["deliberate", "unknown"])
    seasons = _cycle(rng, ["Q1", "Q2", "Q3", "Q4", "none", "unknown"])
    clients_by_lang = {lang: _cycle(rng, list(CLIENTS)) for lang in LANG}
    ooo_by_lang = {lang: _cycle(rng, ["yes", "no"]) for lang in LANG}
    plans = []
    for _ in range(FULL_CONTACTS):
        lang = next(langs)
        formality = next(formality_by_lang[lang])
        # Too few own messages for formality only works where the contact answers by voice or in person.
        channel = next(written_free) if formality == "unknown" else next(channels)
        resp = next(responsiveness)
        price = next(prices)
        speed = next(speeds_unknown_price) if price == "unknown" else next(speeds_known_price)
        plans.append(
            _Plan(
                lang=lang,
                formality=formality,
                channel=channel,
                responsiveness=resp,
                price=price,
                speed=speed,
                seasonality=next(seasons),
                client=next(clients_by_lang[lang]) if formality != "unknown" else "gmail",
                ooo=resp != "unknown" and next(ooo_by_lang[lang]) == "yes",
                bounce=resp != "unknown" and rng.random() < 0.25,
                cold_calls=False,
            )
        )
        if channel == "email" and resp == "responsive" and rng.random() < 0.6:
            # answers email within hours, never picks up our cold calls; no other noise on their answers
            plans[-1].cold_calls, plans[-1].ooo, plans[-1].bounce = True, False, False
    return plans


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return folded.lower().replace(" ", "")


@dataclass
class _Rep:
    first: str
    last: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def email(self) -> str:
        return f"{self.first.lower()}.{self.last.lower()}@{OUR_DOMAIN}"


@dataclass
class _Sent:
    """One rep email as the contact's client will quote it."""

    at: datetime
    subject: str
    text: str
    offer: bool


@dataclass
class _Builder:
    rng: random.Random
    cid: str
    plan: _Plan
    items: list[Interaction] = field(default_factory=list)
    features: set[str] = field(default_factory=set)
    written: int = 0
    summaries: list[str] = field(default_factory=list)  # price talk still to plant in call/meeting/note text
    own_price: int = 0  # own messages still to carry price talk

    def __post_init__(self) -> None:
        rng = self.rng
        self.lang: Lang = LANG[self.plan.lang]
        self.first, self.last = rng.choice(NAMES[self.plan.lang])
        self.company, self.domain = rng.choice(COMPANIES[self.plan.lang])
        self.email = f"{_ascii(self.first)}.{_ascii(self.last)}@{self.domain}"
        self.title = rng.choice(TITLES[self.plan.lang])
        self.phone = rng.choice(PHONES[self.plan.lang])
        self.tz = timezone(timedelta(hours=rng.choice(TZ_HOURS[self.plan.lang])))
        self.rep = _Rep(*rng.choice(REPS))
        self.signature = self._signature()
        self.mixed_next = rng.choice(["formal", "casual"])
        self.thread = 0

    # -- records -------------------------------------------------------------------------------
    def add(
        self,
        kind: str,
        direction: str,
        at: datetime,
        *,
        subject: str | None = None,
        body: str | None = None,
        duration_seconds: int | None = None,
        outcome: str | None = None,
        thread_id: str | None = None,
    ) -> None:
        self.items.append(
            Interaction(
                id=f"{self.cid}-i{len(self.items) + 1}",
                type=InteractionType(kind),
                direction=Direction(direction),
                timestamp=at.replace(microsecond=0),
                subject=subject,
                body=body,
                duration_seconds=duration_seconds,
                outcome=outcome,
                thread_id=thread_id,
            )
        )

    def new_thread(self) -> str:
        self.thread += 1
        return f"{self.cid}-t{self.thread}"

    # -- the rep ------------------------------------------------------------------------------
    def rep_email(self, at: datetime, subject: str, thread: str, purpose: str) -> _Sent:
        lang = self.lang if self.rng.random() < 0.75 else LANG["en"]
        body = {
            "intro": self.rng.choice(lang.rep_intro),
            "chaser": lang.rep_chaser,
            "meeting": lang.rep_meeting,
            "recap": lang.rep_recap,
        }[purpose]
        parts = [lang.rep_greet.format(first=self.first, last=self.last), body]
        chance = {"intro": 0.6, "recap": 0.6, "chaser": 0.3, "meeting": 0.0}[purpose]
        offer = self.rng.random() < chance
        if offer:
            parts.append(lang.rep_offer.format(pct=self.rng.choice([10, 12, 15, 20, 25])))
            self.features.add("rep_offers_discount")
        parts.append(f"{lang.rep_close}\n{self.rep.name}\nAccount Executive | Acme Analytics\n+1 415 555 0100")
        text = "\n\n".join(parts)
        if self.rng.random() < 0.2:
            html = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in parts)
            self.add(
                "email", "outbound", at, subject=subject, body=f"<html><body>{html}</body></html>", thread_id=thread
            )
            self.features.add("html_outbound")
        else:
            self.add("email", "outbound", at, subject=subject, body=text, thread_id=thread)
        return _Sent(at, subject, text, offer)

    def rep_chat(self, at: datetime, chaser: bool = False) -> None:
        text = (
            f"Hi {self.first}, just checking in on my last message :)"
            if chaser
            else f"Hi {self.first}, do you have a minute for a quick question about the rollout?"
        )
        self.add("chat", "outbound", at, body=text)

    # -- the contact --------------------------------------------------------------------------
    def style(self) -> str:
        formality = self.plan.formality
        if formality in ("formal", "casual"):
            return formality
        if formality == "mixed":
            current, self.mixed_next = self.mixed_next, "casual" if self.mixed_next == "formal" else "formal"
            return current
        return self.rng.choice(["formal", "casual"])

    def own_words(self, chat: bool = False) -> str:
        """What the contact writes: markers of their style, in their language, maybe price talk."""
        lang, rng, style = self.lang, self.rng, self.style()
        names = {"rep_first": self.rep.first, "rep_last": self.rep.last}
        greet = rng.choice(lang.formal_greet if style == "formal" else lang.casual_greet).format(**names)
        lines = rng.sample(lang.formal_lines if style == "formal" else lang.casual_lines, 1 if chat else 2)
        if self.own_price > 0:
            self.own_price -= 1
            talk = lang.price_formal if style == "formal" else lang.price_casual
            lines.append(talk[self.plan.price])
            self.features.add(f"own_price_talk:{self.plan.price}")
        self.written += 1
        self.features.add(f"writes:{self.plan.lang}:{style}")
        if chat:
            return f"{greet} {' '.join(lines)}"
        close = rng.choice(lang.formal_close if style == "formal" else lang.casual_close)
        return f"{greet}\n\n{' '.join(lines)}\n\n{close}\n{self.first}"

    def _signature(self) -> str:
        rng, lang = self.rng, self.lang
        kind = rng.choice(["corporate", "corporate", "short", "mobile", "dashes"])
        self.features.add(f"signature:{kind}")
        web = f"www.{self.domain}"
        if kind == "short":
            return f"{self.first} {self.last[0]}.\n{self.phone}"
        if kind == "mobile":
            return lang.mobile_sig
        other = rng.choice(PHONES[self.plan.lang])
        lines = [
            f"{self.first} {self.last}",
            f"{self.title} | {self.company}",
            f"T: {self.phone} | M: {other}",
            web,
        ]
        if kind == "dashes":
            lines.insert(0, "-- ")
        self.features.update({"signature:phone", "signature:title", "signature:website", "signature:disclaimer"})
        return "\n".join(lines) + "\n\n" + lang.disclaimer

    def client(self) -> str:
        if self.rng.random() < 0.7:
            return self.plan.client
        return self.rng.choice(CLIENTS)

    def contact_email(self, at: datetime, sent: _Sent, thread: str) -> None:
        """A reply above the quoted rep message, in the contact's mail client."""
        own = self.own_words()
        client = self.client()
        lang = self.lang if self.rng.random() < 0.85 else LANG["en"]
        subject = lang.re + sent.subject
        self.features.add("quoted_rep_text")
        if sent.offer and self.plan.price in ("low", "unknown"):
            self.features.add(f"quotes_offer:{self.plan.price}")
        if self.plan.formality == "casual":
            self.features.add("casual_quotes_formal_rep")
        if self.rng.random() < 0.08:
            body = self._forward(own, sent, lang)
            subject = lang.fwd + sent.subject
            client = "forward"
        elif client == "html_gmail":
            body = self._html_gmail(own, sent, lang)
        elif client == "html_outlook":
            body = self._html_outlook(own, sent, lang)
        else:
            body = f"{own}\n\n{self.signature}\n\n{self._quote(client, sent, lang)}"
        self.features.add(f"quote:{client}:{lang.code}")
        self.add("email", "inbound", at, subject=subject, body=body, thread_id=thread)

    def _header(self, client: str, sent: _Sent, lang: Lang) -> str:
        at = sent.at.astimezone(self.tz)
        pattern = {"gmail": lang.gmail, "apple": lang.apple, "thunderbird": lang.thunderbird}[client]
        line = fmt_date(pattern, lang, at, rep=self.rep.name, email=self.rep.email)
        if client == "gmail" and len(line) > 76 and self.rng.random() < 0.3:
            cut = line.rfind(" ", 0, 70)
            line = line[:cut] + "\n" + line[cut + 1 :]  # Gmail wraps long attribution lines
            self.features.add("wrapped_header")
        return line

    def _outlook_block(self, sent: _Sent, lang: Lang) -> list[tuple[str, str]]:
        at = sent.at.astimezone(self.tz)
        _, frm, when, to, subj = lang.outlook
        return [
            (frm, f"{self.rep.name} <{self.rep.email}>"),
            (when, fmt_date(lang.outlook_sent, lang, at)),
            (to, f"{self.first} {self.last} <{self.email}>"),
            (subj, sent.subject),
        ]

    def _quote(self, client: str, sent: _Sent, lang: Lang) -> str:
        if client == "outlook":
            separator = lang.outlook[0] if self.rng.random() < 0.6 else "_" * 32
            fields = "\n".join(f"{label} {value}" for label, value in self._outlook_block(sent, lang))
            return f"{separator}\n{fields}\n\n{sent.text}"
        quoted = "\n".join(f"> {line}" if line else ">" for line in sent.text.splitlines())
        return f"{self._header(client, sent, lang)}\n\n{quoted}"

    def _forward(self, own: str, sent: _Sent, lang: Lang) -> str:
        at = sent.at.astimezone(self.tz)
        head = [
            lang.forward,
            f"From: {self.rep.name} <{self.rep.email}>",
            f"Date: {fmt_date('{D}, {d} {M} {Y} at {hm}', LANG['en'], at)}",
            f"Subject: {sent.subject}",
            f"To: {self.first} {self.last} <{self.email}>",
        ]
        return f"{own}\n\n{self.signature}\n\n" + "\n".join(head) + f"\n\n\n{sent.text}"

    def _html_gmail(self, own: str, sent: _Sent, lang: Lang) -> str:
        mine = own.replace("\n", "<br>")
        sig = self.signature.replace("\n", "<br>")
        quoted = sent.text.replace("\n", "<br>")
        header = self._header("gmail", sent, lang).replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")
        return (
            f'<div dir="ltr">{mine}<br><br><div class="gmail_signature">{sig}</div></div><br>'
            f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">{header}<br></div>'
            '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
            f'rgb(204,204,204);padding-left:1ex">{quoted}</blockquote></div>'
        )

    def _html_outlook(self, own: str, sent: _Sent, lang: Lang) -> str:
        mine = "".join(f"<div>{line or '<br>'}</div>" for line in own.splitlines())
        sig = "".join(f"<p style='margin:0'>{line}</p>" for line in self.signature.splitlines())
        fields = "<br>".join(
            f"<b>{label}</b> {value.replace('<', '&lt;').replace('>', '&gt;')}"
            for label, value in self._outlook_block(sent, lang)
        )
        quoted = "".join(f"<div>{line or '&nbsp;'}</div>" for line in sent.text.splitlines())
        return (
            f"<html><head><meta charset='utf-8'></head><body><div>{mine}</div><div>{sig}</div>"
            '<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
            f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri" style="font-size:11pt">{fields}</font>'
            f"<div>&nbsp;</div></div>{quoted}</body></html>"
        )

    def contact_chat(self, at: datetime) -> None:
        self.add("chat", "inbound", at, body=self.own_words(chat=True))
        self.features.add("chat")

    def auto_reply(self, at: datetime, sent: _Sent, thread: str) -> None:
        lang = self.lang
        back = (at + timedelta(days=self.rng.randint(5, 12))).astimezone(self.tz)
        subject = self.rng.choice(lang.ooo_subjects).format(subj=sent.subject)
        if self.rng.random() < 0.15:
            subject = lang.re + sent.subject  # some robots keep the subject; the body and timing give them away
        body = lang.ooo_body.format(
            date=f"{back.day:02d}.{back.month:02d}.{back.year}", colleague=f"office@{self.domain}", name=self.first
        )
        self.add("email", "inbound", at, subject=subject, body=body, thread_id=thread)
        self.features.add(f"ooo:{lang.code}")

    def bounce(self, at: datetime, sent: _Sent, thread: str) -> None:
        kind = self.rng.randrange(3)
        old = f"{_ascii(self.first)}@old-{self.domain}"
        if kind == 0:
            subject = f"Undeliverable: {sent.subject}"
            body = (
                f"Delivery has failed to these recipients or groups:\n\n{old}\nThe email address you entered "
                "couldn't be found. Please check the recipient's email address and try to resend the message.\n\n"
                "Diagnostic information for administrators:\nRemote Server returned '550 5.1.1 RESOLVER.ADR."
                "RecipNotFound; not found'"
            )
        elif kind == 1:
            subject = "Delivery Status Notification (Failure)"
            body = (
                f"** Address not found **\n\nYour message wasn't delivered to {old} because the address "
                "couldn't be found, or is unable to receive mail.\n\nThe response from the remote server was:\n"
                "550 5.1.1 The email account that you tried to reach does not exist."
            )
        else:
            subject = "Mail delivery failed: returning message to sender"
            body = (
                "This message was created automatically by mail delivery software (MAILER-DAEMON).\n\n"
                "A message that you sent could not be delivered to one or more of its recipients. This is a "
                f"permanent error. The following address(es) failed:\n\n  {old}\n    mailbox is full"
            )
        self.add("email", "inbound", at, subject=subject, body=body, thread_id=thread)
        self.features.add("bounce")

    # -- voice and meetings --------------------------------------------------------------------
    def summary(self, neutral: str) -> str:
        if self.summaries:
            self.features.add("summary_price_talk")
            return self.summaries.pop()
        return neutral

    def call(self, at: datetime, direction: str, connected: bool, recap: bool = True) -> datetime:
        if not connected:
            outcome = self.rng.choice(["no_answer", "no_answer", "voicemail"])
            self.add(
                "call",
                direction,
                at,
                duration_seconds=0,
                outcome=outcome,
                body="Left voicemail." if outcome == "voicemail" else None,
            )
            return at
        minutes = self.rng.randint(8, 35)
        neutral = self.rng.choice(
            [
                f"Call with {self.first}: walked through the rollout plan and integration questions.",
                f"Spoke with {self.first} about the pilot results; next steps agreed.",
                f"{self.first} called about user onboarding; answered questions on SSO.",
            ]
        )
        self.add(
            "call",
            direction,
            at,
            duration_seconds=minutes * 60,
            outcome="connected",
            subject="Call",
            body=self.summary(neutral),
        )
        end = at + timedelta(minutes=minutes)
        if recap and self.rng.random() < 0.75:
            subject = self.rng.choice(self.lang.subjects)
            self.rep_email(
                end + timedelta(minutes=self.rng.randint(5, 40)), f"Recap: {subject}", self.new_thread(), "recap"
            )
            self.features.add("recap_after_call")
            return end + timedelta(hours=1)
        return end

    def meeting(self, at: datetime, completed: bool = True) -> None:
        neutral = self.rng.choice(
            [
                f"Meeting with {self.first} and their team: demo of the reporting module, next steps agreed.",
                f"Quarterly review with {self.first}; usage is up, discussed the roadmap.",
            ]
        )
        self.add(
            "meeting",
            "outbound",
            at,
            subject="Meeting: " + self.rng.choice(self.lang.subjects),
            duration_seconds=self.rng.choice([1800, 2700, 3600]),
            outcome="completed" if completed else "no_show",
            body=self.summary(neutral) if completed else "Contact did not join.",
        )

    def note(self, at: datetime, text: str) -> None:
        self.add("note", "outbound", at, body=text)
        self.features.add("note")


_PRICE_SUMMARY = {
    "high": "{first} pushed hard on price again: says the quote is far above budget and asked for at least 20% off.",
    "medium": "{first} is fine with the price but asked us to include the onboarding training.",
    "low": "{first} said price is not the concern; the rollout date and reliability matter far more.",
}


def _business_hours(rng: random.Random, day: datetime) -> datetime:
    return day.replace(hour=rng.randint(9, 15), minute=rng.randrange(60), second=0, microsecond=0)


def _episode(b: _Builder, mode: str, fast: bool, t: datetime, ooo: bool, may_drop: bool) -> datetime:
    """One outreach of ours and what the contact does about it; returns when it ended."""
    rng = b.rng
    subject = rng.choice(b.lang.subjects)
    thread = b.new_thread()
    if mode == "chat":
        b.rep_chat(t)
        if fast:
            b.contact_chat(t + timedelta(minutes=rng.randint(2, 40)))
            return t + timedelta(hours=1)
        b.rep_chat(t + timedelta(days=2), chaser=True)
        b.rep_chat(t + timedelta(days=5), chaser=True)
        if may_drop and rng.random() < 0.25:
            return t + timedelta(days=5)
        b.contact_chat(t + timedelta(days=6, hours=rng.randint(1, 6)))
        return t + timedelta(days=7)
    if mode == "phone":
        if fast:  # they call back within hours, after our missed call or our email
            if rng.random() < 0.5:
                b.call(t, "outbound", connected=False)
            else:
                b.rep_email(t, subject, thread, "intro")
            return b.call(t + timedelta(hours=rng.uniform(1, 6)), "inbound", connected=True)
        b.call(t, "outbound", connected=False)
        b.call(t + timedelta(days=3), "outbound", connected=False)
        return b.call(t + timedelta(days=7), "outbound", connected=True)
    # email or meeting: our email first
    sent = b.rep_email(t, subject, thread, "meeting" if mode == "meeting" else "intro")
    if ooo:
        b.auto_reply(t + timedelta(minutes=rng.randint(1, 5)), sent, thread)
    if mode == "meeting":
        if fast:
            b.meeting(_business_hours(rng, t + timedelta(days=1)))  # the next day
            b.features.add("meeting_answers_email")
            return t + timedelta(days=2)
        b.rep_email(t + timedelta(days=4), b.lang.re + subject, thread, "chaser")
        last = b.rep_email(t + timedelta(days=8), b.lang.re + subject, thread, "chaser")
        b.meeting(_business_hours(rng, last.at + timedelta(days=2)))
        return t + timedelta(days=11)
    if fast:
        b.contact_email(t + timedelta(hours=rng.uniform(0.5, 8)), sent, thread)
        return t + timedelta(hours=9)
    if rng.random() < 0.4:
        b.call(t + timedelta(days=3), "outbound", connected=False)
    b.rep_email(t + timedelta(days=4), b.lang.re + subject, thread, "chaser")
    last = b.rep_email(t + timedelta(days=8), b.lang.re + subject, thread, "chaser")
    if may_drop and rng.random() < 0.25:
        return t + timedelta(days=8)
    b.contact_email(t + timedelta(days=9, hours=rng.uniform(1, 6)), last, thread)
    return t + timedelta(days=10)


def _modes_and_speeds(rng: random.Random, plan: _Plan) -> list[tuple[str, bool]]:
    if plan.channel == "unknown":
        modes = ["email", "phone", "meeting", "chat"] * 3
    elif plan.channel == "email":
        modes = ["email"] * (10 if plan.cold_calls else 12)
    elif plan.channel == "chat":
        modes = ["chat"] * 10 + ["email"] * 2
    else:
        written = rng.randint(0, 2) if plan.formality == "unknown" else 4
        modes = [plan.channel] * (12 - written) + ["email"] * written
    rng.shuffle(modes)
    n = len(modes)
    if plan.responsiveness == "responsive":
        fast = [True] * n
    elif plan.responsiveness == "needs_follow_up":
        fast = [False] * n
        if rng.random() < 0.4:
            fast[rng.randrange(n)] = True
    else:  # too even: half at once, half only after chasers
        fast = [True] * (n // 2) + [False] * (n - n // 2)
        rng.shuffle(fast)
    return list(zip(modes, fast, strict=True))


def _interactions(b: _Builder, start: datetime) -> datetime:
    rng, plan = b.rng, b.plan
    own_quota = {"high": 3, "medium": 1, "low": 2, "unknown": 0}[plan.price]
    b.own_price = own_quota
    summary_quota = {"high": 2, "medium": 1, "low": 1, "unknown": 0}[plan.price]
    if plan.formality == "unknown":  # few or no own messages: the price talk is in our call and meeting notes
        b.own_price = 0
        summary_quota = own_quota
    b.summaries = [_PRICE_SUMMARY[plan.price].format(first=b.first)] * summary_quota if summary_quota else []
    t = start
    if plan.bounce:
        thread = b.new_thread()
        sent = b.rep_email(t, rng.choice(b.lang.subjects), thread, "intro")
        b.bounce(t + timedelta(seconds=rng.randint(5, 110)), sent, thread)
        t += timedelta(days=rng.randint(2, 4))
    episodes = _modes_and_speeds(rng, plan)
    ooo_slots: set[int] = set()
    if plan.ooo:
        slow_email = [i for i, (mode, fast) in enumerate(episodes) if mode in ("email", "meeting") and not fast]
        ooo_slots = set(rng.sample(slow_email, min(3, len(slow_email))))
    extra_ooo = plan.ooo and (plan.responsiveness == "responsive" or not ooo_slots)
    spontaneous = _cycle(rng, ["none", "none", "extra"])
    cold_left = rng.randint(5, 7) if plan.cold_calls else 0
    email_call = plan.channel == "email" and not plan.cold_calls and rng.random() < 0.6
    for index, (mode, fast) in enumerate(episodes):
        t = _business_hours(rng, t)
        end = _episode(
            b,
            mode,
            fast,
            t,
            index in ooo_slots,
            may_drop=plan.channel in ("email", "chat") and plan.responsiveness == "needs_follow_up",
        )
        gap_at = _business_hours(rng, end + timedelta(days=rng.randint(2, 3)))
        if cold_left:
            b.call(gap_at, "outbound", connected=False)
            b.features.add("cold_calls_unanswered")
            cold_left -= 1
        elif next(spontaneous) == "extra":
            if plan.channel == "phone":
                b.call(gap_at, "inbound", connected=True)
            elif plan.channel == "meeting":
                b.meeting(gap_at, completed=rng.random() < 0.5)
            elif plan.channel == "chat":
                b.contact_chat(gap_at)
            elif email_call:
                b.call(gap_at, "outbound", connected=True)
                email_call = False
            else:
                b.note(gap_at, rng.choice(["Updated billing address.", "Sent the security questionnaire."]))
        t = max(t + timedelta(days=rng.randint(14, 21)), gap_at + timedelta(days=3))
    if extra_ooo:  # one email arrives while they are away: the robot answers at once, they answer on return
        t = _business_hours(rng, t)
        thread = b.new_thread()
        sent = b.rep_email(t, rng.choice(b.lang.subjects), thread, "intro")
        b.auto_reply(t + timedelta(minutes=rng.randint(1, 5)), sent, thread)
        back = t + timedelta(days=rng.randint(6, 9))
        if plan.channel == "phone":
            b.call(back, "inbound", connected=True, recap=False)
        elif plan.channel == "meeting" or (plan.channel == "unknown"):
            b.meeting(back)
        else:
            b.contact_email(back, sent, thread)
        t = back + timedelta(days=3)
    for text in b.summaries:
        t = _business_hours(rng, t + timedelta(days=rng.randint(3, 8)))
        b.note(t, f"Phone call with {b.first} (logged manually): {text}")
    b.summaries = []
    b.note(_business_hours(rng, start + timedelta(days=1)), f"Account owner changed to {b.rep.name}.")
    return t


def _currency(lang: str) -> str:
    return "USD" if lang == "en" else "EUR" if lang != "pt" else "BRL"


def _deals(b: _Builder, end: datetime) -> list[Deal]:
    rng, plan = b.rng, b.plan
    bands = {"high": (18.0, 30.0), "medium": (7.0, 12.0), "low": (0.0, 2.0), "unknown": (5.0, 25.0)}
    low, high = bands[plan.price]
    deals: list[Deal] = []

    def closed(cycle_days: int) -> None:
        created = end - timedelta(days=rng.randint(cycle_days + 20, cycle_days + 420))
        status = "won" if rng.random() < 0.75 else "lost"
        discount = round(rng.uniform(low, high) * 2) / 2
        deals.append(
            Deal(
                id=f"{b.cid}-d{len(deals) + 1}",
                name=rng.choice(["Annual licence", "Platform expansion", "Analytics add-on", "Renewal"]),
                amount=rng.randrange(5_000, 80_000, 500),
                currency=_currency(plan.lang),
                stage="closed won" if status == "won" else "closed lost",
                status=DealStatus(status),
                created_at=created,
                closed_at=created + timedelta(days=cycle_days, hours=rng.randint(0, 8)),
                discount_percent=discount,
            )
        )
        b.features.add("closed_deal_discount")

    def long_open(discount: float) -> None:
        deals.append(
            Deal(
                id=f"{b.cid}-d{len(deals) + 1}",
                name="Expansion (pipeline)",
                amount=rng.randrange(10_000, 90_000, 500),
                currency=_currency(plan.lang),
                stage=rng.choice(["proposal", "negotiation"]),
                status=DealStatus.open,
                created_at=end - timedelta(days=rng.randint(220, 400)),
                discount_percent=discount,
            )
        )
        b.features.add("open_deal_zero_discount" if discount == 0 else "open_deal_with_discount")

    def quick() -> int:
        return rng.randint(4, 21)

    def slow() -> int:
        return rng.randint(60, 170)

    price_known = plan.price != "unknown"
    if plan.speed == "quick":
        for _ in range(rng.randint(2, 3)):
            closed(quick())
    elif plan.speed == "deliberate" and price_known:
        for _ in range(rng.randint(2, 3)):
            closed(slow())
        if plan.price in ("high", "medium"):
            long_open(0.0)
            long_open(0.0)
        elif rng.random() < 0.7:
            long_open(float(rng.choice([20, 25])))
    elif plan.speed == "deliberate":
        closed(slow())
        for _ in range(rng.randint(1, 2)):
            long_open(float(rng.choice([0, 15, 25])))
    elif price_known:  # too even: as many quick as slow
        pairs = 2 if rng.random() < 0.3 else 1
        for _ in range(pairs):
            closed(quick())
            closed(slow())
    elif rng.random() < 0.6:
        closed(rng.choice([quick(), slow()]))
    return deals


def _purchases(b: _Builder) -> list[Purchase]:
    rng, season = b.rng, b.plan.seasonality
    years = [2023, 2024, 2025]
    quarters: list[tuple[int, int]] = []  # (year, quarter)
    if season.startswith("Q"):
        q = int(season[1])
        n = rng.randint(4, 6)
        quarters = [(years[i % 3], q) for i in range(n)]
        if n >= 5 and rng.random() < 0.5:
            quarters[-1] = (quarters[-1][0], rng.choice([x for x in (1, 2, 3, 4) if x != q]))
    elif season == "none":
        quarters = [(years[i % 3], q) for i, q in enumerate([1, 2, 3, 4, 1, 2, 3, 4])]
    else:
        quarters = [(rng.choice(years), rng.randint(1, 4)) for _ in range(rng.randint(0, 2))]
    purchases = []
    for index, (year, q) in enumerate(quarters):
        month = (q - 1) * 3 + rng.randint(1, 3)
        purchases.append(
            Purchase(
                id=f"{b.cid}-p{index + 1}",
                timestamp=datetime(year, month, rng.randint(3, 26), 12, tzinfo=UTC),
                amount=rng.randrange(1_000, 40_000, 100),
                currency=_currency(b.plan.lang),
                product=rng.choice(["Platform licence", "Seats top-up", "Training package", "Support plan"]),
                quantity=rng.randint(1, 20),
            )
        )
    return purchases


def _contact(b: _Builder) -> Contact:
    return Contact(id=b.cid, name=f"{b.first} {b.last}", email=b.email, company=b.company, title=b.title, phone=b.phone)


def _full_case(rng: random.Random, cid: str, plan: _Plan) -> Case:
    b = _Builder(rng, cid, plan)
    start = datetime(2025, rng.randint(1, 4), rng.randint(1, 28), tzinfo=b.tz)
    end = _interactions(b, start)
    history = History(
        contact=_contact(b),
        interactions=sorted(b.items, key=lambda i: i.timestamp),
        deals=_deals(b, end),
        purchases=_purchases(b),
    )
    b.features.add(f"lang:{plan.lang}")
    return Case(history, plan.truth(), thin=False, lang=plan.lang, features=frozenset(b.features))


_THIN_KINDS = ("ooo_only", "one_reply", "call_note", "two_chats", "one_deal", "bounce_only", "one_meeting")


def _thin_case(rng: random.Random, cid: str, kind: str) -> Case:
    lang = rng.choice(list(LANG))
    plan = _Plan(lang, "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "gmail", False, False, False)
    b = _Builder(rng, cid, plan)
    t = _business_hours(rng, datetime(2025, rng.randint(1, 9), rng.randint(1, 28), tzinfo=b.tz))
    thread = b.new_thread()
    deals: list[Deal] = []
    purchases: list[Purchase] = []
    if kind in ("ooo_only", "one_reply", "bounce_only", "one_deal"):
        sent = b.rep_email(t, rng.choice(b.lang.subjects), thread, "intro")
        if kind == "ooo_only":
            b.auto_reply(t + timedelta(minutes=2), sent, thread)
        elif kind == "bounce_only":
            b.bounce(t + timedelta(seconds=40), sent, thread)
        else:
            b.plan.client = rng.choice(CLIENTS)
            b.contact_email(t + timedelta(hours=3), sent, thread)
    elif kind == "call_note":
        b.call(t, "outbound", connected=False)
        b.note(t + timedelta(minutes=5), "Tried to reach them, will retry next quarter.")
    elif kind == "two_chats":
        b.contact_chat(t)
        b.add("chat", "outbound", t + timedelta(minutes=4), body=f"Hi {b.first}, sure, sending it now.")
    else:
        b.meeting(t)
    if kind == "one_deal":
        deals.append(
            Deal(
                id=f"{cid}-d1",
                name="First order",
                amount=12_000,
                currency=_currency(lang),
                stage="closed won",
                status=DealStatus.won,
                created_at=t - timedelta(days=20),
                closed_at=t - timedelta(days=6),
                discount_percent=25,
            )
        )
        purchases = [
            Purchase(
                id=f"{cid}-p{i + 1}", timestamp=datetime(y, 11, 14, 12, tzinfo=UTC), amount=6_000, product="Licence"
            )
            for i, y in enumerate((2023, 2024))
        ]
    history = History(
        contact=_contact(b), interactions=sorted(b.items, key=lambda i: i.timestamp), deals=deals, purchases=purchases
    )
    b.features.update({"thin", f"thin:{kind}"})
    return Case(history, plan.truth(), thin=True, lang=lang, features=frozenset(b.features))


def generate(seed: int) -> list[Case]:
    """The blind set for one seed: deterministic, ~80 contacts, thin ones last."""
    rng = random.Random(seed)
    cases = [_full_case(rng, f"b{seed}-{i + 1:03d}", plan) for i, plan in enumerate(_plans(rng))]
    for j in range(THIN_CONTACTS):
        cases.append(_thin_case(rng, f"b{seed}-t{j + 1:02d}", _THIN_KINDS[j % len(_THIN_KINDS)]))
    return cases


def export(seed: int) -> str:
    """The seed's histories in the CRM JSON export format (README), loadable with CRM_JSON_PATH."""
    return export_cases(generate(seed))


def export_cases(cases: list[Case]) -> str:
    contacts = []
    for case in cases:
        h = case.history
        record = h.contact.model_dump(mode="json")
        record["interactions"] = [i.model_dump(mode="json") for i in h.interactions]
        record["deals"] = [d.model_dump(mode="json") for d in h.deals]
        record["purchases"] = [p.model_dump(mode="json") for p in h.purchases]
        contacts.append(record)
    return json.dumps({"contacts": contacts}, ensure_ascii=False)


def truth_table(seed: int) -> dict[str, dict[str, str]]:
    """Planted values by contact id (what a scorer compares against)."""
    return {case.history.contact.id: case.truth for case in generate(seed)}
