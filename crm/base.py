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
