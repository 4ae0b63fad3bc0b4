"""Facts derived once per history and shared by every signal (sorting, who engaged, who wrote).

Robots are set aside here, once, so no signal sees them: auto-replies and bounces are neither
engagements, nor answers, nor writing samples (and an email of ours that bounced never
reached the contact, so it is no outreach either). The contact's own words (quotes and
signature removed) are computed at most once per message and shared by the text signals.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crm.models import Deal, Direction, History, Interaction, InteractionType, Purchase
from persona.mail.automatic import Automatic, automatic_kind
from persona.mail.reply import own_words
from persona.signals.common import call_connected, chronological, meeting_held, reference_time, written_by_contact

BOUNCED_WITHIN = timedelta(days=1)  # a bounce this soon after our email means that email never arrived


@dataclass(frozen=True, slots=True)
class Facts:
    history: History
    interactions: list[Interaction]  # oldest first, robots set aside
    engaged: list[Interaction]  # the contact took part (oldest first)
    engaged_flags: list[bool]  # aligned with `interactions`
    written: list[Interaction]  # the contact's own messages (most recent, bounded)
    reference: datetime | None  # "now" for this history
    set_aside: Counter[Automatic] = field(default_factory=Counter)
    calls: list[tuple[Interaction, bool]] = field(default_factory=list)  # and whether each connected
    _words: dict[str, str] = field(default_factory=dict)

    @property
    def deals(self) -> list[Deal]:
        return self.history.deals

    @property
    def purchases(self) -> list[Purchase]:
        return self.history.purchases

    def words(self, item: Interaction) -> str:
        """The new text of a message (emails and chats stripped of quotes and signature), once."""
        found = self._words.get(item.id)
        if found is None:
            if item.type in (InteractionType.email, InteractionType.chat):
                found = own_words(item.body) or item.subject or ""
            else:
                found = item.body or item.subject or ""
            self._words[item.id] = found
        return found

    def set_aside_note(self) -> str:
        """ "; 2 auto-replies and 1 bounce set aside" (empty when there were none)."""
        names = {Automatic.auto_reply: ("auto-reply", "auto-replies"), Automatic.bounce: ("bounce", "bounces")}
        counts = [(kind, self.set_aside[kind]) for kind in Automatic if self.set_aside[kind]]
        parts = [f"{n} {names[kind][n != 1]}" for kind, n in counts]
        return f"; {' and '.join(parts)} set aside" if parts else ""

    @classmethod
    def of(cls, history: History) -> Facts:
        interactions, flags, set_aside, calls = _sift(chronological(history.interactions))
        return cls(
            history=history,
            interactions=interactions,
            engaged=list(itertools.compress(interactions, flags)),
            engaged_flags=flags,
            written=written_by_contact(interactions),
            reference=reference_time(history),
            set_aside=set_aside,
            calls=calls,
        )


def _sift(
    interactions: list[Interaction],
) -> tuple[list[Interaction], list[bool], Counter[Automatic], list[tuple[Interaction, bool]]]:
    """One pass: robots set aside (and our bounced emails with them), the rest flagged with
    whether the contact took part (common.contact_engaged, inlined for 10,000-item histories)."""
    kept: list[Interaction] = []
    flags: list[bool] = []
    found: Counter[Automatic] = Counter()
    last_email: datetime | None = None  # our last email to the contact
    email, chat = InteractionType.email, InteractionType.chat
    call, meeting, inbound = InteractionType.call, InteractionType.meeting, Direction.inbound
    calls: list[tuple[Interaction, bool]] = []  # with whether each connected
    keep, flag = kept.append, flags.append
    for item in interactions:
        kind = item.type
        if kind is email or kind is chat:
            if item.direction is inbound:
                if kind is email:
                    robot = automatic_kind(item.subject, item.body, item.timestamp, last_email)
                    if robot is not None:
                        found[robot] += 1
                        if robot is Automatic.bounce:
                            dropped = _drop_bounced(kept, item.timestamp)
                            if dropped is not None:
                                del flags[dropped]
                        continue
                engaged = True
            else:
                if kind is email:
                    last_email = item.timestamp
                engaged = False
        elif kind is call:
            engaged = call_connected(item)
            calls.append((item, engaged))
        elif kind is meeting:
            engaged = meeting_held(item)
        else:
            engaged = False
        keep(item)
        flag(engaged)
    return kept, flags, found, calls


def _drop_bounced(kept: list[Interaction], bounced_at: datetime) -> int | None:
    """Remove our email that bounced (the last one within a day); its index, if any."""
    for index in range(len(kept) - 1, -1, -1):
        item = kept[index]
        if bounced_at - item.timestamp > BOUNCED_WITHIN:
            return None
        if item.type is InteractionType.email and item.direction is Direction.outbound:
            del kept[index]
            return index
    return None
