"""HubSpot properties -> the project's models. Missing or odd values become absent fields.

Each `to_*` function returns None (and logs) instead of raising when a record cannot be used
at all (e.g. no timestamp anywhere), so one bad engagement never sinks a whole history.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from crm.hubspot.text import html_to_text
from crm.hubspot.wire import HsObject
from crm.models import (
    Contact,
    Deal,
    DealStatus,
    Direction,
    Interaction,
    InteractionType,
    Purchase,
)

log = logging.getLogger(__name__)
_M = TypeVar("_M", bound=BaseModel)

CONTACT_PROPERTIES = ("firstname", "lastname", "email", "company", "jobtitle", "phone")

# Properties read per engagement type; hs_timestamp is the activity's own time.
ENGAGEMENT_PROPERTIES: dict[str, tuple[str, ...]] = {
    "emails": (
        "hs_timestamp",
        "hs_email_direction",
        "hs_email_subject",
        "hs_email_text",
        "hs_email_html",
        "hs_email_status",
        "hs_email_thread_id",
    ),
    "calls": (
        "hs_timestamp",
        "hs_call_direction",
        "hs_call_duration",
        "hs_call_disposition",
        "hs_call_status",
        "hs_call_title",
        "hs_call_body",
    ),
    "meetings": (
        "hs_timestamp",
        "hs_meeting_start_time",
        "hs_meeting_end_time",
        "hs_meeting_outcome",
        "hs_meeting_title",
        "hs_meeting_body",
    ),
    "notes": ("hs_timestamp", "hs_note_body"),
}
ENGAGEMENT_TYPES = tuple(ENGAGEMENT_PROPERTIES)
DEAL_PROPERTIES = (
    "dealname",
    "amount",
    "dealstage",
    "pipeline",
    "createdate",
    "closedate",
    "hs_is_closed_won",
    "hs_is_closed",
    "deal_currency_code",
)
LINE_ITEM_PROPERTIES = ("name", "quantity", "price", "amount", "hs_discount_percentage", "createdate")

# HubSpot's built-in call outcomes are stored as these GUIDs in hs_call_disposition.
CALL_DISPOSITIONS: dict[str, str] = {
    "f240bbac-87c9-4f6e-bf70-924b57d47db7": "connected",
    "73a0d17f-1163-4015-bdd5-ec830791da20": "no_answer",
    "b2cf5968-551e-4856-9783-52b3da59a7d0": "voicemail",
    "a4c4c377-d246-4b32-a13b-75a56a4cd0ff": "left_live_message",
    "9d9162e7-6cf3-4944-bf63-4dff82258764": "busy",
    "17b47fee-58de-441e-a44c-c6300d46f273": "wrong_number",
}
_EMAIL_DIRECTIONS = {
    "EMAIL": Direction.outbound,  # sent from the CRM or a connected inbox
    "INCOMING_EMAIL": Direction.inbound,  # the contact's reply
    "FORWARDED_EMAIL": Direction.inbound,  # a contact's email a rep forwarded into the CRM
}
_CALL_DIRECTIONS = {"INBOUND": Direction.inbound, "OUTBOUND": Direction.outbound}


def to_contact(obj: HsObject) -> Contact:
    p = obj.properties
    name = " ".join(x for x in (_text(p, "firstname"), _text(p, "lastname")) if x)
    return Contact(
        id=obj.id,
        name=name or _text(p, "email") or f"HubSpot contact {obj.id}",
        email=_text(p, "email"),
        company=_text(p, "company"),
        title=_text(p, "jobtitle"),
        phone=_text(p, "phone"),
    )


def engagement_time(obj: HsObject) -> datetime | None:
    """When the activity happened (meeting start, else hs_timestamp, else creation)."""
    p = obj.properties
    return (
        parse_time(p.get("hs_meeting_start_time"))
        or parse_time(p.get("hs_timestamp"))
        or parse_time(p.get("hs_createdate"))
        or parse_time(obj.created_at)
    )


def to_interaction(object_type: str, obj: HsObject) -> Interaction | None:
    timestamp = engagement_time(obj)
    if timestamp is None:
        log.warning("skipping HubSpot %s %s: no timestamp", object_type, obj.id)
        return None
    p = obj.properties
    fields: dict[str, object]
    if object_type == "emails":
        fields = {
            "type": InteractionType.email,
            "direction": _EMAIL_DIRECTIONS.get(_upper(p, "hs_email_direction"), Direction.outbound),
            "subject": _text(p, "hs_email_subject"),
            "body": _text(p, "hs_email_text") or html_to_text(p.get("hs_email_html")),
            "outcome": _word(p.get("hs_email_status")),
            "thread_id": _text(p, "hs_email_thread_id"),
        }
    elif object_type == "calls":
        fields = {
            "type": InteractionType.call,
            "direction": _CALL_DIRECTIONS.get(_upper(p, "hs_call_direction"), Direction.outbound),
            "subject": _text(p, "hs_call_title"),
            "body": html_to_text(p.get("hs_call_body")),
            "duration_seconds": _ms_to_seconds(p.get("hs_call_duration")),
            "outcome": call_outcome(p.get("hs_call_disposition"), p.get("hs_call_status")),
        }
    elif object_type == "meetings":
        start = parse_time(p.get("hs_meeting_start_time"))
        end = parse_time(p.get("hs_meeting_end_time"))
        span = int((end - start).total_seconds()) if start and end and end >= start else None
        fields = {
            "type": InteractionType.meeting,
            "direction": Direction.outbound,  # meetings are booked and logged by the team
            "subject": _text(p, "hs_meeting_title"),
            "body": html_to_text(p.get("hs_meeting_body")),
            "duration_seconds": span,
            "outcome": _word(p.get("hs_meeting_outcome")),
        }
    elif object_type == "notes":
        fields = {
            "type": InteractionType.note,
            "direction": Direction.outbound,  # a rep's own note
            "body": html_to_text(p.get("hs_note_body")),
        }
    else:
        return None
    return _build(Interaction, object_type, obj.id, id=obj.id, timestamp=timestamp, **fields)


def call_outcome(disposition: str | None, status: str | None) -> str | None:
    """Built-in disposition GUIDs become words; a custom outcome falls back to the call status."""
    if disposition:
        known = CALL_DISPOSITIONS.get(disposition.strip().lower())
        if known:
            return known
    return _word(status)


def deal_status(obj: HsObject) -> DealStatus:
    p = obj.properties
    won, closed = _flag(p.get("hs_is_closed_won")), _flag(p.get("hs_is_closed"))
    stage = (p.get("dealstage") or "").strip().lower()
    if won or (won is None and stage == "closedwon"):
        return DealStatus.won
    if closed or (closed is None and stage == "closedlost"):
        return DealStatus.lost
    return DealStatus.open


def to_deal(obj: HsObject, discount_percent: float | None = None) -> Deal | None:
    p = obj.properties
    created = parse_time(p.get("createdate")) or parse_time(obj.created_at)
    if created is None:
        log.warning("skipping HubSpot deal %s: no create date", obj.id)
        return None
    status = deal_status(obj)
    return _build(
        Deal,
        "deal",
        obj.id,
        id=obj.id,
        name=_text(p, "dealname") or f"Deal {obj.id}",
        amount=_non_negative(p.get("amount")),
        currency=_text(p, "deal_currency_code") or "USD",
        stage=_text(p, "dealstage"),
        status=status,
        created_at=created,
        closed_at=parse_time(p.get("closedate")) if status is not DealStatus.open else None,
        discount_percent=discount_percent,
    )


def to_purchase(item: HsObject, deal: Deal) -> Purchase | None:
    """A won deal's line item: bought when the deal closed, at the line's net amount."""
    p = item.properties
    quantity = _non_negative(p.get("quantity"))
    price = _non_negative(p.get("price"))
    amount = _non_negative(p.get("amount"))
    if amount is None and price is not None:
        amount = price * (quantity if quantity is not None else 1)
    if amount is None:
        log.warning("skipping HubSpot line item %s: no amount or price", item.id)
        return None
    return _build(
        Purchase,
        "line item",
        item.id,
        id=item.id,
        timestamp=deal.closed_at or parse_time(p.get("createdate")) or deal.created_at,
        amount=amount,
        currency=deal.currency,
        product=_text(p, "name") or f"Line item {item.id}",
        quantity=round(quantity) if quantity is not None else 1,
    )


def deal_discount(items: Iterable[HsObject]) -> float | None:
    """The deal's discount: line items' percentages weighted by list price (none given: 0%).

    None when no line item carries a discount at all, so "unknown" is not read as "no discount".
    """
    weighted = total = 0.0
    any_discount = False
    for item in items:
        p = item.properties
        price = _non_negative(p.get("price"))
        if price is None:
            continue
        percent = _number(p.get("hs_discount_percentage"))
        if percent is not None and 0 <= percent <= 100:
            any_discount = True
        else:
            percent = 0.0
        gross = price * (_non_negative(p.get("quantity")) or 1)
        weighted += percent * gross
        total += gross
    return round(weighted / total, 2) if any_discount and total > 0 else None


def parse_time(value: str | None) -> datetime | None:
    """ISO 8601 (HubSpot v3) or epoch milliseconds (older imports); None when unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        if text.isdigit():
            return datetime.fromtimestamp(int(text) / 1000, tz=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _build(model: type[_M], kind: str, ident: str, **fields: object) -> _M | None:
    try:
        return model(**fields)
    except ValidationError as exc:
        log.warning("skipping HubSpot %s %s: %s", kind, ident, exc.errors()[0]["msg"])
        return None


def _text(props: dict[str, str | None], key: str) -> str | None:
    value = props.get(key)
    return value.strip() or None if value else None


def _upper(props: dict[str, str | None], key: str) -> str:
    return (props.get(key) or "").strip().upper()


def _word(value: str | None) -> str | None:
    """ "NO_SHOW" -> "no_show", "Left voicemail" -> "left_voicemail"."""
    if not value or not value.strip():
        return None
    return "_".join(value.strip().lower().replace("-", " ").split())


def _number(value: str | None) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _non_negative(value: str | None) -> float | None:
    number = _number(value)
    return number if number is not None and number >= 0 else None


def _ms_to_seconds(value: str | None) -> int | None:
    ms = _non_negative(value)
    return round(ms / 1000) if ms is not None else None


def _flag(value: str | None) -> bool | None:
    if value is None or not value.strip():
        return None
    return value.strip().lower() == "true"
