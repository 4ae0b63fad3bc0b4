"""The Look up a contact modal (issue 13): a type-ahead over the CRM, then the chosen
contact's card, privately, with Watch and a Share in channel choice."""

from __future__ import annotations

import json
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.blocks.base import BUTTON_TEXT, Message
from bot.blocks.watch import watch_button
from bot.mrkdwn import clip, escape, one_line
from crm.models import Contact

LOOKUP_VIEW = "persona_lookup"  # the modal's callback id (its submission shares the card)
CONTACT_SEARCH = "contact_search"  # the external_select; its options come from block_suggestion
SHARE_BLOCK = "share_channel"
SHARE_SELECT = "share_channel_select"
MIN_QUERY = 2
MAX_OPTIONS = 100  # Slack's cap for an options answer
OPTION_VALUE = 150  # Slack's cap for an option value
_TITLE = "Look up a contact"


def _search_block() -> SectionBlock:
    select = ExternalDataSelectElement(
        action_id=CONTACT_SEARCH,
        placeholder="Search the CRM",
        min_query_length=MIN_QUERY,
    )
    text = "Type part of a name, an email or a company — or paste a CRM id or a HubSpot contact link."
    return SectionBlock(block_id="contact_search_block", text=MarkdownTextObject(text=text), accessory=select)


def search_modal() -> View:
    return View(type="modal", callback_id=LOOKUP_VIEW, title=_TITLE, close="Close", blocks=[_search_block()])


def note_modal(note: str) -> View:
    """The search box and one line of ours: "Building the persona…", or what went wrong."""
    line = ContextBlock(elements=[MarkdownTextObject(text=clip(note, 2000))])
    return View(type="modal", callback_id=LOOKUP_VIEW, title=_TITLE, close="Close", blocks=[_search_block(), line])


def card_modal(card: Message, contact_id: str, *, watching: bool) -> View:
    """The card (its channel buttons left out), Watch/Unwatch, and where to share it."""
    kept: list[Block] = [b for b in card.blocks if not isinstance(b, ActionsBlock)]
    share = InputBlock(
        block_id=SHARE_BLOCK,
        label="Share in channel",
        hint="Posts this card where your team can see it (and watch it).",
        element=ConversationSelectElement(
            action_id=SHARE_SELECT,
            placeholder="Pick a channel",
            response_url_enabled=True,
            filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
        ),
    )
    blocks: list[Block] = [
        _search_block(),
        *kept,
        ActionsBlock(block_id="lookup_actions", elements=[watch_button(contact_id, watching)]),
        share,
    ]
    return View(
        type="modal",
        callback_id=LOOKUP_VIEW,
        title=_TITLE,
        close="Close",
        submit="Share",
        private_metadata=json.dumps({"c": contact_id}),
        blocks=blocks,
    )


def chosen_contact(private_metadata: str | None) -> str | None:
    try:
        data = json.loads(private_metadata or "")
    except ValueError:
        return None
    value = data.get("c") if isinstance(data, dict) else None
    return str(value) if value else None


def contact_options(contacts: Sequence[Contact]) -> list[dict[str, object]]:
    """At most 100 options, each "Name · Company · email" within 75 characters."""
    options = []
    for contact in contacts[:MAX_OPTIONS]:
        if len(contact.id) > OPTION_VALUE:
            continue  # cannot be carried by an option; such an id can be pasted instead
        extras = [p for p in (contact.company, contact.email) if p]
        label = one_line(" · ".join([contact.name, *extras]))
        options.append(Option(value=contact.id, text=clip(label, BUTTON_TEXT)).to_dict())
    return options


def escaped(text: str) -> str:
    return escape(one_line(text))
