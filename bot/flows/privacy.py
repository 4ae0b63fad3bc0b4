"""`/persona object <contact> [-- reason]` and `/persona forget <contact>`: admins only (issue 16).

An objection erases everything stored about the contact in every workspace and keeps them
off the do-not-profile list; forget erases this workspace's personas. Either way the cards
already posted here are replaced with a neutral line, so the channel no longer shows them.
"""

from __future__ import annotations

import logging

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import messages
from bot.delivery import ephemeral
from bot.flows.deps import Deps, Where
from bot.mrkdwn import escape, one_line
from bot.parsing import Request
from crm.models import Contact
from persona_bot.objections import OBJECTED, record_objection
from storage.records import Share

log = logging.getLogger(__name__)

NOT_ALLOWED = (
    ":no_entry: Only Persona Bot admins can record an objection or erase a contact from Slack. "
    "Ask one of them, or an operator (`persona-bot object` / `persona-bot forget`)."
)
ERASED_CARD = "This persona was erased."


async def run_privacy_request(
    deps: Deps, client: AsyncWebClient, respond: AsyncRespond, where: Where, request: Request, query: str
) -> None:
    """`query`: the request's contact, a mention already resolved to an e-mail or name."""
    if not await deps.admins.allows(client, where.user_id):
        await ephemeral(respond, messages.notice(NOT_ALLOWED))
        return
    contact = await _one_contact(deps, respond, query)
    if contact is None:
        return
    service = deps.service
    posted = await service.repository.shares_of(service.key(where.team_id, contact.id))
    name = escape(one_line(contact.label))
    if request.kind == "object":
        result = await record_objection(service, contact, recorded_by=where.user_id, reason=request.reason)
        cleared = await _clear_cards(client, posted, OBJECTED)
        state = "Objection recorded" if result.new else "The objection was already on record"
        text = (
            f":white_check_mark: {state}: *{name}* will not be profiled again, in any workspace. "
            f"Erased {result.erased} persona version(s); {cleared} posted card(s) here now show a neutral line. "
            "An operator can lift it with `persona-bot object … --withdraw`."
        )
    else:
        erased = await service.repository.forget(service.crm.name, contact.id, where.team_id, user_id=where.user_id)
        cleared = await _clear_cards(client, posted, ERASED_CARD)
        text = (
            f":white_check_mark: Erased {erased} persona version(s) of *{name}* in this workspace; "
            f"{cleared} posted card(s) now say so. A new `/persona` would profile them again; "
            "to stop that for good use `/persona object`."
        )
    await ephemeral(respond, messages.notice(text))


async def _one_contact(deps: Deps, respond: AsyncRespond, query: str) -> Contact | None:
    """Exactly one contact, or a private note (no picker: erasing needs a precise name)."""
    found = await deps.service.lookup(query)
    if len(found.matches) == 1:
        return found.matches[0]
    if not found.matches:
        hint = ", ".join(escape(one_line(c.label)) for c in found.suggestions[:5])
        text = f"No contact matches “{escape(one_line(query))}”." + (f" Did you mean: {hint}?" if hint else "")
    else:
        names = ", ".join(escape(one_line(f"{c.label} <{c.email or 'no email'}>")) for c in found.matches[:10])
        text = f"“{escape(one_line(query))}” matches {len(found.matches)} contacts ({names}): give the e-mail address."
    await ephemeral(respond, messages.notice(text))
    return None


async def _clear_cards(client: AsyncWebClient, posted: list[Share], text: str) -> int:
    """Replace each posted card with `text` (best effort: a deleted message is fine)."""
    cleared = 0
    for share in posted:
        try:
            await client.chat_update(channel=share.channel_id, ts=share.message_ts, **messages.notice(text).kwargs())
            cleared += 1
        except SlackApiError as error:
            log.info("could not clear a posted card: %s", error.response.get("error"))
    return cleared
