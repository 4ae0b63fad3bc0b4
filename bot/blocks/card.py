"""The persona card: the one place a Persona becomes Block Kit.

Everything from the CRM or a model goes through `mrkdwn.escape` and is clipped to Slack's
limits, so a hostile or very long record degrades to shorter text, never to a rejected card.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
)

from bot.blocks.base import FIELD_TEXT, SECTION_TEXT, Message
from bot.blocks.corrections import corrected_line, prose_predates, review_blocks, vote_buttons
from bot.blocks.menu import card_menu
from bot.blocks.values import CardButton
from bot.blocks.watch import watch_button
from bot.mrkdwn import bold, clip, escape, italic, one_line
from persona.models import UNKNOWN, AppliedCorrection, DataCoverage, Persona, Signal

State = Literal["final", "writing", "regenerating"]

# Action ids: the listeners in bot/listeners/actions/ are named after these.
REGENERATE = "regenerate"
HISTORY = "history"
RETRY = "retry"

NOT_ENOUGH_DATA = "not enough data"
# Room for the buttons, votes and a "new data says…" prompt (issue 12) under the size cap.
_SUMMARY_LIMIT = 1100
_LIST_LIMIT = 1200  # traits, recommendations, changes: with the buttons and the menu, under ~12k in all
_FIELD_LIMIT = 400  # 9 fields: keeps the whole card far from Slack's total-size cap
_DETAIL_LIMIT = 180
_MAX_ITEMS = 8

_WORDS = {
    "needs_follow_up": "needs follow-up",
    "none": "no seasonal pattern",
    "Q1": "Q1 (Jan–Mar)",
    "Q2": "Q2 (Apr–Jun)",
    "Q3": "Q3 (Jul–Sep)",
    "Q4": "Q4 (Oct–Dec)",
}


def confidence_mark(confidence: float) -> str:
    """Three dots a reader can scan: ●●● high, ●●○ medium, ●○○ low."""
    if confidence >= 0.7:
        return "●●● high"
    if confidence >= 0.4:
        return "●●○ medium"
    return "●○○ low"


def _value_words(value: str) -> str:
    words = _WORDS.get(value, value.replace("_", " "))
    return words[:1].upper() + words[1:]


def _field(label: str, value: str, signal: Signal[str], fix: AppliedCorrection | None = None) -> MarkdownTextObject:
    """One labelled fact with its confidence, or an honest "not enough data"; a teammate's
    correction instead shows who set it, their note and the measured value."""
    if fix is not None:
        return MarkdownTextObject(text=clip(f"{bold(label)}\n{corrected_line(fix)}", min(_FIELD_LIMIT, FIELD_TEXT)))
    if value == UNKNOWN or not value or signal.confidence == 0:
        line = italic(NOT_ENOUGH_DATA)
    else:
        line = f"{escape(one_line(_value_words(value)))}  `{confidence_mark(signal.confidence)}`"
    detail = one_line(signal.detail)
    if detail:
        line += "\n" + italic(clip(escape(detail), _DETAIL_LIMIT))
    return MarkdownTextObject(text=clip(f"{bold(label)}\n{line}", min(_FIELD_LIMIT, FIELD_TEXT)))


def _facts(persona: Persona) -> list[Block]:
    s = persona.signals
    c, d, e, b = persona.communication, persona.decision_making, persona.engagement, persona.buying
    fix = {f.field: f for f in persona.corrections}.get
    groups = [
        (
            "Communication",
            [
                _field("Preferred channel", c.preferred_channel, s.preferred_channel, fix("preferred_channel")),
                _field("Formality", c.formality, s.formality, fix("formality")),
                _field("Best time", c.best_time.value, s.best_time),
            ],
        ),
        (
            "Decision making",
            [
                _field("Speed", d.speed, s.decision_speed, fix("decision_speed")),
                _field("Price sensitivity", d.price_sensitivity, s.price_sensitivity, fix("price_sensitivity")),
            ],
        ),
        (
            "Engagement",
            [
                _field("Responsiveness", e.responsiveness, s.responsiveness, fix("responsiveness")),
                _field("Trend", e.trend, s.engagement_trend, fix("engagement_trend")),
            ],
        ),
        (
            "Buying",
            [
                _field("Seasonality", b.seasonality, s.seasonality, fix("seasonality")),
                _field("Budget", b.budget.value, s.budget),
            ],
        ),
    ]
    return [SectionBlock(text=MarkdownTextObject(text=bold(t)), fields=f) for t, f in groups]


def _bullets(title: str, items: Sequence[str], numbered: bool = False) -> SectionBlock:
    shown = list(items[:_MAX_ITEMS])
    lines = [f"{i}. {item}" if numbered else f"• {item}" for i, item in enumerate(shown, 1)]
    if len(items) > len(shown):
        lines.append(italic(f"…and {len(items) - len(shown)} more"))
    body = clip("\n".join(lines), min(_LIST_LIMIT, SECTION_TEXT - len(title) - 10))
    return SectionBlock(text=MarkdownTextObject(text=f"{bold(title)}\n{body}"))


def _traits(persona: Persona) -> list[Block]:
    if not persona.traits:
        return []
    items = []
    for trait in persona.traits:
        line = escape(one_line(trait.statement))
        if trait.evidence:  # ids of CRM records: people get how many, the JSON keeps which
            count = len(trait.evidence)
            line += " — " + italic(f"{count} supporting record{'s' if count != 1 else ''}")
        items.append(f"{line} `{confidence_mark(trait.confidence)}`")
    return [_bullets("Traits", items)]


def _recommendations(persona: Persona) -> list[Block]:
    if not persona.recommendations:
        return []
    items = [escape(one_line(r)) for r in persona.recommendations]
    return [_bullets("Recommendations", items, numbered=True)]


def _month(when: datetime | None) -> str:
    return when.strftime("%b %Y") if when else "?"


def coverage_words(coverage: DataCoverage) -> str:
    """ "42 interactions (30 email, 12 call) · 3 deals · 5 purchases · Jan 2023 – Mar 2025"."""
    parts = [f"{coverage.interactions} interactions"]
    if coverage.by_type:
        kinds = sorted(coverage.by_type.items(), key=lambda kv: -kv[1])
        parts[0] += " (" + ", ".join(f"{n} {escape(k)}" for k, n in kinds) + ")"
    parts += [f"{coverage.deals} deals", f"{coverage.purchases} purchases"]
    if coverage.first or coverage.last:
        parts.append(f"{_month(coverage.first)} – {_month(coverage.last)}")
    if coverage.note:
        parts.append(escape(one_line(coverage.note)))
    elif coverage.truncated:
        parts.append("most recent history only")
    return " · ".join(parts)


def _footer(persona: Persona, version: int | None) -> ContextBlock:
    gen = persona.generator
    source = f"{escape(gen.name)} · {escape(gen.model)}" if gen.model else escape(gen.name)
    if gen.name == "signals":
        source = "measured signals only"
    stamp = int(persona.generated_at.timestamp())
    pretty = persona.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    when = f"<!date^{stamp}^{{date_short_pretty}} {{time}}|{pretty}>"
    meta = [source]
    if version is not None:
        meta.append(f"v{version}")
    meta.append(when)
    usage = persona.usage
    if usage.cost_usd or usage.prompt_tokens:
        tokens = usage.prompt_tokens + usage.completion_tokens
        meta.append(f"${usage.cost_usd:.4f} ({tokens:,} tokens)")
    coverage = "Based on " + coverage_words(persona.data_coverage)
    return ContextBlock(
        elements=[
            MarkdownTextObject(text=clip(coverage, 2000)),
            MarkdownTextObject(text=clip(" · ".join(meta), 2000)),
        ]
    )


def _buttons(persona: Persona, version: int | None, votes: tuple[int, int] | None, team_id: str | None) -> ActionsBlock:
    value = CardButton(contact_id=persona.contact.id, team_id=team_id).encode()
    elements: list[ButtonElement | OverflowMenuElement] = [
        ButtonElement(text="Regenerate", action_id=REGENERATE, value=value),
        ButtonElement(text="History", action_id=HISTORY, value=value),
        watch_button(persona.contact.id),  # issue 13: each person's click toggles their own watch
    ]
    if persona.generator.fallback_reason:
        retry = ButtonElement(text="Retry", action_id=RETRY, value=value, style="primary")
        elements.insert(0, retry)
    if version is not None and votes is not None:  # issue 12: "Accurate?" per version
        elements += vote_buttons(persona.contact.id, version, *votes)
    menu = card_menu(persona)  # "⋯": Correct… and other card actions
    if menu is not None:
        elements.append(menu)
    return ActionsBlock(block_id="persona_actions", elements=elements)


def _changes(lines: Sequence[str] | None, since: int | None) -> list[Block]:
    if lines is None:
        return []
    ref = f"v{since}" if since is not None else "the last card"
    if not lines:
        text = f"{bold('No change')} since {ref}."
    else:
        items = "\n".join(f"• {escape(one_line(line))}" for line in lines[:_MAX_ITEMS])
        text = f"{bold('What changed since ' + ref)}\n{items}"
    return [SectionBlock(text=MarkdownTextObject(text=clip(text, _LIST_LIMIT)))]


def status_blocks(state: State) -> list[Block]:
    if state == "writing":
        return [ContextBlock(elements=[MarkdownTextObject(text="⏳ Writing the summary…")])]
    if state == "regenerating":
        return [ContextBlock(elements=[MarkdownTextObject(text="⏳ Regenerating…")])]
    return []


def _summary(persona: Persona) -> list[Block]:
    blocks: list[Block] = []
    reason = persona.generator.fallback_reason
    if reason:
        note = f":warning: No written summary this time: {escape(one_line(reason))}. "
        note += "Showing the measured signals; press Retry to try the model again."
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(note, 2000))]))
    if persona.summary.strip():
        summary = clip(escape(persona.summary.strip()), _SUMMARY_LIMIT)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=summary)))
    return blocks


def persona_card(
    persona: Persona,
    *,
    version: int | None = None,
    state: State = "final",
    changes: Sequence[str] | None = None,
    changes_since: int | None = None,
    notice: str | None = None,
    votes: tuple[int, int] | None = None,
    team_id: str | None = None,
) -> Message:
    """The card. `changes` None: no comparison; []: "no change"; `notice` is our own mrkdwn;
    `votes`: (👍, 👎) of this version, shown with the buttons; `team_id`: the workspace that
    owns the card (its Regenerate refuses clicks from others)."""
    contact = persona.contact
    blocks: list[Block] = []
    if notice:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(notice, 2000))]))
    blocks.append(HeaderBlock(text=PlainTextObject(text=one_line(contact.name))))
    who = [one_line(p) for p in (contact.title, contact.company, contact.email) if p and p.strip()]
    if who:
        context = clip(" · ".join(escape(p) for p in who), 2000)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=context)]))
    blocks += _summary(persona)
    blocks += _changes(changes, changes_since)
    blocks += status_blocks(state)
    blocks.append(DividerBlock())
    blocks += _facts(persona)
    if state == "final":
        blocks += prose_predates(persona) + review_blocks(persona)  # issue 12
    blocks += _traits(persona)
    blocks += _recommendations(persona)
    blocks.append(_footer(persona, version))
    if state == "final":
        blocks.append(_buttons(persona, version, votes, team_id))
    label = contact.name + (f" ({contact.company})" if contact.company else "")
    text = f"Persona: {escape(one_line(label))} — {escape(one_line(persona.summary))}"
    return Message(blocks, text)
