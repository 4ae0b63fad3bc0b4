"""What every flow needs: the persona service and the in-process double-click guard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.admins import Admins
from bot.flows.correctors import Correctors
from bot.flows.priority import FirstCardsFirst

if TYPE_CHECKING:
    from persona_bot.service import PersonaService


@dataclass
class Deps:
    service: PersonaService
    # (channel, message ts) of cards being regenerated: a second click is ignored. Storage's
    # single-flight already merges concurrent generations; this also skips the duplicate edits.
    busy: set[tuple[str, str]] = field(default_factory=set)
    first_cards: FirstCardsFirst = field(default_factory=FirstCardsFirst)
    correctors: Correctors = field(default_factory=Correctors)  # PERSONA_CORRECTORS (issue 12)
    admins: Admins = field(default_factory=Admins)  # PERSONA_ADMINS: object / forget from Slack


@dataclass(frozen=True)
class Where:
    """Who asked, in which workspace and conversation, and the thread to answer in (if any)."""

    team_id: str
    channel_id: str
    user_id: str | None
    thread_ts: str | None = None
