"""A CRM id or record link typed instead of a name (issue 13): `/persona 1234`,
`/persona https://app.hubspot.com/contacts/<portal>/record/0-1/<id>` (or the older
`.../contacts/<portal>/contact/<id>`), in Slack, the typeahead and the CLI alike."""

from __future__ import annotations

import re

# app.hubspot.com, app-eu1.hubspot.com, ...; 0-1 is HubSpot's object type id for contacts.
_HUBSPOT_RECORD = re.compile(
    r"^<?https?://app(?:-[a-z0-9]+)?\.hubspot\.com/contacts/\d+/(?:record/0-1|contact)/(\d+)(?:[/?#][^\s>]*)?>?$",
    re.IGNORECASE,
)
_ID = re.compile(r"^[\w.:-]{1,255}$")


def record_link_id(text: str) -> str | None:
    """The contact id in a HubSpot contact record link, else None."""
    match = _HUBSPOT_RECORD.match(text.strip())
    return match.group(1) if match else None


def id_candidate(text: str) -> str | None:
    """What may be a CRM id: a record link's id, or one token with no spaces or `@` (names and
    emails go to the search). The caller confirms it exists."""
    text = text.strip()
    linked = record_link_id(text)
    if linked is not None:
        return linked
    return text if _ID.match(text) else None
