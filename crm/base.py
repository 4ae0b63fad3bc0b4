"""The adapter protocol every CRM source implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from crm.models import Contact, History


@runtime_checkable
class CrmAdapter(Protocol):
    """Finds contacts and loads one contact's history. Async so HTTP CRMs never block."""

    name: str  # "demo", "json", "hubspot": stored with each persona

    async def find(self, query: str, limit: int = 10) -> list[Contact]:
        """Contacts matching a name (partial, case/accent-insensitive), email or company."""
        ...

    async def list_contacts(self) -> list[Contact]:
        """Every contact (for `generate --all`); HTTP adapters may cap this."""
        ...

    async def history(self, contact_id: str) -> History:
        """The contact's full history; raises ContactNotFound for an unknown id."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...


@runtime_checkable
class ChangeMarkers(Protocol):
    """Optional (issue 13): a cheap "did this contact change?" without loading histories.

    A marker is an opaque string that differs whenever the contact or its activity changed
    (HubSpot: last-modified stamps). Ids missing from the answer may be deleted or not yet
    indexed: the caller confirms by loading the history. Adapters without it are compared by
    history fingerprint instead.
    """

    async def change_markers(self, contact_ids: list[str]) -> dict[str, str]: ...


@runtime_checkable
class ContactById(Protocol):
    """Optional (issue 13): one contact by id without its history (HubSpot: one request).
    Adapters without it are asked for the history, which they hold in memory."""

    async def contact(self, contact_id: str) -> Contact:
        """Raises ContactNotFound for an unknown id."""
        ...


@runtime_checkable
class Reloadable(Protocol):
    """Optional (issue 13): a source read once (an export file) that can notice it changed."""

    async def reload_if_changed(self) -> bool: ...
