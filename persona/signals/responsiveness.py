"""Responsiveness: does the contact answer our outreach promptly, or need chasing?

Outreach is grouped into episodes: a run of our touches (emails, chats, unanswered calls)
until the contact writes, calls or picks up. Meetings are left out: attending a booked
meeting says little about answering a message. An episode answered on the first touch within
48 hours is a prompt answer; chasers and slow or missing answers point the other way.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crm.models import Direction, Interaction, InteractionType
from persona.models import Responsiveness, Signal
from persona.signals.common import (
    confidence,
    plural,
    recent_ids,
    unknown,
)
from persona.signals.facts import Facts

PROMPT_REPLY = timedelta(hours=48)
NEW_TOPIC_GAP = timedelta(days=21)  # a touch this long after the last one starts afresh
STALE_OPEN = timedelta(days=7)  # a chased, unanswered final episode this old counts
CONVERSATION_GAP = timedelta(days=2)  # our message this soon after theirs is a reply, not outreach
MIN_EPISODES = 3
_NOT_OUTREACH = (InteractionType.meeting, InteractionType.note)
RESPONSIVE_SHARE = 0.6
FOLLOW_UP_SHARE = 0.4


@dataclass
class Episode:
    start: datetime
    touches: list[Interaction] = field(default_factory=list)
    reply_after: timedelta | None = None  # None: never answered
    answered_by: str | None = None
    follows_contact: bool = False  # opened by our answer to the contact, not by outreach

    @property
    def chasers(self) -> int:
        return max(0, len(self.touches) - 1)

    @property
    def prompt(self) -> bool:
        return self.reply_after is not None and self.chasers == 0 and self.reply_after <= PROMPT_REPLY


def outreach_episodes(facts: Facts) -> list[Episode]:
    episodes: list[Episode] = []
    open_episode: Episode | None = None
    last_response: datetime | None = None
    for item, engaged in zip(facts.interactions, facts.engaged_flags, strict=True):
        if item.type in _NOT_OUTREACH:
            continue  # a booked meeting is neither outreach nor an answer to it; notes are internal
        # A touch is our attempt that got no response by itself (our email or chat, an
        # unanswered call); a response is the contact writing, calling, or picking up.
        is_touch = not engaged and item.direction is Direction.outbound
        if is_touch:
            if open_episode and item.timestamp - open_episode.touches[-1].timestamp > NEW_TOPIC_GAP:
                if not (open_episode.follows_contact and open_episode.chasers == 0):
                    episodes.append(open_episode)  # went unanswered
                # else: our reply simply ended the conversation; nothing was left unanswered
                open_episode = None
            if open_episode is None:
                follows = last_response is not None and item.timestamp - last_response <= CONVERSATION_GAP
                open_episode = Episode(start=item.timestamp, follows_contact=follows)
            open_episode.touches.append(item)
        elif engaged:
            last_response = item.timestamp
            outbound_connect = item.direction is Direction.outbound
            if open_episode is None:
                if outbound_connect:  # we called, they picked up at once
                    episodes.append(Episode(item.timestamp, [item], timedelta(0), item.id))
                continue  # they reached out unprompted: not an answer to outreach
            if outbound_connect:
                open_episode.touches.append(item)
            open_episode.reply_after = item.timestamp - open_episode.start
            open_episode.answered_by = item.id
            episodes.append(open_episode)
            open_episode = None
    if open_episode is not None:
        span = open_episode.touches[-1].timestamp - open_episode.start
        if open_episode.chasers >= 1 and span >= STALE_OPEN:
            episodes.append(open_episode)  # chased for a week and still silent
    return episodes


def responsiveness(facts: Facts) -> tuple[Signal[Responsiveness], dict[str, float | None]]:
    """The signal plus its numbers (median reply hours, unanswered share, chasers)."""
    episodes = outreach_episodes(facts)
    answered = [e for e in episodes if e.reply_after is not None]
    numbers: dict[str, float | None] = {
        "median_reply_hours": (
            round(statistics.median(e.reply_after.total_seconds() / 3600 for e in answered), 1)  # type: ignore[union-attr]
            if answered
            else None
        ),
        "unanswered_share": round(1 - len(answered) / len(episodes), 2) if episodes else None,
        "chasers_per_outreach": (round(statistics.fmean(e.chasers for e in episodes), 2) if episodes else None),
    }
    n = len(episodes)
    if n < MIN_EPISODES:
        return unknown(f"only {plural(n, 'outreach episode')} to judge", n), numbers
    prompt = [e for e in episodes if e.prompt]
    share = len(prompt) / n
    detail = _detail(n, len(prompt), len(answered), numbers)
    if share >= RESPONSIVE_SHARE:
        value: Responsiveness = "responsive"
        ids = [e.answered_by for e in prompt if e.answered_by]
        agreement = share
    elif share <= FOLLOW_UP_SHARE:
        value = "needs_follow_up"
        ids = [t.id for e in episodes if not e.prompt for t in e.touches]
        agreement = 1 - share
    else:
        return unknown(f"mixed: {detail}", n), numbers
    signal = Signal(
        value=value,
        confidence=confidence(n, agreement),
        data_points=n,
        evidence=recent_ids(ids),
        detail=detail,
    )
    return signal, numbers


def _detail(n: int, prompt: int, answered: int, numbers: dict[str, float | None]) -> str:
    parts = [f"answered {prompt} of {n} outreach episodes on the first touch within 48 h"]
    if numbers["median_reply_hours"] is not None:
        parts.append(f"median reply {_hours(numbers['median_reply_hours'])}")
    if answered < n:
        parts.append(f"{n - answered} never answered")
    chasers = numbers["chasers_per_outreach"]
    if chasers:
        parts.append(f"{chasers:.1f} follow-ups per outreach on average")
    return "; ".join(parts)


def _hours(hours: float | None) -> str:
    if hours is None:
        return "n/a"
    if hours < 1:
        return f"{round(hours * 60)} min"
    if hours < 48:
        return f"{hours:.0f} h"
    return f"{hours / 24:.1f} days"
