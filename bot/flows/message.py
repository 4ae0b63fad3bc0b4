"""Message shortcut: which contact a Slack message is about.

In order: email addresses in the text, known contact names in the text, and for a message
written by someone from another organization (Slack Connect), that person's email.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import messages
from bot.delivery import ephemeral
from bot.flows.deps import Deps, Where
from bot.flows.show import show_persona
from bot.parsing import emails_in, plain_text
from crm.matching import fold
from crm.models import Contact

_WORD = re.compile(r"\w+")
NOTHING_FOUND = (
    "I found no email address or known contact name in that message, and its author is "
    "not from another organization. Try `/persona <name>`."
)


async def _by_email(deps: Deps, emails: list[str]) -> list[Contact]:
    found: list[Contact] = []
    for email in emails:
        for contact in (await deps.service.lookup(email)).matches:
            if contact.email and fold(contact.email) == fold(email) and contact not in found:
                found.append(contact)
    return found


async def _by_name(deps: Deps, text: str) -> list[Contact]:
    folded = " " + " ".join(_WORD.findall(fold(text))) + " "
    found: list[Contact] = []
    for contact in await deps.service.crm.list_contacts():
        name = " ".join(_WORD.findall(fold(contact.name)))
        if len(name) >= 4 and f" {name} " in folded and contact not in found:
            found.append(contact)
    return found


async def external_author_email(client: AsyncWebClient, author_id: str | None, own_team_id: str) -> str | None:
    """The author's email when they belong to another organization (it may be hidden)."""
    if not author_id:
        return None
    try:
        user = (await client.users_info(user=author_id)).get("user") or {}
    except SlackApiError:
        return None
    external = user.get("team_id") not in (None, own_team_id) or user.get("is_stranger")
    return ((user.get("profile") or {}).get("email") or None) if external else None


async def contacts_in_message(
    deps: Deps, client: AsyncWebClient, message: dict[str, Any], own_team_id: str
) -> list[Contact]:
    text = plain_text(message.get("text") or "")
    found = await _by_email(deps, emails_in(text))
    if not found:
        found = await _by_name(deps, text)
    if not found:
        email = await external_author_email(client, message.get("user"), own_team_id)
        if email:
            found = await _by_email(deps, [email])
    return found


async def persona_from_message(
    deps: Deps,
    client: AsyncWebClient,
    respond: AsyncRespond,
    where: Where,
    message: dict[str, Any],
) -> None:
    """The card goes in the message's thread; nothing or several found: the command's replies."""
    contacts = await contacts_in_message(deps, client, message, where.team_id)
    if not contacts:
        await ephemeral(respond, messages.notice(NOTHING_FOUND))
    elif len(contacts) > 1:
        snippet = plain_text(message.get("text") or "")[:60] or "this message"
        await ephemeral(respond, messages.picker(snippet, contacts, thread_ts=where.thread_ts))
    else:
        await show_persona(deps, client, respond, where, contacts[0].id)
