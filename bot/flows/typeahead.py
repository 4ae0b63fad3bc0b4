"""The Look up a contact modal's work: options while typing, the chosen card, sharing it.

Options must be answered within Slack's 3 s: the CRM gets TYPEAHEAD_SECONDS; a slow or
failing CRM gives an empty list and a logged reason, never a hang.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.lookup import MAX_OPTIONS, MIN_QUERY, card_modal, contact_options, escaped, note_modal, search_modal
from bot.flows.deps import Deps
from bot.flows.show import result_card
from bot.parsing import plain_text
from crm.errors import ContactNotFound, CrmError
from crm.models import Contact

log = logging.getLogger(__name__)
TYPEAHEAD_SECONDS = 2.0


async def open_search(client: AsyncWebClient, trigger_id: str) -> None:
    await client.views_open(trigger_id=trigger_id, view=search_modal().to_dict())


async def options_for(deps: Deps, typed: str) -> list[dict[str, object]]:
    query = plain_text(typed or "")
    if len(query) < MIN_QUERY:
        return []
    try:
        contacts = await asyncio.wait_for(_search(deps, query), TYPEAHEAD_SECONDS)
    except TimeoutError:
        log.warning(
            "typeahead: the CRM took over %.1fs for a %d-character query; no options", TYPEAHEAD_SECONDS, len(query)
        )
        return []
    except CrmError as error:
        log.warning("typeahead: the CRM failed (%s); no options", error)
        return []
    return contact_options(contacts)


async def _search(deps: Deps, query: str) -> list[Contact]:
    by_reference = await deps.service.contact_by_reference(query)
    if by_reference is not None:
        return [by_reference]
    return await deps.service.crm.find(query, limit=MAX_OPTIONS)


async def show_in_modal(
    deps: Deps, client: AsyncWebClient, view: dict[str, Any], *, team_id: str, user_id: str, contact_id: str
) -> None:
    """ "Building…" at once, then the card; only this person sees the modal."""
    view_id = view["id"]
    shown = await client.views_update(view_id=view_id, view=note_modal("⏳ Building the persona…").to_dict())
    try:
        result = await deps.service.get_persona(team_id=team_id, contact_id=contact_id, user_id=user_id, compare=False)
    except ContactNotFound:
        await _note(client, view_id, ":warning: That contact is no longer in the CRM. Search again.")
        return
    except CrmError as error:
        log.warning("lookup modal: CRM failure: %s", error)
        await _note(client, view_id, f":warning: The CRM didn't answer: {escaped(str(error))}. Try again shortly.")
        return
    watching = await deps.service.watches.is_watching(deps.service.key(team_id, contact_id), user_id)
    modal = card_modal(result_card(result), contact_id, watching=watching)
    try:
        await client.views_update(view_id=view_id, hash=shown["view"]["hash"], view=modal.to_dict())
    except SlackApiError as error:
        if error.response.get("error") != "hash_conflict":
            raise
        log.info("lookup modal changed meanwhile (another pick); this card is not shown")


async def _note(client: AsyncWebClient, view_id: str, text: str) -> None:
    await client.views_update(view_id=view_id, view=note_modal(text).to_dict())


async def open_with_card(
    deps: Deps, client: AsyncWebClient, trigger_id: str, *, team_id: str, user_id: str, contact_id: str
) -> None:
    """The Home tab's Open: the modal first (the trigger expires in 3 s), the card after."""
    opened = await client.views_open(trigger_id=trigger_id, view=note_modal("⏳ Building the persona…").to_dict())
    await show_in_modal(deps, client, opened["view"], team_id=team_id, user_id=user_id, contact_id=contact_id)
