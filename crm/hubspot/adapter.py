"""The HubSpot adapter: the CrmAdapter protocol over HubSpot's public CRM REST API."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx

from crm.errors import ContactNotFound, CrmError
from crm.hubspot.changes import change_markers
from crm.hubspot.client import DEFAULT_API_URL, HubSpotClient, NotFound, RetryPolicy
from crm.hubspot.history import load_history
from crm.hubspot.mapping import CONTACT_PROPERTIES, to_contact
from crm.hubspot.search import SEARCH_PATH, rank, search_body
from crm.hubspot.wire import HsObject, ObjectPage
from crm.models import Contact, History

_PROPERTIES = ",".join(CONTACT_PROPERTIES)
LIST_PATH = "/crm/v3/objects/contacts"
LIST_PAGE = 100  # the most the v3 list endpoint returns per page
log = logging.getLogger(__name__)


class HubSpotAdapter:
    """Reads contacts and histories with a private-app access token."""

    name = "hubspot"

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_API_URL,
        *,
        max_engagements: int = 2000,
        max_contacts: int = 1000,
        timeout: float = 20.0,
        concurrency: int = 4,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """Plain values; persona_bot.wiring builds one from the settings (which insist on a token)."""
        self._client = HubSpotClient(
            token,
            base_url,
            timeout=timeout,
            concurrency=concurrency,
            retry=retry,
            transport=transport,
        )
        self._max_engagements = max_engagements
        self._max_contacts = max_contacts

    @property
    def requests_sent(self) -> int:
        """HTTP requests made so far, retries included (for benches and tests)."""
        return self._client.requests_sent

    async def find(self, query: str, limit: int = 10) -> list[Contact]:
        body = search_body(query, limit)
        if body is None:
            return []
        page = ObjectPage.model_validate(await self._client.post(SEARCH_PATH, body))
        return rank([to_contact(obj) for obj in page.results], query, limit)

    async def list_contacts(self) -> list[Contact]:
        """The first `max_contacts` (a listing for people, and did-you-mean suggestions, which
        must not page through a whole CRM); `iter_contacts` has them all."""
        return [contact async for contact in self.iter_contacts(limit=self._max_contacts)]

    async def iter_contacts(self, limit: int | None = None) -> AsyncIterator[Contact]:
        """Every contact (or the first `limit`), one page of 100 at a time as the caller consumes
        them: the v3 objects list and its `after` cursor (the search API stops at 10,000)."""
        sent = 0
        after: str | None = None
        while limit is None or sent < limit:
            params: dict[str, str | int] = {"limit": LIST_PAGE, "properties": _PROPERTIES}
            if after:
                params["after"] = after
            page = ObjectPage.model_validate(await self._client.get(LIST_PATH, params))
            for obj in page.results:
                if limit is not None and sent >= limit:
                    return
                sent += 1
                yield to_contact(obj)
            after = page.after
            if not after or not page.results:
                return

    async def count_contacts(self) -> int | None:
        """How many contacts there are (one search request), for a progress bar; None if unknown."""
        try:
            page = ObjectPage.model_validate(
                await self._client.post(SEARCH_PATH, {"limit": 1, "properties": ["email"]})
            )
        except CrmError as exc:
            log.info("could not count HubSpot contacts: %s", exc)
            return None
        return page.total

    async def history(self, contact_id: str) -> History:
        contact = await self.contact(contact_id)
        return await load_history(self._client, contact, self._max_engagements)

    async def contact(self, contact_id: str) -> Contact:
        """One contact by id, one request (lookup by id or record link, issue 13)."""
        ident = contact_id.strip()
        if not ident.isdigit():  # HubSpot ids are numeric; anything else cannot exist
            raise ContactNotFound(f"no HubSpot contact with id {contact_id!r}")
        try:
            raw = await self._client.get(f"/crm/v3/objects/contacts/{ident}", {"properties": _PROPERTIES})
        except NotFound:
            raise ContactNotFound(f"no HubSpot contact with id {contact_id!r}") from None
        return to_contact(HsObject.model_validate(raw))

    async def change_markers(self, contact_ids: list[str]) -> dict[str, str]:
        """Last-modified stamps of many contacts, 100 per search request (issue 13)."""
        return await change_markers(self._client, contact_ids)

    async def aclose(self) -> None:
        await self._client.aclose()
