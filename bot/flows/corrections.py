"""Team corrections from Slack (issue 12): open the modal, take a submission, Keep / Clear.

The modal carries where the card is (private_metadata). Slack sends it back as we sent it,
but it is user input all the same: the workspace must be the submitter's and the contact
must have a persona in it, or the submission is refused and logged.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import messages
from bot.blocks.correction_modal import MEASURED, NOTE_BLOCK, correction_modal, submitted
from bot.blocks.corrections import correction_reply
from bot.delivery import ephemeral
from bot.flows.deps import Deps, Where
from bot.flows.show import result_card
from persona.corrections import BY_NAME, NOTE_LIMIT, CorrectionError, apply_corrections
from persona_bot import corrections as use

log = logging.getLogger(__name__)

FORM_EXPIRED = "This form no longer matches a persona card here. Close it and choose Correct… on the card again."


@dataclass(frozen=True)
class CardRef:
    """Where the card being corrected is, carried in the modal's private_metadata."""

    team_id: str
    crm: str
    contact_id: str
    channel_id: str
    ts: str | None
    thread_ts: str | None
    ephemeral: bool

    def metadata(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def parse(cls, raw: object) -> CardRef | None:
        try:
            data = json.loads(str(raw))
            ref = cls(**data)
        except (ValueError, TypeError):
            return None
        text_fields = (ref.team_id, ref.crm, ref.contact_id, ref.channel_id)
        if not all(isinstance(v, str) and v for v in text_fields) or not isinstance(ref.ephemeral, bool):
            return None
        if not all(v is None or isinstance(v, str) for v in (ref.ts, ref.thread_ts)):
            return None
        return ref


@dataclass
class Submission:
    """What a view_submission did: errors for the modal, or the changes made."""

    errors: dict[str, str] = field(default_factory=dict)
    ref: CardRef | None = None
    changes: list[tuple[str, str | None]] = field(default_factory=list)  # (field, value; None = cleared)
    note: str = ""


async def open_correction(
    deps: Deps, client: AsyncWebClient, respond: AsyncRespond, body: dict[str, Any], where: Where, contact_id: str
) -> None:
    """Correct… on a card: the modal, with the values people see now preselected."""
    service = deps.service
    if not await deps.correctors.allows(client, where.user_id):
        await ephemeral(respond, messages.notice(deps.correctors.refusal))
        return
    key = service.key(where.team_id, contact_id)
    latest = await service.repository.latest(key)
    if latest is None:
        await ephemeral(respond, messages.notice("That persona is no longer stored. Run `/persona` again."))
        return
    shown = apply_corrections(latest.persona, await service.feedback.corrections(key))
    ref = _card_ref(body, where, service.crm.name, contact_id)
    await client.views_open(trigger_id=body["trigger_id"], view=correction_modal(shown, ref.metadata()))


async def submit_correction(deps: Deps, client: AsyncWebClient, body: dict[str, Any], team_id: str) -> Submission:
    """Check and store a submitted modal (before the ack: errors go back into the modal)."""
    service = deps.service
    view = body.get("view") or {}
    user_id = str((body.get("user") or {}).get("id") or "") or None
    ref = CardRef.parse(view.get("private_metadata"))
    if ref is None or ref.team_id != team_id or ref.crm != service.crm.name:
        log.warning(
            "refused a correction with forged or foreign metadata: user %s of team %s (metadata team %s)",
            user_id,
            team_id,
            ref.team_id if ref else "unreadable",
        )
        return Submission(errors={NOTE_BLOCK: FORM_EXPIRED})
    key = service.key(team_id, ref.contact_id)
    latest = await service.repository.latest(key)
    if latest is None:
        log.warning("refused a correction for a contact with no persona in team %s (user %s)", team_id, user_id)
        return Submission(errors={NOTE_BLOCK: FORM_EXPIRED})
    if not await deps.correctors.allows(client, user_id):
        return Submission(errors={NOTE_BLOCK: deps.correctors.refusal})
    corrections = await service.feedback.corrections(key)
    shown = apply_corrections(latest.persona, corrections)
    corrected = {c.field for c in corrections}
    chosen, note = submitted((view.get("state") or {}).get("values") or {})
    result = Submission(ref=ref, note=" ".join(note.split()))
    for name, value in chosen.items():
        fld = BY_NAME[name]
        if value is None:
            continue
        if value == MEASURED:
            if name in corrected:
                result.changes.append((name, None))
        elif value not in fld.vocabulary:
            result.errors[name] = f"Choose one of the listed values for {fld.label.lower()}."
        elif value != shown.fields[name].effective:
            result.changes.append((name, value))
    if len(result.note) > NOTE_LIMIT:
        result.errors[NOTE_BLOCK] = f"Keep the note under {NOTE_LIMIT} characters."
    if not result.errors and not result.changes:
        result.errors[NOTE_BLOCK] = "Nothing changed: choose another value for at least one field."
    if result.errors:
        return result
    for name, value in result.changes:
        try:
            if value is None:
                await use.clear(service, team_id, ref.contact_id, name, user_id)
            else:
                await use.correct(service, team_id, ref.contact_id, name, value, note=result.note, user_id=user_id)
        except CorrectionError as error:
            result.errors[name] = str(error)
            return result
    return result


async def refresh_card(
    deps: Deps,
    client: AsyncWebClient,
    respond: AsyncRespond | None,
    ref: CardRef,
    user_id: str | None,
) -> None:
    """The card again, in place, with what people see now (corrections, votes)."""
    result = await deps.service.get_persona(
        team_id=ref.team_id, contact_id=ref.contact_id, user_id=user_id, compare=False
    )
    card = result_card(result)
    if ref.ephemeral:
        if respond is not None:
            await respond(response_type="ephemeral", replace_original=True, **card.kwargs())
        return  # a private card opened from a modal has no response_url: shown next time
    if ref.ts is not None:
        await client.chat_update(channel=ref.channel_id, ts=ref.ts, **card.kwargs())


async def announce(client: AsyncWebClient, ref: CardRef, user_id: str | None, submission: Submission) -> None:
    """One line in the card's thread: the team discusses there and sees what changed."""
    if ref.ephemeral or ref.ts is None or not submission.changes:
        return
    reply = correction_reply(user_id, submission.changes, submission.note)
    await client.chat_postMessage(channel=ref.channel_id, thread_ts=ref.thread_ts or ref.ts, **reply.kwargs())


async def review(
    deps: Deps,
    client: AsyncWebClient,
    respond: AsyncRespond,
    body: dict[str, Any],
    where: Where,
    value: str,
    *,
    keep: bool,
) -> None:
    """Keep or Clear on "new data says …": the choice is stored and the card updated in place."""
    try:
        data = json.loads(value)
        contact_id, name = str(data["c"]), str(data["f"])
    except (ValueError, KeyError, TypeError):
        log.warning("unreadable Keep/Clear value from %s", where.user_id)
        return
    if not await deps.correctors.allows(client, where.user_id):
        await ephemeral(respond, messages.notice(deps.correctors.refusal))
        return
    service = deps.service
    try:
        if keep:
            done = await use.keep(service, where.team_id, contact_id, name, where.user_id)
        else:
            done = await use.clear(service, where.team_id, contact_id, name, where.user_id)
    except CorrectionError as error:
        await ephemeral(respond, messages.notice(str(error)))
        return
    if not done:
        await ephemeral(respond, messages.notice("That correction was already cleared."))
    ref = _card_ref(body, where, service.crm.name, contact_id)
    await refresh_card(deps, client, respond, ref, where.user_id)


def _card_ref(body: dict[str, Any], where: Where, crm: str, contact_id: str) -> CardRef:
    """The card a click came from (its message, thread and whether only the clicker sees it)."""
    container = body.get("container") or {}
    message = body.get("message") or {}
    return CardRef(
        team_id=where.team_id,
        crm=crm,
        contact_id=contact_id,
        channel_id=where.channel_id,
        ts=container.get("message_ts") or message.get("ts"),
        thread_ts=message.get("thread_ts"),
        ephemeral=bool(container.get("is_ephemeral")),
    )
