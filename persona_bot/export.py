"""A data-subject access request (GDPR art. 15, issue 16): everything stored about one contact.

One JSON document: who it is about (as the CRM names them), and every stored row about them,
table by table (persona versions with their evidence ids, shares, vectors, audit entries,
objections, and any table added to storage.subject_export.SUBJECT_TABLES). Rows of other
contacts never appear: every table is filtered by this contact's CRM id (and the objection
list also by the hash of their normalised e-mail).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from crm.models import Contact
from persona_bot.objections import email_hash
from storage.subject_export import record_export, rows_about

if TYPE_CHECKING:
    from persona_bot.service import PersonaService

FORMAT = "persona-bot/subject-export/v1"


async def export_contact(service: PersonaService, contact: Contact, *, requested_by: str | None) -> dict[str, Any]:
    engine = service.repository.engine
    await service.repository.flush_writes()  # views queued a moment ago belong in the export
    held = await rows_about(engine, service.crm.name, contact.id, email_hash(contact.email))
    await record_export(engine, service.crm.name, contact.id, requested_by)
    return {
        "format": FORMAT,
        "exported_at": datetime.now(UTC).isoformat(),
        "subject": {
            "crm": service.crm.name,
            "contact_id": contact.id,
            "name": contact.name,
            "email": contact.email,
            "company": contact.company,
        },
        "counts": {table: len(rows) for table, rows in held.items()},
        "stored": held,
        "notes": [
            "persona_versions.persona is the full persona as stored: every trait and signal lists "
            "the ids of the CRM records (evidence) it rests on.",
            "persona_vectors hold numbers derived from the persona (float32, base64) for the similar-contacts search.",
            "suppressions store a hash of the normalised e-mail address, never the address.",
            "The CRM itself (the source history) is not part of this export: ask its operator.",
        ],
    }
