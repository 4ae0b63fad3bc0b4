"""Loading one contact's history: associations (every page), then batch reads, then mapping.

Independent requests (one per object type, one per batch of 100 ids) run concurrently; the
client's semaphore keeps the number in flight small.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from crm.hubspot.client import HubSpotClient
from crm.hubspot.mapping import (
    DEAL_PROPERTIES,
    ENGAGEMENT_PROPERTIES,
    ENGAGEMENT_TYPES,
    LINE_ITEM_PROPERTIES,
    deal_discount,
    engagement_time,
    to_deal,
    to_interaction,
    to_purchase,
)
from crm.hubspot.wire import AssociationPage, HsObject, ObjectPage
from crm.models import Contact, Deal, DealStatus, History, Interaction, Purchase

BATCH_SIZE = 100  # HubSpot's batch read limit
ASSOCIATION_PAGE = 500  # the v4 associations API's largest page
_TIME_PROPERTIES = ("hs_timestamp", "hs_meeting_start_time")
_OLDEST = datetime.min.replace(tzinfo=UTC)


async def associated_ids(client: HubSpotClient, from_type: str, from_id: str, to_type: str) -> list[str]:
    """Every associated id, following `paging.next.after` to the last page."""
    ids: list[str] = []
    after: str | None = None
    path = f"/crm/v4/objects/{from_type}/{from_id}/associations/{to_type}"
    while True:
        params: dict[str, str | int] = {"limit": ASSOCIATION_PAGE}
        if after:
            params["after"] = after
        page = AssociationPage.model_validate(await client.get(path, params))
        ids.extend(a.to_object_id for a in page.results)
        after = page.after
        if not after:
            return list(dict.fromkeys(ids))  # one row per object, but be safe


async def batch_read(
    client: HubSpotClient, object_type: str, ids: Sequence[str], properties: Iterable[str]
) -> list[HsObject]:
    """The objects for these ids (deleted ones are simply absent), 100 per request."""
    props = list(properties)
    chunks = [ids[i : i + BATCH_SIZE] for i in range(0, len(ids), BATCH_SIZE)]
    pages = await asyncio.gather(
        *(
            client.post(
                f"/crm/v3/objects/{object_type}/batch/read",
                {"properties": props, "inputs": [{"id": i} for i in chunk]},
            )
            for chunk in chunks
        )
    )
    return [obj for page in pages for obj in ObjectPage.model_validate(page).results]


async def load_history(client: HubSpotClient, contact: Contact, max_engagements: int) -> History:
    found = await asyncio.gather(
        *(associated_ids(client, "contacts", contact.id, t) for t in (*ENGAGEMENT_TYPES, "deals"))
    )
    engagement_ids = dict(zip(ENGAGEMENT_TYPES, found[:-1], strict=True))
    deal_ids = found[-1]
    total = sum(len(ids) for ids in engagement_ids.values())
    truncated = total > max_engagements
    if truncated:
        engagement_ids = await _most_recent(client, engagement_ids, max_engagements)

    interactions, (deals, purchases) = await asyncio.gather(
        _interactions(client, engagement_ids), _deals_and_purchases(client, deal_ids)
    )
    return History(
        contact=contact,
        interactions=interactions,
        deals=deals,
        purchases=purchases,
        truncated=truncated,
        total_interactions=total if truncated else None,
    )


async def _most_recent(client: HubSpotClient, ids_by_type: dict[str, list[str]], cap: int) -> dict[str, list[str]]:
    """Read only timestamps for everything, keep the `cap` newest (ids without a time last)."""
    stamped = await asyncio.gather(*(batch_read(client, t, ids, _TIME_PROPERTIES) for t, ids in ids_by_type.items()))
    ranked = sorted(
        (
            (engagement_time(obj) or _OLDEST, t, obj.id)
            for t, objs in zip(ids_by_type, stamped, strict=True)
            for obj in objs
        ),
        reverse=True,
    )[:cap]
    kept: dict[str, list[str]] = {t: [] for t in ids_by_type}
    for _, object_type, ident in ranked:
        kept[object_type].append(ident)
    return kept


async def _interactions(client: HubSpotClient, ids_by_type: dict[str, list[str]]) -> list[Interaction]:
    objects = await asyncio.gather(
        *(batch_read(client, t, ids, ENGAGEMENT_PROPERTIES[t]) for t, ids in ids_by_type.items())
    )
    mapped = (to_interaction(t, obj) for t, objs in zip(ids_by_type, objects, strict=True) for obj in objs)
    return sorted((i for i in mapped if i is not None), key=lambda i: (i.timestamp, i.id))


async def _deals_and_purchases(client: HubSpotClient, deal_ids: list[str]) -> tuple[list[Deal], list[Purchase]]:
    """Deals, and the line items of the won ones as purchases."""
    if not deal_ids:
        return [], []
    raw_deals = await batch_read(client, "deals", deal_ids, DEAL_PROPERTIES)
    provisional = {obj.id: to_deal(obj) for obj in raw_deals}
    won = [ident for ident, deal in provisional.items() if deal and deal.status is DealStatus.won]
    item_ids = await asyncio.gather(*(associated_ids(client, "deals", d, "line_items") for d in won))
    unique = list(dict.fromkeys(i for ids in item_ids for i in ids))
    items = await batch_read(client, "line_items", unique, LINE_ITEM_PROPERTIES)
    by_id = {item.id: item for item in items}

    deals: list[Deal] = []
    purchases: list[Purchase] = []
    items_of = dict(zip(won, item_ids, strict=True))
    for obj in raw_deals:
        deal = provisional[obj.id]
        if deal is None:
            continue
        lines = [by_id[i] for i in items_of.get(obj.id, []) if i in by_id]
        discount = deal_discount(lines)
        if discount is not None:
            deal = deal.model_copy(update={"discount_percent": discount})
        deals.append(deal)
        purchases.extend(p for line in lines if (p := to_purchase(line, deal)) is not None)
    deals.sort(key=lambda d: (d.created_at, d.id))
    purchases.sort(key=lambda p: (p.timestamp, p.id))
    return deals, purchases
