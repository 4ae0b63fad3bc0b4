"""Responsiveness: does the contact answer our outreach promptly, or need chasing?

Outreach is grouped into episodes: a run of our touches (emails, chats, unanswered calls)
until the contact answers: writes, calls, picks up, or meets us. The rules (README,
"Responsiveness"):

- a meeting held within MEETING_ANSWER of our last touch answers the episode (the contact
  booked time instead of writing back); other meetings are neither outreach nor answers;
- our email or chat within RECAP_AFTER of a connected call or a held meeting is the recap of
  that conversation, not new outreach;
- an episode answered on the first touch within 48 hours (or by a meeting) is a prompt answer;
- a contact who never uses the phone (never calls us, picks up at most one in five of our
  calls) is judged without our unanswered calls: they went to a channel the contact does
  not use. A contact who answers email within hours is then responsive even if they never
  pick up; the detail says both ("answers email in ~3 h; did not pick up 5 calls") and the
  recommendations follow ("Email, don't call").
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crm.models import Direction, Interaction, InteractionType
from persona.models import Channel, Responsiveness, Signal
from persona.signals.common import confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts

PROMPT_REPLY = timedelta(hours=48)
NEW_TOPIC_GAP = timedelta(days=21)  # a touch this long after the last one starts afresh
STALE_OPEN = timedelta(days=7)  # a chased, unanswered final episode this old counts
CONVERSATION_GAP = timedelta(days=2)  # our message this soon after theirs is a reply, not outreach
MEETING_ANSWER = timedelta(days=4)  # a meeting held this soon after our touch answers it
RECAP_AFTER = timedelta(hours=24)  # our email this soon after a call or meeting is its recap
PHONE_AVERSE_SHARE = 0.2  # picks up at most this share of our calls (and never calls us)
MIN_EPISODES = 3
RESPONSIVE_SHARE = 0.6
FOLLOW_UP_SHARE = 0.4
_CHANNEL: dict[InteractionType, Channel] = {
    InteractionType.email: "email",
    InteractionType.chat: "chat",
    InteractionType.call: "phone",
}


@dataclass
class Episode:
    start: datetime
    touches: list[Interaction] = field(default_factory=list)
    reply_after: timedelta | None = None  # None: never answered
    answered_by: str | None = None
    follows_contact: bool = False  # opened by our answer to the contact, not by outreach
    by_meeting: bool = False  # answered by a meeting held soon after

    @property
    def chasers(self) -> int:
        return max(0, len(self.touches) - 1)

    @property
    def channel(self) -> Channel:
        return _CHANNEL.get(self.touches[0].type, "email")

    @property
    def prompt(self) -> bool:
        if self.reply_after is None or len(self.touches) > 1:  # answered, and on the first touch
            return False
        return self.by_meeting or self.reply_after <= PROMPT_REPLY


@dataclass(frozen=True)
class ChannelVerdict:
    """Set when the contact answers one channel promptly and leaves another unanswered."""

    answers_on: Channel | None = None
    ignores: Channel | None = None


def ignores_the_phone(facts: Facts) -> list[Interaction]:
    """Our unanswered calls, if the contact never uses the phone (never calls us, picks up at
    most one in five of our calls, and left 2+ unanswered); else []. Those calls go to a
    channel they do not use: they say where not to reach them, not how responsive they are."""
    missed: list[Interaction] = []
    connected = 0
    for item, engaged in facts.calls:
        if item.direction is Direction.inbound:
            return []
        if engaged:
            connected += 1
        else:
            missed.append(item)
    if len(missed) < 2 or connected > PHONE_AVERSE_SHARE * (connected + len(missed)):
        return []
    return missed


def outreach_episodes(facts: Facts, skipped: frozenset[str] = frozenset()) -> list[Episode]:
    """Episodes of outreach; `skipped` ids (calls to someone who never picks up) are left out."""
    episodes: list[Episode] = []
    open_episode: Episode | None = None
    last_response: datetime | None = None
    last_conversation: datetime | None = None  # a connected call or a held meeting
    note, meeting, call = InteractionType.note, InteractionType.meeting, InteractionType.call
    outbound = Direction.outbound
    for item, engaged in zip(facts.interactions, facts.engaged_flags, strict=True):
        kind = item.type
        if kind is note:
            continue  # internal
        if kind is meeting:
            if not engaged:
                continue  # a no-show answers nothing
            last_conversation = item.timestamp
            if open_episode is not None and item.timestamp - open_episode.touches[-1].timestamp <= MEETING_ANSWER:
                open_episode.reply_after = item.timestamp - open_episode.start
                open_episode.answered_by = item.id
                open_episode.by_meeting = True
                episodes.append(open_episode)
                open_episode = None
                last_response = item.timestamp
            continue
        # A touch is our attempt that got no response by itself (our email or chat, an
        # unanswered call); a response is the contact writing, calling, or picking up.
        if not engaged and item.direction is outbound:  # a touch
            if kind is not call and last_conversation is not None and item.timestamp - last_conversation <= RECAP_AFTER:
                continue  # the recap of a call or meeting we just had
            if skipped and item.id in skipped:
                continue
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
            if kind is call:
                last_conversation = item.timestamp
            outbound_connect = item.direction is outbound
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


def responsiveness(facts: Facts) -> tuple[Signal[Responsiveness], dict[str, float | None], ChannelVerdict]:
    """The signal, its numbers (median reply hours, unanswered share, chasers) and the channel
    the contact answers while never picking up the phone, if that is the case."""
    missed_calls = ignores_the_phone(facts)
    episodes = outreach_episodes(facts, frozenset(c.id for c in missed_calls))
    answered = [e for e in episodes if e.reply_after is not None]
    numbers: dict[str, float | None] = {
        "median_reply_hours": _median_hours(episodes),
        "unanswered_share": round(1 - len(answered) / len(episodes), 2) if episodes else None,
        "chasers_per_outreach": (
            round(statistics.fmean([len(e.touches) - 1 for e in episodes]), 2) if episodes else None
        ),
    }
    aside = facts.set_aside_note()
    n = len(episodes)
    if n < MIN_EPISODES:
        return unknown(f"only {plural(n, 'outreach episode')} to judge{aside}", n), numbers, ChannelVerdict()
    prompt = [e for e in episodes if e.prompt]
    share = len(prompt) / n
    detail = _detail(episodes, len(prompt), len(answered), numbers["median_reply_hours"])
    if missed_calls:
        detail = f"{_answers(episodes)}; did not pick up {plural(len(missed_calls), 'call')}; {detail}"
    detail += aside
    verdict = ChannelVerdict()
    if share >= RESPONSIVE_SHARE:
        value: Responsiveness = "responsive"
        ids = [e.answered_by for e in prompt if e.answered_by]
        agreement = share
        if missed_calls:
            verdict = ChannelVerdict(answers_on=_main_channel(prompt), ignores="phone")
    elif share <= FOLLOW_UP_SHARE:
        value = "needs_follow_up"
        ids = [t.id for e in episodes if not e.prompt for t in e.touches]
        agreement = 1 - share
    else:
        return unknown(f"mixed: {detail}", n), numbers, verdict
    signal = Signal[Responsiveness](
        value=value,
        confidence=confidence(n, agreement),
        data_points=n,
        evidence=recent_ids(ids),
        detail=detail,
    )
    return signal, numbers, verdict


def _main_channel(episodes: list[Episode]) -> Channel:
    counts = Counter(e.channel for e in episodes)
    return counts.most_common(1)[0][0] if counts else "email"


def _answers(episodes: list[Episode]) -> str:
    hours = _median_hours([e for e in episodes if e.prompt])
    channel = _main_channel([e for e in episodes if e.prompt])
    return f"answers {channel} in ~{_hours(hours)}" if hours is not None else f"answers {channel}"


def _median_hours(episodes: list[Episode]) -> float | None:
    times = [e.reply_after.total_seconds() / 3600 for e in episodes if e.reply_after is not None and not e.by_meeting]
    return round(statistics.median(times), 1) if times else None


def _detail(episodes: list[Episode], prompt: int, answered: int, median_hours: float | None) -> str:
    n = len(episodes)
    parts = [f"answered {prompt} of {n} outreach episodes on the first touch within 48 h"]
    by_meeting = sum(e.by_meeting for e in episodes)
    if by_meeting:
        parts[0] += f" ({by_meeting} by a meeting soon after)"
    if median_hours is not None:
        parts.append(f"median reply {_hours(median_hours)}")
    if answered < n:
        parts.append(f"{n - answered} never answered")
    chasers = statistics.fmean([len(e.touches) - 1 for e in episodes])
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
