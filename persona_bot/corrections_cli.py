"""`persona-bot correct`, `corrections` and `feedback` (issue 12); registered by persona_bot.cli."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from persona.vocabulary import CATEGORICAL

if TYPE_CHECKING:  # pydantic, the service and storage load when a command runs, not for `--help`
    from persona.models import Correction
    from persona_bot.service import PersonaService
    from storage.corrections import FeedbackReport

CLI_USER = "cli"


def add_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Called by persona_bot.cli.build_parser with its `add` helper."""
    fields = ", ".join(f.key for f in CATEGORICAL)  # persona.corrections.BY_NAME, without pydantic
    correct = add(
        "correct", cmd_correct, "Correct one field of a contact's persona (kept through regenerations).", team=True
    )
    correct.add_argument("query", help="name, email or company")
    correct.add_argument("field", help=f"one of: {fields}")
    correct.add_argument("value", nargs="?", help="the value the team knows is right")
    correct.add_argument("--note", default=None, help="why (shown with the correction)")
    correct.add_argument("--clear", action="store_true", help="drop the correction: back to the measured value")

    listing = add("corrections", cmd_corrections, "List the team's corrections of a contact's persona.", team=True)
    listing.add_argument("query", help="name, email or company")
    listing.add_argument("--json", action="store_true", help="print the corrections as JSON")

    feedback = add("feedback", cmd_feedback, "How often teammates corrected each field, and how votes went.", team=True)
    feedback.add_argument("--since", type=_day, default=None, metavar="DATE", help="from this day (YYYY-MM-DD)")
    feedback.add_argument("--json", action="store_true", help="print the report as JSON")


def _day(text: str) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-12") from None


async def cmd_correct(args: argparse.Namespace) -> int:
    from persona.corrections import BY_NAME, CorrectionError, field_named
    from persona_bot import corrections as use
    from persona_bot.cli import EXIT_INPUT, CliExit, _resolve, _settings, open_service, out

    if args.clear == (args.value is not None):
        raise CliExit(EXIT_INPUT, "Give a VALUE to set, or --clear to drop the correction (not both).")
    async with open_service(_settings(args)) as service:
        contact = await _resolve(service, args.query)
        try:
            if args.clear:
                cleared = await use.clear(service, args.team, contact.id, args.field, CLI_USER)
                field = field_named(args.field)
                words = "back to the measured value" if cleared else "had no correction"
                out.print(f"{field.label} of {contact.label}: {words}.", markup=False)
                return 0
            if await service.repository.latest(service.key(args.team, contact.id)) is None:
                await service.get_persona(team_id=args.team, contact_id=contact.id, user_id=CLI_USER, compare=False)
            correction = await use.correct(
                service, args.team, contact.id, args.field, args.value, note=args.note, user_id=CLI_USER
            )
        except CorrectionError as error:
            raise CliExit(EXIT_INPUT, str(error)) from None
        field = BY_NAME[correction.field]
        out.print(
            f"{field.label} of {contact.label} set to {correction.value} "
            f"(measured: {_measured(correction.measured_then, correction.confidence_then)}).",
            markup=False,
        )
        return 0


async def cmd_corrections(args: argparse.Namespace) -> int:
    from persona_bot import corrections as use
    from persona_bot.cli import _resolve, _settings, open_service, out

    async with open_service(_settings(args)) as service:
        contact = await _resolve(service, args.query)
        found = await use.corrections(service, args.team, contact.id)
        if args.json:
            print(json.dumps([c.model_dump(mode="json") for c in found], ensure_ascii=False))
            return 0
        if not found:
            out.print(f"No corrections of {contact.label}.", markup=False)
            return 0
        for line in correction_lines(found):
            out.print(line, markup=False)
        return 0


def correction_lines(found: list[Correction]) -> list[str]:
    """One line per correction, for `corrections` and `history`."""
    from persona.corrections import BY_NAME

    lines = []
    for c in found:
        field = BY_NAME.get(c.field)
        label = field.label if field else c.field
        at_version = f" at v{c.version}" if c.version else ""
        line = (
            f"{label}: {c.value}  (set by {c.by or 'unknown'} {c.at:%Y-%m-%d %H:%M}{at_version}; "
            f"measured then: {_measured(c.measured_then, c.confidence_then)})"
        )
        if c.kept_at:
            line += f", kept {c.kept_at:%Y-%m-%d}"
        if c.note:
            line += f" — {c.note}"
        lines.append(line)
    return lines


async def print_history_corrections(service: PersonaService, team_id: str, contact_id: str) -> None:
    """The corrections under `persona-bot history`."""
    from persona_bot import corrections as use
    from persona_bot.cli import out

    found = await use.corrections(service, team_id, contact_id)
    if found:
        out.print("[bold]Team corrections[/bold] (kept through every version until cleared):")
        for line in correction_lines(found):
            out.print(f"    {line}", markup=False)


async def cmd_feedback(args: argparse.Namespace) -> int:
    from persona_bot import corrections as use
    from persona_bot.cli import _settings, open_service, out

    async with open_service(_settings(args)) as service:
        result = await use.report(service, args.team if args.team_given else None, args.since)
    if args.json:
        print(json.dumps(_report_json(result), ensure_ascii=False))
        return 0
    since = f" since {result.since:%Y-%m-%d}" if result.since else ""
    if not result.fields and not result.votes:
        out.print(f"No corrections or votes{since} yet.", markup=False)
        return 0
    out.print(f"[bold]Corrections per field{since}[/bold]")
    for item in result.fields or []:
        out.print(
            f"  {item.field:<18} corrected {item.corrected:>4}  kept {item.kept:>4}  cleared {item.cleared:>4}",
            markup=False,
        )
    if not result.fields:
        out.print("  none")
    out.print(f"[bold]Accurate? votes{since}[/bold]")
    for period in result.votes:
        share = f"{period.accuracy:.0%}" if period.accuracy is not None else "-"
        out.print(f"  {period.period}  👍 {period.up:>4}  👎 {period.down:>4}  accurate {share}", markup=False)
    if not result.votes:
        out.print("  none")
    return 0


def _report_json(result: FeedbackReport) -> dict[str, Any]:
    data = result.model_dump(mode="json")
    for period, item in zip(result.votes, data["votes"], strict=True):
        item["accuracy"] = period.accuracy
    return data


def _measured(value: str, confidence: float) -> str:
    return f"{value}, {confidence:.0%}" if value != "unknown" else "unknown"
