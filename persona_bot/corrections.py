"""Team corrections and feedback (issue 12): the use cases the CLI and the Slack app share.

A correction is checked here (a known field, a value of its vocabulary, a short note), made
against the latest stored version (whose measured value is kept beside it), and followed by
re-indexing that version's similarity vector, which uses the corrected values.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from persona.corrections import CorrectionError, checked_note, checked_value, field_named
from persona.models import Correction
from storage.corrections import FeedbackReport, VoteCount
from storage.records import StoredPersona

if TYPE_CHECKING:
    from persona_bot.service import PersonaService


async def correct(
    service: PersonaService,
    team_id: str,
    contact_id: str,
    field_name: str,
    value: str,
    *,
    note: str | None,
    user_id: str | None,
) -> Correction:
    """Set a field to a teammate's value; raises CorrectionError with a message for people."""
    field = field_named(field_name)
    chosen = checked_value(field, value)
    text = checked_note(note)
    latest = await _latest(service, team_id, contact_id)
    measured = field.measured(latest.persona.signals)
    correction = Correction(
        field=field.name,
        value=chosen,
        note=text,
        by=user_id,
        at=datetime.now(UTC),
        version=latest.version,
        measured_then=str(measured.value),
        confidence_then=measured.confidence,
    )
    await service.feedback.correct(latest.key, correction)
    await service.similarity.ensure(latest, fresh=True)  # the vector follows the corrected values
    return correction


async def clear(service: PersonaService, team_id: str, contact_id: str, field_name: str, user_id: str | None) -> bool:
    """Back to the measured value; False when the field had no correction."""
    field = field_named(field_name)
    key = service.key(team_id, contact_id)
    cleared = await service.feedback.clear(key, field.name, user_id)
    if cleared:
        latest = await service.repository.latest(key)
        if latest is not None:
            await service.similarity.ensure(latest, fresh=True)
    return cleared


async def keep(service: PersonaService, team_id: str, contact_id: str, field_name: str, user_id: str | None) -> bool:
    """Keep a correction that newer data disagrees with (asked again only on data newer still)."""
    return await service.feedback.keep(service.key(team_id, contact_id), field_named(field_name).name, user_id)


async def corrections(service: PersonaService, team_id: str, contact_id: str) -> list[Correction]:
    return await service.feedback.corrections(service.key(team_id, contact_id))


async def vote(
    service: PersonaService, team_id: str, contact_id: str, version: int, user_id: str, accurate: bool
) -> VoteCount:
    """One vote per person per version; a second click changes it. Returns the new counts."""
    key = service.key(team_id, contact_id)
    stored = await service.repository.version_before(key, version + 1)
    if stored is None or stored.version != version:
        raise CorrectionError("That persona version no longer exists.")
    return await service.feedback.vote(key, version, user_id, accurate)


async def report(service: PersonaService, team_id: str | None, since: datetime | None) -> FeedbackReport:
    return await service.feedback.report(service.crm.name, team_id, since)


async def _latest(service: PersonaService, team_id: str, contact_id: str) -> StoredPersona:
    latest = await service.repository.latest(service.key(team_id, contact_id))
    if latest is None:
        raise CorrectionError("There is no persona of this contact yet: generate one first.")
    return latest
