"""Cheap change detection (issue 13): which of many contacts changed, without their histories.

One search request per 100 contacts (`hs_object_id IN [...]`) returns each contact's
last-modified and last-activity stamps; the refresher compares them with what it saw last
cycle. Logging an email, call, meeting or note moves the contact's last-activity stamps, so
activity shows up here too. A contact missing from the answer may be deleted (or not yet
indexed by search): the caller confirms by loading it.
"""

from __future__ import annotations

from collections.abc import Sequence

from crm.hubspot.client import HubSpotClient
from crm.hubspot.search import SEARCH_PATH
from crm.hubspot.wire import ObjectPage

BATCH = 100  # ids per IN filter, and one page of results
MARKER_PROPERTIES = (
    "lastmodifieddate",
    "hs_lastmodifieddate",
    "notes_last_updated",
    "hs_last_sales_activity_timestamp",
)


def markers_body(contact_ids: Sequence[str], after: str | None = None) -> dict[str, object]:
    body: dict[str, object] = {
        "filterGroups": [
            {"filters": [{"propertyName": "hs_object_id", "operator": "IN", "values": list(contact_ids)}]}
        ],
        "properties": list(MARKER_PROPERTIES),
        "limit": BATCH,
    }
    if after:
        body["after"] = after
    return body


async def change_markers(client: HubSpotClient, contact_ids: Sequence[str]) -> dict[str, str]:
    """Contact id -> its stamps joined into one opaque marker, for every id HubSpot still has."""
    ids = [i for i in dict.fromkeys(c.strip() for c in contact_ids) if i.isdigit()]
    markers: dict[str, str] = {}
    for start in range(0, len(ids), BATCH):
        after: str | None = None
        while True:
            page = ObjectPage.model_validate(
                await client.post(SEARCH_PATH, markers_body(ids[start : start + BATCH], after))
            )
            for obj in page.results:
                markers[obj.id] = "|".join(obj.properties.get(p) or "" for p in MARKER_PROPERTIES)
            after = page.after
            if not after:
                break
    return markers
