""" "How this was made" (issue 16): a private explanation of one persona version.

The data used (counts by type, date range, CRM), the rule that decided each field in the
README's own words (persona.rules), the generator and model, and what the model saw.
"""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, MarkdownTextObject, SectionBlock

from bot.blocks.base import SECTION_TEXT, Message
from bot.blocks.card import NOT_ENOUGH_DATA, confidence_mark, coverage_words
from bot.mrkdwn import bold, clip, escape, italic, one_line
from persona.explain import model_data_words
from persona.models import UNKNOWN, Persona, Signal
from persona.rules import RULES

_DETAIL_LIMIT = 300


def _decided(persona: Persona, signal_name: str) -> str:
    """This persona's value for a rule's field, with its confidence and data points."""
    signal = getattr(persona.signals, signal_name, None)
    if not isinstance(signal, Signal):
        return ""
    if signal.value == UNKNOWN or signal.confidence == 0:
        found = italic(NOT_ENOUGH_DATA)
    else:
        found = f"{escape(one_line(str(signal.value).replace('_', ' ')))} `{confidence_mark(signal.confidence)}`"
    points = f"{signal.data_points} data point{'s' if signal.data_points != 1 else ''}"
    line = f" → {found} · {points}"
    if signal.evidence:
        line += f" · {len(signal.evidence)} supporting record{'s' if len(signal.evidence) != 1 else ''}"
    if one_line(signal.detail):
        line += "\n" + italic(clip(escape(one_line(signal.detail)), _DETAIL_LIMIT))
    return line


def _generator(persona: Persona) -> str:
    gen = persona.generator
    if gen.name == "signals" and gen.fallback_reason is None:
        made = "measured signals only; the prose comes from fixed templates (no language model)"
    elif gen.name == "signals":
        made = f"measured signals only: the language model failed ({escape(one_line(gen.fallback_reason or ''))})"
    else:
        made = f"{escape(gen.name)} · model {escape(gen.model or 'unknown')} wrote the prose on top of the signals"
    usage = persona.usage
    if usage.prompt_tokens or usage.completion_tokens:
        made += f" · {usage.prompt_tokens + usage.completion_tokens:,} tokens, ${usage.cost_usd:.4f}"
    return made


def how_made(persona: Persona, *, version: int | None, crm: str) -> Message:
    name = escape(one_line(persona.contact.name))
    stamp = persona.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    title = f"How this persona of {name} was made" + (f" (v{version}, {stamp})" if version else f" ({stamp})")
    data = (
        f"{bold('Data used')}: this contact's own history from the `{escape(crm)}` CRM — "
        f"{coverage_words(persona.data_coverage)}. Nothing from other contacts."
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=clip(bold(title), SECTION_TEXT))),
        SectionBlock(text=MarkdownTextObject(text=clip(data, SECTION_TEXT))),
        SectionBlock(text=MarkdownTextObject(text=bold("How each field was decided"))),
    ]
    for rule in RULES:
        text = f"{bold(rule.label)}{_decided(persona, rule.signal)}\nRule: {rule.text}"
        text += "".join(f"\n• {detail}" for detail in rule.details)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(text, SECTION_TEXT))))
    blocks += [
        DividerBlock(),
        SectionBlock(text=MarkdownTextObject(text=clip(f"{bold('Generator')}: {_generator(persona)}", SECTION_TEXT))),
        SectionBlock(
            text=MarkdownTextObject(text=clip(f"{bold('What the model saw')}: {model_data_words(persona)}", 2000))
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="The same rules are in the README (“How the signals decide”); thresholds live in "
                    "`persona/signals/`. Only you can see this."
                )
            ]
        ),
    ]
    return Message(blocks, f"How this persona of {one_line(persona.contact.name)} was made")
