"""Objections to profiling (GDPR art. 21, issue 16): record, check, withdraw.

A contact who objects is erased (as `forget`) and put on the do-not-profile list by CRM id
and by normalised e-mail, so a duplicate CRM record, another CRM or a plus-address variant
(`Maria.Keller+crm@…` = `maria.keller@…`) is refused too. The list stores only a hash of
the e-mail. PersonaService.get_persona checks the list before anything is stored or shown,
so every path (command, shortcut, buttons, bulk, similar, and whatever calls it later)
inherits the refusal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # light to import: the CLI catches ContactObjected before loading anything heavy
    from crm.models import Contact
    from persona_bot.service import PersonaService
    from storage.suppressions import Suppression

OBJECTED = "This contact has asked not to be profiled, so no persona is made or kept for them."
_HASH_CONTEXT = b"persona-bot/suppression/v1:"  # domain separation: not reusable as a bare e-mail hash


class ContactObjected(Exception):
    """Raised instead of producing a persona for a contact who objected (message: OBJECTED)."""

    def __init__(self, contact_id: str) -> None:
        super().__init__(OBJECTED)
        self.contact_id = contact_id


def normalised_email(email: str | None) -> str | None:
    """Lower-case, surrounding space and plus-addressing removed; None when not an address."""
    if not email:
        return None
    local, at, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if not at or not local or not domain:
        return None
    return f"{local}@{domain}"


def email_hash(email: str | None) -> str | None:
    """What the list stores instead of the address: sha256 of the normalised e-mail."""
    normal = normalised_email(email)
    return hashlib.sha256(_HASH_CONTEXT + normal.encode()).hexdigest() if normal else None


@dataclass(frozen=True)
class ObjectionResult:
    objection: Suppression
    new: bool  # False: this contact had already objected (nothing changed but the erasure)
    erased: int  # persona versions erased


async def record_objection(
    service: PersonaService, contact: Contact, *, recorded_by: str | None, reason: str | None
) -> ObjectionResult:
    """Put the contact on the list first (so a crash never leaves them erasable but profilable),
    then erase everything stored about them in every workspace."""
    objection, new = await service.suppressions.add(
        service.crm.name, contact.id, email_hash(contact.email), recorded_by=recorded_by, reason=reason
    )
    erased = await service.repository.forget(service.crm.name, contact.id, user_id=recorded_by)
    return ObjectionResult(objection, new, erased)


async def withdraw_objection(service: PersonaService, contact: Contact, *, withdrawn_by: str | None) -> int:
    """Lift every objection covering this contact (by id or e-mail); returns how many."""
    return await service.suppressions.remove(
        service.crm.name, contact.id, email_hash(contact.email), removed_by=withdrawn_by
    )
