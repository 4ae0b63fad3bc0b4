"""Seeded CRM histories with planted behaviors: a blind accuracy test set for the signals.

Each row of PLANTS is one contact and is the truth the signals should recover: its preferred
channel, formality, responsiveness, decision speed, price sensitivity and seasonality, or
"unknown" where the history is deliberately too thin or too even to support a claim. The
builder turns a row into an export-format record (the JSON the `json` CRM adapter reads), with
the noise real CRMs carry: rep notes, stray interactions, mixed UTC offsets, missing optional
fields. The text templates are written for this set only, so no signal was tuned on them.

    python -m tests.planted.generate planted.json   # write the set as a CRM export file
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from crm.models import Contact, Deal, History, Interaction, Purchase

SEED = 20240611
START = date(2023, 1, 9)
SPAN_DAYS = 880  # the history runs to about June 2025


@dataclass(frozen=True)
class Plant:
    """The planted truth for one contact, plus how it is planted (the flavor fields)."""

    cid: str
    channel: str
    formality: str
    responsiveness: str
    speed: str
    price: str
    season: str
    price_via: str = "discount"  # discount | talk | both (how a known price sensitivity shows)
    lag: str = "chasers"  # needs_follow_up style: chasers | slow | silent | voicemail
    no_speed: str = "none"  # why speed is unknown: none (no deals) | one (one deal) | open (open deals)
    no_season: str = "none"  # why season is unknown: none (no purchases) | one (one purchase)
    mix: dict[str, int] = field(default_factory=dict)  # split channels: uses per channel
    thin: str = ""  # a named thin-history recipe (everything unknown)

    def truth(self) -> dict[str, str]:
        return {
            "preferred_channel": self.channel,
            "formality": self.formality,
            "responsiveness": self.responsiveness,
            "decision_speed": self.speed,
            "price_sensitivity": self.price,
            "seasonality": self.season,
        }


U = "unknown"
NF = "needs_follow_up"
RESP = "responsive"

PLANTS: list[Plant] = [
    # --- people who write email ---
    Plant("E01", "email", "formal", RESP, "quick", "high", "Q4", price_via="both"),
    Plant("E02", "email", "casual", NF, "deliberate", "low", "none", price_via="talk", lag="chasers"),
    Plant("E03", "email", "mixed", RESP, "deliberate", "medium", "Q1"),
    Plant("E04", "email", "formal", NF, "quick", "low", "Q2", lag="slow"),
    Plant("E05", "email", "casual", RESP, "quick", U, "Q3"),
    Plant("E06", "email", "formal", RESP, U, "high", "none", price_via="talk", no_speed="one"),
    Plant("E07", "email", "mixed", NF, "deliberate", "high", U, lag="silent", no_season="one"),
    Plant("E08", "email", "casual", RESP, "deliberate", "medium", "Q4", price_via="both"),
    Plant("E09", "email", "formal", NF, "deliberate", "low", U, price_via="both", lag="chasers"),
    Plant("E10", "email", "casual", NF, "quick", "high", "Q1", price_via="talk", lag="slow"),
    Plant("E11", "email", "formal", RESP, "quick", "medium", "Q3"),
    Plant("E12", "email", "mixed", RESP, U, "low", "Q2", price_via="talk"),
    Plant("E13", "email", "casual", RESP, "quick", "low", "none"),
    Plant("E14", "email", "formal", NF, U, U, "Q4", lag="silent", no_speed="open"),
    Plant("E15", "email", "casual", RESP, "deliberate", "high", "Q1"),
    # --- people who chat ---
    Plant("C01", "chat", "casual", RESP, "quick", "high", "Q2", price_via="both"),
    Plant("C02", "chat", "casual", NF, "deliberate", "medium", "none", lag="chasers"),
    Plant("C03", "chat", "formal", RESP, "deliberate", "low", "Q3", price_via="talk"),
    Plant("C04", "chat", "mixed", RESP, "quick", U, U),
    Plant("C05", "chat", "casual", RESP, U, "high", "Q4", price_via="talk", no_speed="one"),
    Plant("C06", "chat", "casual", NF, "quick", "low", "Q1", lag="slow"),
    Plant("C07", "chat", "formal", NF, "deliberate", "high", "none", lag="silent"),
    Plant("C08", "chat", "mixed", NF, "quick", "medium", "Q3", price_via="both", lag="chasers"),
    Plant("C09", "chat", "casual", RESP, "deliberate", "low", U, price_via="both", no_season="one"),
    Plant("C10", "chat", "formal", RESP, "quick", "medium", "Q2"),
    Plant("C11", "chat", "formal", NF, U, "low", "none", price_via="talk", lag="slow", no_speed="one"),
    Plant("C12", "chat", "mixed", NF, "deliberate", "high", "Q1", price_via="talk", lag="silent"),
    # --- people who take calls ---
    Plant("P01", "phone", "formal", RESP, "quick", "high", "Q4"),
    Plant("P02", "phone", U, RESP, "deliberate", "low", "none"),
    Plant("P03", "phone", "casual", NF, "quick", "medium", "Q1", lag="voicemail"),
    Plant("P04", "phone", U, RESP, "quick", U, "Q3"),
    Plant("P05", "phone", "mixed", RESP, "deliberate", "high", U, price_via="both"),
    Plant("P06", "phone", "formal", NF, "deliberate", "low", "Q2", price_via="talk", lag="slow"),
    Plant("P07", "phone", U, NF, U, U, "none", lag="voicemail", no_speed="one"),
    Plant("P08", "phone", "casual", RESP, "quick", "medium", "Q4"),
    Plant("P09", "phone", U, RESP, "deliberate", "high", "Q1"),
    Plant("P10", "phone", "formal", RESP, U, U, U, no_season="one"),
    # --- people who meet ---
    Plant("M01", "meeting", "formal", RESP, "deliberate", "low", "Q4"),
    Plant("M02", "meeting", "casual", RESP, "quick", "high", "Q2"),
    Plant("M03", "meeting", U, U, "deliberate", "medium", "none"),
    Plant("M04", "meeting", "casual", NF, "quick", "low", "Q3", price_via="both", lag="chasers"),
    Plant("M05", "meeting", "formal", NF, "deliberate", "high", U, price_via="talk", lag="slow", no_season="one"),
    Plant("M06", "meeting", "mixed", RESP, "quick", "medium", "Q1"),
    Plant("M07", "meeting", U, U, U, U, "Q4", no_speed="one"),
    Plant("M08", "meeting", "formal", RESP, "deliberate", U, "none"),
    Plant("M09", "meeting", U, NF, "quick", "high", "none", lag="silent"),
    # --- channel use split evenly: no preferred channel ---
    Plant("S01", U, "formal", RESP, "deliberate", "medium", "Q2", mix={"email": 4, "call": 4, "meeting": 4}),
    Plant("S02", U, "casual", RESP, "quick", "high", "Q1", mix={"chat": 3, "email": 3, "call": 3, "meeting": 3}),
    Plant("S03", U, U, U, "deliberate", "low", "none", mix={"call": 4, "meeting": 4, "email": 1}),
    Plant("S04", U, "mixed", NF, "quick", "medium", "Q3", price_via="both", lag="slow", mix={"email": 4, "chat": 4}),
    Plant("S05", U, U, U, U, U, U, mix={"call": 3, "meeting": 3, "chat": 1, "email": 1}),
    Plant("S06", U, "formal", RESP, "deliberate", "high", "none", price_via="talk", mix={"email": 5, "call": 5}),
    # --- thin histories (0-3 interactions): nothing can be claimed ---
    *(Plant(f"T0{i}", U, U, U, U, U, U, thin=f"t{i}") for i in range(1, 9)),
]

# ---------------------------------------------------------------------------------- vocabulary

FIRST = [
    "Ingrid",
    "Tomás",
    "Aiko",
    "Marek",
    "Chiara",
    "Oluwaseun",
    "Zoë",
    "Rahul",
    "Freya",
    "Mateus",
    "Henrike",
    "Dmitri",
    "Leilani",
    "Søren",
    "Nadia",
    "Björn",
    "Camila",
    "Kwame",
    "Élodie",
    "Yusuf",
]
LAST = [
    "Solberg",
    "Herrera",
    "Tanaka",
    "Nowak",
    "Bellini",
    "Adeyemi",
    "Laurent",
    "Mehta",
    "Lindqvist",
    "Carvalho",
    "Brandt",
    "Volkov",
    "Kahale",
    "Østergaard",
    "Haddad",
    "Ekström",
    "Ríos",
    "Mensah",
]
COMPANIES = [
    "Northwind Freight",
    "Lumen Dental Group",
    "Ostara Bakeries",
    "Kestrel Robotics",
    "Bluefjord Energy",
    "Caldera Hotels",
    "Pinecrest Schools",
    "Vireo Labs",
    "Halcyon Insurance",
    "Marrow & Finch",
]
TITLES = [
    "Operations Manager",
    "Head of Procurement",
    "IT Director",
    "Office Manager",
    "VP Finance",
    "CTO",
    "Facilities Lead",
    "Purchasing Coordinator",
    None,
]
REPS = [("Jordan", "Pike"), ("Alexis", "Moreau"), ("Sam", "Okafor")]
OFFSETS = ["+00:00", "Z", "-05:00", "-08:00", "+01:00", "+02:00", "+05:30", "+09:00", "-03:00", "+10:00", "naive"]

TOPICS = [
    "the rollout plan for the second site",
    "adding two more admins to the console",
    "moving our kickoff a week",
    "the single sign-on setup our IT team raised",
    "the data export we talked about",
    "a training slot for the new hires",
    "the delivery address for the next batch",
    "the agenda for our review",
    "the API rate limits",
    "the signed order form",
    "the sandbox access for our analysts",
    "the migration checklist",
    "the report template for the board",
    "the warehouse scanner pilot",
    "the onboarding call for the night shift",
    "the support contact for weekends",
]
FORMAL_EXTRA = [
    "Our legal department has reviewed the terms.",
    "We will circulate the details internally.",
    "I have copied my colleague for visibility.",
    "The committee meets on Thursday.",
    "I shall confirm the attendees in due course.",
]
CASUAL_EXTRA = [
    "gonna loop in my teammate",
    "no rush tho",
    "all good on our end",
    "team's pumped",
    "ping me if anything's weird",
    "def works for us",
]
PRICE_TALK = {
    "high": [
        "Is there any flexibility on the number? It sits well above what we set aside.",
        "Finance will only sign off if you can sharpen the rate.",
        "Another vendor came in noticeably cheaper, so we need a better offer.",
        "This lands over our budget for the year, can you do better on price?",
        "Every dollar counts this year, so a lower per-seat rate would really help.",
    ],
    "medium": [
        "The pricing looks fair, though a modest reduction for a two-year term would be welcome.",
        "We can work with these numbers; a small break on volume would be nice.",
    ],
    "low": [
        "Price is secondary for us; reliability is what matters.",
        "We are not shopping around on cost, we just need it live by spring.",
        "Happy with the figures as quoted, let's move ahead.",
        "Cost isn't really the deciding factor here, timing is.",
    ],
}
REP_TOPICS = {  # how the rep puts it -> how the contact refers to it in a reply
    "the proposal I sent over": "your proposal",
    "next steps on the renewal": "the renewal",
    "the updated quote": "the updated quote",
    "the pilot feedback": "our pilot feedback",
    "scheduling the quarterly check-in": "the quarterly check-in",
    "the security questionnaire": "the security questionnaire",
}
CHASERS = [
    "Just bumping this to the top of your inbox.",
    "Following up on my note from last week, any thoughts?",
    "Circling back on this one when you have a moment.",
    "Checking again in case this got buried.",
]
NOTES = [
    "Updated the mailing address per their finance team.",
    "Added to the webinar invite list.",
    "Their colleague is the backup approver while they travel.",
    "Logged a badge scan from the Denver expo.",
    "Moved the account to the enterprise territory.",
    "Sent the holiday card.",
    "Marketing asked for a case-study interview; parked for now.",
]
CALL_NOTES = [
    "Walked through the rollout timeline.",
    "Reviewed open support tickets.",
    "Talked through the pilot results.",
    "Went over the training schedule.",
    None,
]
MEETING_SUBJECTS = [
    "Quarterly business review",
    "Workshop: reporting module",
    "Site visit",
    "Roadmap session",
    "Implementation check-in",
    "Demo for the ops team",
]
PRODUCTS = ["Annual license renewal", "Sensor kits", "Support hours block", "Onboarding package", "Replacement parts"]
QUARTER_MONTHS = {"Q1": (1, 2, 3), "Q2": (4, 5, 6), "Q3": (7, 8, 9), "Q4": (10, 11, 12)}


# ------------------------------------------------------------------------------------- builder


class _Builder:
    """Builds one contact's export record from its plant, deterministically from its own seed."""

    def __init__(self, plant: Plant, index: int, seed: int) -> None:
        self.p = plant
        self.rng = random.Random(f"{seed}:{plant.cid}")
        self.first = FIRST[index % len(FIRST)]
        self.last = LAST[(index * 7) % len(LAST)]
        self.rep_first, self.rep_last = REPS[index % len(REPS)]
        self.offset = self.rng.choice(OFFSETS)
        self.tz = UTC if self.offset in ("Z", "naive") else _parse_offset(self.offset)
        self.interactions: list[dict[str, Any]] = []
        self.deals: list[dict[str, Any]] = []
        self.purchases: list[dict[str, Any]] = []
        self._n = 0
        self._written = 0  # contact-written messages so far (drives the mixed-formality alternation)
        self._mixed_start = self.rng.random() < 0.5
        self._price_lines: list[str] = []
        self._currency = self.rng.choice(["USD", "USD", "EUR", "GBP"])

    # -- time ---------------------------------------------------------------------------------

    def day(self, lo: float = 0, hi: float = SPAN_DAYS) -> datetime:
        """A business-hours moment on a random day, in the contact's local time."""
        d = START + timedelta(days=int(self.rng.uniform(lo, hi)))
        return datetime(d.year, d.month, d.day, self.rng.randint(8, 16), self.rng.randint(0, 59), tzinfo=self.tz)

    def stamp(self, at: datetime) -> str:
        if self.offset == "naive":
            return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
        if self.offset == "Z" or self.rng.random() < 0.1:  # some records come from a UTC-only source
            return at.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        return at.astimezone(self.tz).isoformat(timespec="seconds")

    # -- records ------------------------------------------------------------------------------

    def add(self, kind: str, direction: str, at: datetime, **fields: Any) -> None:
        self._n += 1
        record: dict[str, Any] = {
            "id": f"{self.p.cid.lower()}-{kind[:2]}{self._n:03d}",
            "type": kind,
            "direction": direction,
            "timestamp": self.stamp(at),
        }
        record.update({k: v for k, v in fields.items() if v is not None})
        self.interactions.append(record)

    def voice(self, chat: bool, topic: str | None = None, style: str | None = None) -> str:
        """One message in the contact's own register, carrying a price remark if one is queued."""
        topic = topic or self.rng.choice(TOPICS)
        style = style or self.p.formality
        if style == "mixed":
            style = "formal" if (self._written % 2 == 0) == self._mixed_start else "casual"
        self._written += 1
        price = self._price_lines.pop() if self._price_lines else None
        if style == "formal":
            extra = price or self.rng.choice(FORMAL_EXTRA)
            return _formal(self.rng, chat, topic, extra, self)
        if style == "casual":
            extra = price or self.rng.choice(CASUAL_EXTRA)
            return _casual(self.rng, chat, topic, extra, self)
        # too few messages to judge a register: short and plain
        plain = self.rng.choice(
            [
                "Thursday at ten works.",
                "Noted, see you then.",
                "Yes, that is the right address.",
                f"Confirmed for {topic}.",
            ]
        )
        return f"{plain} {price}" if price else plain

    def written(
        self, kind: str, at: datetime, topic: str | None = None, thread: str | None = None, style: str | None = None
    ) -> None:
        """A message the contact wrote (inbound email or chat)."""
        subject = None
        if kind == "email":
            subject = (
                f"Re: {topic}"
                if topic and thread
                else self.rng.choice(["Quick question", "Update", "Next steps", "Follow-up", None])
            )
        self.add(kind, "inbound", at, subject=subject, body=self.voice(kind == "chat", topic, style), thread_id=thread)

    def outreach(self, kind: str, at: datetime, topic: str, thread: str | None, chaser: bool = False) -> None:
        """The rep reaching out (or chasing), in the rep's own steady register."""
        if chaser:
            body: str | None = f"Hi {self.first}, {self.rng.choice(CHASERS)}"
        elif kind == "chat":
            body = f"Hey {self.first}, quick check on {topic}?"
        else:
            body = f"Hi {self.first},\n\nChecking in on {topic}. Let me know what you think.\n\nBest,\n{self.rep_first}"
            if self.rng.random() < 0.1:
                body = None  # logged by a sync tool without the body
        subject = None if kind == "chat" else ("Re: " if chaser else "") + topic.capitalize()
        self.add(kind, "outbound", at, subject=subject, body=body, thread_id=thread)

    def call(self, direction: str, at: datetime, connected: bool = True) -> None:
        if connected:
            style = self.rng.choice(["Connected", "completed", "duration", "Spoke with contact", "answered"])
            outcome = None if style == "duration" else style
            duration = self.rng.randint(150, 1800) if style == "duration" or self.rng.random() < 0.6 else None
            body = self.rng.choice(CALL_NOTES)
        else:
            outcome = self.rng.choice(["No answer", "Left voicemail", "voicemail", "Busy"])
            duration = self.rng.choice([0, 12, 25, None])
            body = None
        self.add(
            "call",
            direction,
            at,
            outcome=outcome,
            duration_seconds=duration,
            body=body,
            subject=self.rng.choice(["Call", None]),
        )

    def meeting(self, at: datetime, held: bool = True) -> None:
        outcome = (
            self.rng.choice(["held", "attended", None, "Completed", "done"])
            if held
            else self.rng.choice(["Cancelled", "No-show"])
        )
        self.add(
            "meeting",
            self.rng.choice(["outbound", "outbound", "inbound"]),
            at,
            subject=self.rng.choice(MEETING_SUBJECTS),
            outcome=outcome,
            duration_seconds=self.rng.choice([1800, 2700, 3600, None]) if held else None,
            body=self.rng.choice(
                [None, "Good session; actions captured in the tracker.", "Covered adoption numbers and the next phase."]
            ),
        )

    def note(self, at: datetime) -> None:
        self.add("note", "outbound", at, body=self.rng.choice(NOTES))

    # -- plan ---------------------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        if self.p.thin:
            _THIN[self.p.thin](self)
        else:
            self._price_plan()
            self._channels()
            self._deals()
            self._purchases()
            for _ in range(self.rng.randint(1, 3)):
                self.note(self.day())
            assert not self._price_lines, f"{self.p.cid}: price remarks left unsaid"
        company = COMPANIES[self.rng.randrange(len(COMPANIES))]
        return {
            "id": self.p.cid,
            "name": f"{self.first} {self.last}",
            "email": f"{_ascii(self.first)}.{_ascii(self.last)}@{company.split()[0].lower()}.example",
            "company": company,
            "title": self.rng.choice(TITLES),
            **({"phone": f"+1 555 01{self.rng.randint(10, 99)}"} if self.rng.random() < 0.5 else {}),
            "interactions": self.interactions,
            "deals": self.deals,
            "purchases": self.purchases,
        }

    def _price_plan(self) -> None:
        if self.p.price != U and self.p.price_via in ("talk", "both"):
            pool = PRICE_TALK[self.p.price]
            count = 3 if self.p.price_via == "talk" else 2
            self._price_lines = self.rng.sample(pool, min(count, len(pool)))

    def _uses(self) -> dict[str, int]:
        """How many times the contact used each channel (answered or initiated)."""
        p, r = self.p, self.rng
        if p.mix:
            return dict(p.mix)
        words = r.randint(0, 2) if p.formality == U else r.randint(3, 5)
        return {
            "email": {"email": r.randint(9, 12)},
            "chat": {"chat": r.randint(10, 14)},
            "phone": {"call": r.randint(9, 12), "email": words},
            "meeting": {"meeting": r.randint(7, 10), "email": words},
        }[p.channel]

    def _channels(self) -> None:
        p, r = self.p, self.rng
        uses = self._uses()
        writing = [k for k in ("email", "chat") for _ in range(uses.get(k, 0))]
        r.shuffle(writing)
        # Outreach and the contact's replies (or silence) come out of the written uses.
        if p.responsiveness != U and len(writing) >= 3 and p.lag != "voicemail":
            replies = writing[: min(len(writing), 6)]
            writing = writing[len(replies) :]
            silent_extra = 3 if p.responsiveness == NF and p.lag == "silent" else 0
            for i, kind in enumerate(replies + [r.choice(replies)] * silent_extra):
                self._exchange(kind, answered=i < len(replies))
        elif p.lag == "voicemail" and len(writing) >= 3:
            replies, writing = writing[:4], writing[4:]
            for kind in replies:
                self._exchange(kind, answered=True, lag="slow")
        elif p.responsiveness == NF and p.lag == "silent":  # few words: two late replies, three silences
            writing = writing[2:]
            for i in range(5):
                self._exchange("email", answered=i < 2)
        for kind in writing:  # the contact writing first; the rep sometimes acknowledges
            thread = f"t-{p.cid}-{self._n}" if r.random() < 0.6 else None
            at = self.day()
            self.written(kind, at, thread=thread)
            if r.random() < 0.35:
                self.add(
                    kind,
                    "outbound",
                    at + timedelta(hours=r.uniform(1, 5)),
                    thread_id=thread,
                    subject=None,
                    body=f"Thanks {self.first}, got it. I'll pass this to the team.",
                )
        self._calls(uses.get("call", 0))
        for _ in range(uses.get("meeting", 0)):
            self.meeting(self.day())
        if uses.get("meeting") and r.random() < 0.4:
            self.meeting(self.day(), held=False)
        self._strays()

    def _exchange(self, kind: str, answered: bool, lag: str | None = None) -> None:
        """The rep reaches out; the contact replies in the planted manner, or never."""
        r = self.rng
        lag = lag or (self.p.lag if self.p.responsiveness == NF else "fast")
        topic = r.choice(list(REP_TOPICS))
        thread = f"t-{self.p.cid}-{self._n}" if r.random() < 0.7 else None
        at = self.day(0, SPAN_DAYS - 40)
        self.outreach(kind, at, topic, thread)
        if not answered:
            if r.random() < 0.5:
                self.outreach(kind, at + timedelta(days=r.uniform(3, 6)), topic, thread, chaser=True)
            return
        if lag == "fast":
            reply_at = at + timedelta(hours=r.uniform(0.3, 5))
        elif lag == "chasers":
            last = at
            for _ in range(r.randint(1, 3)):
                last += timedelta(days=r.uniform(2, 4))
                self.outreach(kind, last, topic, thread, chaser=True)
            reply_at = last + timedelta(hours=r.uniform(4, 40))
        else:  # slow, silent: days later, without being chased
            reply_at = at + timedelta(days=r.uniform(3, 9))
        self.written(kind, reply_at, REP_TOPICS[topic], thread)

    def _calls(self, count: int) -> None:
        """Calls the contact took or made; the planted responsiveness decides who calls whom."""
        p, r = self.p, self.rng
        if count == 0:
            return
        if p.responsiveness == U:
            for _ in range(count):
                self.call("inbound", self.day())
            return
        if p.responsiveness == NF:  # hard to reach: voicemails, then days later a connection
            episodes = min(3, count)
            for _ in range(episodes):
                at = self.day(0, SPAN_DAYS - 30)
                self.call("outbound", at, connected=False)
                at += timedelta(days=r.uniform(2, 3))
                self.call("outbound", at, connected=False)
                at += timedelta(days=r.uniform(2, 5))
                self.call(r.choice(["outbound", "inbound"]), at)
            for _ in range(count - episodes):
                self.call("inbound", self.day())
            return
        for i in range(count):  # responsive: picks up, or calls back within hours
            at = self.day()
            if i == 0:
                self.call("outbound", at, connected=False)
                self.call("inbound", at + timedelta(hours=r.uniform(0.5, 3)))
            else:
                self.call(r.choice(["outbound", "outbound", "inbound"]), at)

    def _strays(self) -> None:
        """A stray interaction or two of another type, as real histories have."""
        r, ch = self.rng, self.p.channel
        if ch in ("email", "chat"):
            if r.random() < 0.5:
                self.call("outbound", self.day(), connected=r.random() < 0.5)
            if r.random() < 0.5:
                self.meeting(self.day())
        elif ch == "phone" and r.random() < 0.5:
            self.meeting(self.day())
        elif ch == "meeting" and r.random() < 0.5:
            self.call("outbound", self.day(), connected=False)

    def _deals(self) -> None:
        p, r = self.p, self.rng
        if p.speed == U:
            if p.no_speed == "one":
                self._deal(r.uniform(0, SPAN_DAYS - 200), r.choice([12, 95]))
            elif p.no_speed == "open":
                for _ in range(2):
                    self._deal(r.uniform(SPAN_DAYS - 300, SPAN_DAYS - 20), None)
            return
        count = r.randint(2, 4)
        lo, hi = (7, 21) if p.speed == "quick" else (60, 180)
        slot = (SPAN_DAYS - 200) / count
        for i in range(count):
            won = i != 1 or r.random() < 0.8  # now and then a lost deal with the same rhythm
            self._deal(i * slot + r.uniform(0, slot / 3), r.uniform(lo, hi), "won" if won else "lost")
        if r.random() < 0.3:
            self._deal(SPAN_DAYS - r.uniform(5, 30), None)  # a deal still open

    def _deal(self, start_day: float, cycle: float | None, status: str = "won") -> None:
        p, r = self.p, self.rng
        created = self.day(start_day, start_day + 1)
        discount: float | None = None
        if p.price != U and p.price_via in ("discount", "both") and status == "won" and cycle is not None:
            lo, hi = {"high": (15, 30), "medium": (5, 12), "low": (0, 3)}[p.price]
            discount = round(r.uniform(lo, hi) * 2) / 2
        amount = round(r.uniform(4_000, 90_000), -2)
        record: dict[str, Any] = {
            "id": f"{p.cid.lower()}-d{len(self.deals) + 1}",
            "name": r.choice(["Platform rollout", "Renewal", "Expansion seats", "Hardware refresh", "Pilot"]),
            "amount": amount if r.random() < 0.9 else None,
            "currency": self._currency,
            "stage": "closed" if cycle is not None else r.choice(["proposal", "negotiation"]),
            "status": status if cycle is not None else "open",
            "created_at": self.stamp(created),
        }
        if cycle is not None:
            record["closed_at"] = self.stamp(created + timedelta(days=cycle, hours=r.uniform(-3, 3)))
        if discount is not None:
            record["discount_percent"] = discount
        self.deals.append(record)

    def _purchases(self) -> None:
        p, r = self.p, self.rng
        if p.season == U:
            if p.no_season == "one":
                self._purchase(self.day())
            return
        if p.season == "none":  # spread over the year: roughly one a quarter
            for year in (2023, 2024):
                for q in QUARTER_MONTHS:
                    if r.random() < 0.9:
                        self._purchase(self._in_quarter(year, q))
            return
        years = r.choice([(2023, 2024, 2025), (2023, 2024), (2024, 2025)])
        for year in years:
            for _ in range(r.choice([1, 1, 2]) if len(years) == 3 else 2):
                self._purchase(self._in_quarter(year, p.season))
        if len(self.purchases) >= 5 and r.random() < 0.5:  # one off-season top-up
            other = r.choice([q for q in QUARTER_MONTHS if q != p.season])
            self._purchase(self._in_quarter(2024, other))

    def _in_quarter(self, year: int, quarter: str) -> datetime:
        month = self.rng.choice(QUARTER_MONTHS[quarter])
        return datetime(year, month, self.rng.randint(1, 28), self.rng.randint(9, 16), tzinfo=self.tz)

    def _purchase(self, at: datetime) -> None:
        r = self.rng
        self.purchases.append(
            {
                "id": f"{self.p.cid.lower()}-p{len(self.purchases) + 1}",
                "timestamp": self.stamp(at),
                "amount": round(r.uniform(800, 25_000), 2),
                "currency": self._currency,
                "product": r.choice(PRODUCTS),
                "quantity": r.randint(1, 40),
            }
        )


def _formal(r: random.Random, chat: bool, topic: str, extra: str, b: _Builder) -> str:
    if chat:
        return r.choice(
            [
                f"Good afternoon. Regarding {topic}: {extra} Thank you.",
                f"Thank you for the update on {topic}. {extra} I shall revert shortly.",
                f"Good morning, {b.rep_first}. Could you kindly confirm {topic}? {extra} Much appreciated.",
            ]
        )
    return r.choice(
        [
            f"Dear {b.rep_first},\n\nThank you for your message regarding {topic}. {extra}\n\nKind regards,\n{b.first}",
            f"Good morning Mr. {b.rep_last},\n\nI am writing with respect to {topic}. {extra} I would be grateful for "
            f"your confirmation at your earliest convenience.\n\nSincerely,\n{b.first} {b.last}",
            f"Dear {b.rep_first} {b.rep_last},\n\nPlease find my comments on {topic} below. {extra}\n\n"
            f"Yours faithfully,\n{b.first} {b.last}",
            f"Dear {b.rep_first},\n\nI appreciate your patience concerning {topic}. {extra} Should you require "
            f"anything further, please do not hesitate to contact me.\n\nBest regards,\n{b.first} {b.last}",
        ]
    )


def _casual(r: random.Random, chat: bool, topic: str, extra: str, b: _Builder) -> str:
    if chat:
        return r.choice(
            [
                f"hey! {topic} → {extra} 👍",
                f"yo, {topic}?? {extra} thx",
                f"lol yes, {topic}. {extra} :)",
                f"ok cool 🙂 {topic}, {extra}",
            ]
        )
    return r.choice(
        [
            f"hey {b.rep_first}! quick one re {topic}. {extra}, thx!",
            f"hi hi 🙂 {topic}: {extra}. cheers, {b.first}",
            f"yo {b.rep_first}, {topic} sounds great!! {extra}",
            f"haha yep, {topic} works for us. {extra} 👍 ttyl",
        ]
    )


# Thin histories: at most three interactions, at most one deal and one purchase.
def _t1(b: _Builder) -> None:
    return None


def _t2(b: _Builder) -> None:
    b.written("email", b.day(), style="formal")  # one formal email: not a register yet
    b._deal(100, 30)
    b._purchase(b.day())


def _t3(b: _Builder) -> None:
    b.call("outbound", b.day())
    b.note(b.day())


def _t4(b: _Builder) -> None:
    b.written("email", b.day(), style="casual")
    b.written("chat", b.day(), style="casual")
    b.meeting(b.day())
    b._deal(300, 45)


def _t5(b: _Builder) -> None:
    at = b.day()
    b.outreach("email", at, "the proposal I sent over", "t-T05")
    b.written("email", at + timedelta(hours=2), "your proposal", "t-T05", style="formal")
    b.note(b.day())


def _t6(b: _Builder) -> None:
    b.written("chat", b.day())
    b.call("outbound", b.day(), connected=False)
    b._purchase(b.day())


def _t7(b: _Builder) -> None:
    b._deal(200, 20)
    b._purchase(b.day())


def _t8(b: _Builder) -> None:
    for _ in range(3):
        b.note(b.day())


_THIN = {"t1": _t1, "t2": _t2, "t3": _t3, "t4": _t4, "t5": _t5, "t6": _t6, "t7": _t7, "t8": _t8}
PLANTS_BY_ID = {p.cid: p for p in PLANTS}


def _parse_offset(text: str) -> timezone:
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _ascii(text: str) -> str:
    table = str.maketrans("áéëíóøöúçãÉÖØ", "aeeiooouca" + "EOO")
    return text.translate(table).lower()


# ----------------------------------------------------------------------------------------- API


@dataclass(frozen=True)
class Case:
    plant: Plant
    history: History


def export(seed: int = SEED) -> dict[str, Any]:
    """The whole set as a CRM export document (the `json` adapter's format)."""
    return {"contacts": [_Builder(p, i, seed).build() for i, p in enumerate(PLANTS)]}


def generate(seed: int = SEED) -> list[Case]:
    """The planted cases, each parsed through the CRM models exactly as an adapter would."""
    cases = []
    for record in export(seed)["contacts"]:
        contact = Contact.model_validate(
            {k: v for k, v in record.items() if k not in ("interactions", "deals", "purchases")}
        )
        interactions = sorted(
            (Interaction.model_validate(i) for i in record["interactions"]), key=lambda i: i.timestamp
        )
        history = History(
            contact=contact,
            interactions=interactions,
            deals=[Deal.model_validate(d) for d in record["deals"]],
            purchases=[Purchase.model_validate(p) for p in record["purchases"]],
        )
        cases.append(Case(PLANTS_BY_ID[contact.id], history))
    return cases


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "planted.json")
    out.write_text(json.dumps(export(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {len(PLANTS)} contacts to {out}")
