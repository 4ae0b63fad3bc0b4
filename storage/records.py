"""What the repository hands out: plain pydantic records, no SQLAlchemy objects leak out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel

from persona.models import Persona


class PersonaKey(BaseModel, frozen=True):
    """Identifies a contact's persona line: scoped to one workspace and one CRM."""

    team_id: str
    crm: str
    contact_id: str


class Reason(StrEnum):
    first = "first"  # no version existed
    regenerate = "regenerate"  # someone asked for a fresh one
    history_changed = "history_changed"  # the CRM history differs from the last version's


class StoredPersona(BaseModel):
    key: PersonaKey
    version: int  # 1, 2, 3 ... per key
    persona: Persona
    fingerprint: str
    reason: Reason
    requested_by: str | None
    created_at: datetime
    latency_ms: int | None = None


class Share(BaseModel):
    key: PersonaKey
    channel_id: str
    message_ts: str
    thread_ts: str | None
    version: int
    shared_by: str | None
    created_at: datetime


class AuditEvent(StrEnum):
    generate = "generate"
    regenerate = "regenerate"
    view = "view"
    share = "share"
    erase = "erase"
    object = "object"  # issue 16: an objection to profiling was recorded
    withdraw = "withdraw"  # issue 16: an objection was lifted
    export = "export"  # issue 16: everything stored about a contact was exported
    correct = "correct"  # issue 12: a teammate set (or kept) a field; the outcome names the field
    clear = "clear"
    vote = "vote"
