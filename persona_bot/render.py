"""A persona as a readable, colored terminal card (rich); CRM and model text shown literally."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from persona.models import UNKNOWN, Persona, Signal
from persona_bot.terminal_text import literal

_UNKNOWN = Text("unknown (not enough data)", style="dim")


def _value(signal: Signal[str]) -> Text:
    if signal.value == UNKNOWN:
        return _UNKNOWN
    text = literal(str(signal.value).replace("_", " "), style="bold")
    text.append(f"  {_bar(signal.confidence)} {signal.confidence:.0%}", style="cyan")
    return text


def _corrected(persona: Persona, name: str, signal: Signal[Any]) -> Text:
    """A teammate's value (issue 12) with who set it, and the measured value beside it."""
    fix = next((c for c in persona.corrections if c.field == name), None)
    if fix is None:
        return _value(signal)
    text = Text(fix.value.replace("_", " "), style="bold")
    text.append(f"  set by {fix.by or 'a teammate'}", style="yellow")
    if fix.note:
        text.append(f": {fix.note}", style="yellow")
    measured = (
        "unknown" if fix.measured == UNKNOWN else f"{fix.measured.replace('_', ' ')}, {fix.measured_confidence:.0%}"
    )
    text.append(f"  (measured: {measured})", style="dim")
    if fix.new_evidence is not None:
        news = fix.new_evidence
        text.append(f"  new data says {news.value} since {news.since:%d %b}", style="red")
    return text


def _bar(confidence: float) -> str:
    filled = round(confidence * 5)
    return "●" * filled + "○" * (5 - filled)


def persona_card(persona: Persona, *, version: int | None = None, cached: bool | None = None) -> Panel:
    s = persona.signals
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="magenta", no_wrap=True)
    fields.add_column()
    rows = [
        ("Preferred channel", _corrected(persona, "preferred_channel", s.preferred_channel)),
        ("Tone", _corrected(persona, "formality", s.formality)),
        ("Best time", _value(s.best_time)),
        ("Responsiveness", _corrected(persona, "responsiveness", s.responsiveness)),
        ("Engagement trend", _corrected(persona, "engagement_trend", s.engagement_trend)),
        ("Decision speed", _corrected(persona, "decision_speed", s.decision_speed)),
        ("Price sensitivity", _corrected(persona, "price_sensitivity", s.price_sensitivity)),
        ("Buying season", _corrected(persona, "seasonality", s.seasonality)),
        ("Budget", _value(s.budget)),
    ]
    for label, value in rows:
        fields.add_row(label, value)

    parts: list[RenderableType] = [literal(persona.summary, multiline=True), Text(), fields]
    if persona.traits:
        parts += [Text(), Text("Traits", style="bold underline")]
        parts += [literal(f"• {t.statement}") for t in persona.traits]
    if persona.recommendations:
        parts += [Text(), Text("Recommendations", style="bold underline")]
        parts += [literal(f"→ {r}", style="green") for r in persona.recommendations]
    parts += [Text(), literal(footer(persona, version=version, cached=cached), style="dim")]
    if persona.generator.fallback_reason:
        note = f"Note: {persona.generator.fallback_reason}; showing measured signals only."
        parts.append(literal(note, style="yellow"))

    contact = persona.contact
    subtitle = ", ".join(p for p in (contact.title, contact.company) if p)
    title = literal(contact.name, style="bold")
    return Panel(Group(*parts), title=title, subtitle=literal(subtitle) if subtitle else None, expand=False)


def cost_text(persona: Persona) -> str:
    usage = persona.usage
    if persona.generator.name == "signals":
        return "offline, no cost"
    if not usage.cost_known:
        return f"{usage.prompt_tokens + usage.completion_tokens} tokens, price unknown (set PERSONA_PRICES)"
    return f"cost ${usage.cost_usd:.4f}"


def footer(persona: Persona, *, version: int | None = None, cached: bool | None = None) -> str:
    cov = persona.data_coverage
    span = f"{cov.first:%Y-%m-%d} → {cov.last:%Y-%m-%d}" if cov.first and cov.last else "no dated records"
    model = f"{persona.generator.name} ({persona.generator.model})" if persona.generator.model else "offline signals"
    bits = [
        f"{cov.interactions} interactions, {cov.deals} deals, {cov.purchases} purchases ({span})",
        f"by {model}",
    ]
    if cov.note:
        bits.append(cov.note)
    if version is not None:
        bits.append(f"v{version}")
    if cached is not None:
        bits.append("cached, no cost" if cached else cost_text(persona))
    bits.append(f"generated {persona.generated_at:%Y-%m-%d %H:%M} UTC")
    return " · ".join(bits)
