"""`persona-bot object` and `persona-bot export` (issue 16): the operator's side of the rights of
the people profiled. Registered in persona_bot.cli; the CLI is for operators (no admin check)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from persona_bot.cli import EXIT_INPUT, CliExit, _resolve, _settings, open_service, out


def operator() -> str:
    """Who recorded it: `cli:<login>` (the list keeps who, so say which operator)."""
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except Exception:  # no login name (some containers)
        return "cli"


async def cmd_object(args: argparse.Namespace) -> int:
    from persona_bot.objections import record_objection, withdraw_objection  # loaded when run, not for --help

    async with open_service(_settings(args)) as service:
        if args.list:
            return _print_objections(await service.suppressions.all())
        if not args.query:
            raise CliExit(EXIT_INPUT, "Give a name, email or company to look up (or --list).")
        contact = await _resolve(service, args.query)
        if args.withdraw:
            lifted = await withdraw_objection(service, contact, withdrawn_by=operator())
            if not lifted:
                out.print(f"{contact.label} has no objection on record; nothing changed.", markup=False)
            else:
                out.print(f"Objection withdrawn: {contact.label} may be profiled again.", markup=False)
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliExit(EXIT_INPUT, "Refusing to erase without confirmation: add --yes.")
            question = f"Erase everything stored about {contact.label} and never profile them again? [y/N] "
            import asyncio  # not at the top: `persona-bot --help` never pays for it

            answer = await asyncio.to_thread(input, question)
            if answer.strip().lower() not in ("y", "yes"):
                out.print("Nothing changed.")
                return 0
        result = await record_objection(service, contact, recorded_by=operator(), reason=args.reason)
        state = "Objection recorded" if result.new else "Objection was already on record"
        out.print(
            f"{state}: {contact.label} will not be profiled again (any workspace, any path). "
            f"Erased {result.erased} persona version(s). Undo with: persona-bot object {args.query!r} --withdraw",
            markup=False,
        )
        return 0


def _print_objections(objections: list[Any]) -> int:
    if not objections:
        out.print("No objections on record.")
        return 0
    for item in objections:
        email = "e-mail hash " + item.email_hash[:12] + "…" if item.email_hash else "no e-mail"
        reason = f" — {item.reason}" if item.reason else ""
        out.print(
            f"{item.created_at:%Y-%m-%d %H:%M} {item.crm}:{item.contact_id}  {email}  "
            f"by {item.recorded_by or 'unknown'}{reason}",
            markup=False,
        )
    return 0


async def cmd_export(args: argparse.Namespace) -> int:
    from persona_bot.export import export_contact  # loaded when run, not for --help

    async with open_service(_settings(args)) as service:
        contact = await _resolve(service, args.query)
        document = await export_contact(service, contact, requested_by=operator())
        text = json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"
        if args.out is None:
            sys.stdout.write(text)
            return 0
        _write_private(Path(args.out), text)
        total = sum(document["counts"].values())
        out.print(f"Wrote {total} stored row(s) about {contact.label} to {args.out}.", markup=False, soft_wrap=True)
        return 0


def _write_private(path: Path, text: str) -> None:
    """Personal data: readable by the operator only (0600)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        raise CliExit(EXIT_INPUT, f"Cannot write {path}: {error.strerror}.") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    objection = add(
        "object",
        cmd_object,
        "Record a contact's objection to profiling: erase what is stored and never profile them again.",
    )
    objection.add_argument("query", nargs="?", help="name, email or company")
    objection.add_argument("--reason", default=None, help="why (kept with the objection, max 500 characters)")
    objection.add_argument("--withdraw", action="store_true", help="lift the objection: the contact may be profiled")
    objection.add_argument("--list", action="store_true", help="list the objections on record")
    objection.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    export = add("export", cmd_export, "Write everything stored about a contact as one JSON document.")
    export.add_argument("query", help="name, email or company")
    export.add_argument("--out", metavar="FILE", default=None, help="write to FILE (mode 0600) instead of stdout")
