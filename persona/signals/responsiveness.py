"""Responsiveness: does the contact answer our outreach promptly, or need chasing?

Outreach is grouped into episodes: a run of our touches (emails, chats, unanswered calls)
until the contact answers: writes, calls, picks up, or meets us. The rules (README,
"Responsiveness"):

- a meeting held within MEETING_ANSWER of our last touch answers the episode (the contact
  booked time instead of writing back); other meetings are neither outreach nor answers;
- our email or chat within RECAP_AFTER of a connected call or a held meeting is the recap of
  that conversation, not new outreach;
- an episode answered on the first touch within 48 hours (or by a meeting) is a prompt answer;
- judged over all episodes first; when that is not clearly responsive, each channel the
  episodes opened on (email, chat, phone) is judged on its own, and a contact who answers
  one channel promptly is responsive on it even if they never pick up cold calls. The
  detail then says both ("answers email in ~3 h; did not pick up 5 calls") and the
  recommendations follow ("email, don't call").
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crm.models import Direction, Interaction, InteractionType
from persona.models import Channel, Responsiveness, Signal
from persona.signals.common import call_connected, confidence, plural, recent_ids, unknown
from persona.signals.facts import Facts

PROMPT_REPLY = timedelta(hours=48)
NEW_TOPIC_GAP = timedelta(days=21)  # a touch this long after the last one starts afresh
STALE_OPEN = timedelta(days=7)  # a chased, unanswered final episode this old counts
CONVERSATION_GAP = timedelta(days=2)  # our message this soon after theirs is a reply, not outreach
MEETING_ANSWER = timedelta(days=4)  # a meeting held this soon after our touch answers it
RECAP_AFTER = timedelta(hours=24)  # our email this soon after a call or meeting is its recap
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
        if self.reply_after is None or self.chasers:
            return False
        return self.by_meeting or self.reply_after <= PROMPT_REPLY


@dataclass(frozen=True)
class ChannelVerdict:
    """Set when the contact answers one channel promptly and leaves another unanswered."""

    answers_on: Channel | None = None
    ignores: Channel | None = None


def outreach_episodes(facts: Facts) -> list[Episode]:
    """Outreach by phone and in writing run as separate episodes: a cold call nobody picks up
    is not a chaser of an email the contact answers within hours."""
    episodes: list[Episode] = []
    open_episodes: dict[str, Episode] = {}  # by group, at most one each
    last_response: datetime | None = None
    last_conversation: datetime | None = None  # a connected call or a held meeting

    def answer(by: Interaction, meeting: bool = False) -> None:
        for episode in open_episodes.values():
            episode.reply_after = by.timestamp - episode.start
            episode.answered_by = by.id
            episode.by_meeting = meeting
            episodes.append(episode)
        open_episodes.clear()

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
            recent = [e for e in open_episodes.values() if item.timestamp - e.touches[-1].timestamp <= MEETING_ANSWER]
            if recent:
                for key in [k for k, e in open_episodes.items() if e not in recent]:
                    del open_episodes[key]  # older outreach stays open as it was
                answer(item, meeting=True)
                last_response = item.timestamp
            continue
        # A touch is our attempt that got no response by itself (our email or chat, an
        # unanswered call); a response is the contact writing, calling, or picking up.
        if not engaged and item.direction is outbound:  # a touch
            if kind is not call and last_conversation is not None and item.timestamp - last_conversation <= RECAP_AFTER:
                continue  # the recap of a call or meeting we just had
            group = "phone" if kind is call else "written"
            current = open_episodes.get(group)
            if current and item.timestamp - current.touches[-1].timestamp > NEW_TOPIC_GAP:
                if not (current.follows_contact and current.chasers == 0):
                    episodes.append(current)  # went unanswered
                # else: our reply simply ended the conversation; nothing was left unanswered
                current = None
            if current is None:
                follows = last_response is not None and item.timestamp - last_response <= CONVERSATION_GAP
                current = open_episodes[group] = Episode(start=item.timestamp, follows_contact=follows)
            current.touches.append(item)
        elif engaged:
            last_response = item.timestamp
            if kind is call:
                last_conversation = item.timestamp
            outbound_connect = item.direction is outbound
            if not open_episodes:
                if outbound_connect:  # we called, they picked up at once
                    episodes.append(Episode(item.timestamp, [item], timedelta(0), item.id))
                continue  # they reached out unprompted: not an answer to outreach
            if outbound_connect:  # our call they picked up is the last touch of what it answers
                (open_episodes.get("phone") or next(iter(open_episodes.values()))).touches.append(item)
            answer(item)
    for episode in open_episodes.values():
        span = episode.touches[-1].timestamp - episode.start
        if episode.chasers >= 1 and span >= STALE_OPEN:
            episodes.append(episode)  # chased for a week and still silent
    return episodes


def responsiveness(facts: Facts) -> tuple[Signal[Responsiveness], dict[str, float | None], ChannelVerdict]:
    """The signal, its numbers (median reply hours, unanswered share, chasers) and any
    channel the contact answers while ignoring another."""
    episodes = outreach_episodes(facts)
    answered = [e for e in episodes if e.reply_after is not None]
    numbers: dict[str, float | None] = {
        "median_reply_hours": _median_hours(episodes),
        "unanswered_share": round(1 - len(answered) / len(episodes), 2) if episodes else None,
        "chasers_per_outreach": (round(statistics.fmean(e.chasers for e in episodes), 2) if episodes else None),
    }
    aside = facts.set_aside_note()
    n = len(episodes)
    if n < MIN_EPISODES:
        return unknown(f"only {plural(n, 'outreach episode')} to judge{aside}", n), numbers, ChannelVerdict()
    prompt = [e for e in episodes if e.prompt]
    share = len(prompt) / n
    detail = _detail(episodes, len(prompt), len(answered), numbers) + aside
    verdict = ChannelVerdict()
    if share < RESPONSIVE_SHARE:
        channel, channel_eps = _responsive_channel(episodes)
        if channel is not None:
            ignored = _ignored_channel(channel, episodes)
            verdict = ChannelVerdict(answers_on=channel, ignores=ignored)
            channel_prompt = [e for e in channel_eps if e.prompt]
            detail = _channel_detail(channel, channel_eps, facts) + "; " + detail
            signal = Signal(
                value="responsive",
                confidence=confidence(len(channel_eps), len(channel_prompt) / len(channel_eps)),
                data_points=n,
                evidence=recent_ids(e.answered_by for e in channel_prompt if e.answered_by),
                detail=detail,
            )
            return signal, numbers, verdict
    if share >= RESPONSIVE_SHARE:
        value: Responsiveness = "responsive"
        ids = [e.answered_by for e in prompt if e.answered_by]
        agreement = share
    elif share <= FOLLOW_UP_SHARE:
        value = "needs_follow_up"
        ids = [t.id for e in episodes if not e.prompt for t in e.touches]
        agreement = 1 - share
    else:
        return unknown(f"mixed: {detail}", n), numbers, verdict
    signal = Signal(
        value=value,
        confidence=confidence(n, agreement),
        data_points=n,
        evidence=recent_ids(ids),
        detail=detail,
    )
    return signal, numbers, verdict


def _responsive_channel(episodes: list[Episode]) -> tuple[Channel | None, list[Episode]]:
    """The channel the contact answers promptly (3+ episodes, 60%+ prompt), if any."""
    best: tuple[float, Channel | None, list[Episode]] = (0.0, None, [])
    for channel in ("email", "chat", "phone"):
        mine = [e for e in episodes if e.channel == channel]
        if len(mine) < MIN_EPISODES:
            continue
        share = sum(e.prompt for e in mine) / len(mine)
        if share >= RESPONSIVE_SHARE and share > best[0]:
            best = (share, channel, mine)  # type: ignore[assignment]
    return best[1], best[2]


def _ignored_channel(answered: Channel, episodes: list[Episode]) -> Channel | None:
    """Another channel whose episodes mostly went unanswered."""
    for channel in ("phone", "email", "chat"):
        if channel == answered:
            continue
        mine = [e for e in episodes if e.channel == channel]
        if len(mine) >= 2 and sum(e.prompt for e in mine) / len(mine) <= FOLLOW_UP_SHARE:
            return channel  # type: ignore[return-value]
    return None


def _channel_detail(channel: Channel, episodes: list[Episode], facts: Facts) -> str:
    hours = _median_hours(episodes)
    parts = [f"answers {channel} in ~{_hours(hours)}" if hours is not None else f"answers {channel}"]
    missed_calls = sum(
        1
        for item in facts.interactions
        if item.type is InteractionType.call and item.direction is Direction.outbound and not call_connected(item)
    )
    if channel != "phone" and missed_calls:
        parts.append(f"did not pick up {plural(missed_calls, 'call')}")
    return "; ".join(parts)


def _median_hours(episodes: list[Episode]) -> float | None:
    times = [e.reply_after.total_seconds() / 3600 for e in episodes if e.reply_after is not None and not e.by_meeting]
    return round(statistics.median(times), 1) if times else None


def _detail(episodes: list[Episode], prompt: int, answered: int, numbers: dict[str, float | None]) -> str:
    n = len(episodes)
    parts = [f"answered {prompt} of {n} outreach episodes on the first touch within 48 h"]
    by_meeting = sum(e.by_meeting for e in episodes)
    if by_meeting:
        parts[0] += f" ({by_meeting} by a meeting soon after)"
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
