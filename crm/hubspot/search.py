"""Contact search: free text -> a CRM v3 search request, and the answer ranked like the others.

HubSpot ORs `filterGroups` and ANDs the filters inside one group (at most 5 groups). An email
is matched exactly; names and companies by word prefix (CONTAINS_TOKEN with a `*` wildcard).
"""

from __future__ import annotations

import re
from typing import Any

from crm.hubspot.mapping import CONTACT_PROPERTIES
from crm.matching import fold, match_contacts
from crm.models import Contact

SEARCH_PATH = "/crm/v3/objects/contacts/search"
MAX_TERMS = 5  # HubSpot allows a handful of filters per group; longer queries keep the first words
_TOKEN_SAFE = re.compile(r"[^\w@.'-]+")


def search_body(query: str, limit: int) -> dict[str, Any] | None:
    """The search request for a query, or None when it has nothing to search for."""
    text = " ".join(query.split())
    if not text:
        return None
    if "@" in text and " " not in text:
        groups = [[_filter("email", "EQ", text.lower())]]
    else:
        terms = [t for t in (_TOKEN_SAFE.sub("", w) for w in text.split()) if t][:MAX_TERMS]
        if not terms:
            return None
        groups = _name_groups(terms)
        groups.append([_filter("company", "CONTAINS_TOKEN", f"{t}*") for t in terms])
    return {
        "filterGroups": [{"filters": filters} for filters in groups],
        "properties": list(CONTACT_PROPERTIES),
        "limit": min(max(limit * 3, 20), 200),  # over-fetch a little; ranked locally below
    }


def _name_groups(terms: list[str]) -> list[list[dict[str, str]]]:
    if len(terms) == 1:
        term = f"{terms[0]}*"
        return [[_filter("firstname", "CONTAINS_TOKEN", term)], [_filter("lastname", "CONTAINS_TOKEN", term)]]
    first, last = f"{terms[0]}*", f"{terms[-1]}*"
    token = "CONTAINS_TOKEN"
    return [
        [_filter("firstname", token, first), _filter("lastname", token, last)],
        [_filter("lastname", token, first), _filter("firstname", token, last)],  # "Souza Ana"
    ]


def _filter(prop: str, operator: str, value: str) -> dict[str, str]:
    return {"propertyName": prop, "operator": operator, "value": value}


def rank(contacts: list[Contact], query: str, limit: int) -> list[Contact]:
    """Best first with the shared matcher; HubSpot's own order when the matcher finds none."""
    ranked = match_contacts(contacts, query, limit)
    if ranked or not fold(query):
        return ranked
    return contacts[:limit]
