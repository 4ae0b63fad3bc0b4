"""The `persona-bot` command line: generate, list, inspect and erase personas, run the bot.

Exit codes: 0 ok, 1 unexpected failure, 2 configuration or input error, 3 contact not found
or ambiguous, 4 the contact objected to profiling.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from crm.errors import CrmError
from persona_bot.objections import ContactObjected

# Start-up time: `--help` and argument errors import nothing heavy; each command imports what
# it uses (the service, storage, rich, the model SDK) when it runs. See bench/cli_startup.py.
if TYPE_CHECKING:
    from crm.models import Contact
    from persona.models import Persona
    from persona_bot.service import PersonaResult, PersonaService, SimilarResult
    from persona_bot.settings import Settings
    from persona_bot.terminal_text import SafeConsole

EXIT_ERROR, EXIT_INPUT, EXIT_NOT_FOUND, EXIT_OBJECTED = 1, 2, 3, 4
LOCAL_TEAM = "local"  # personas made from the command line, unless --team names a workspace


class _LazyConsole:
    """A SafeConsole made on first use (importing rich costs start-up time `--help` skips)."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: SafeConsole | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from persona_bot.terminal_text import SafeConsole

            self._console = SafeConsole(**self._options)
        return getattr(self._console, name)


# Print CRM and model text literally (persona_bot.terminal_text).
out = cast("SafeConsole", _LazyConsole(highlight=False))
err = cast("SafeConsole", _LazyConsole(stderr=True, highlight=False))


def plain(text: str, *, multiline: bool = False) -> str:
    """persona_bot.terminal_text.plain, loaded on first use (it imports rich)."""
    from persona_bot.terminal_text import plain as plain_text

    return plain_text(text, multiline=multiline)


def open_service(settings: Settings) -> AbstractAsyncContextManager[PersonaService]:
    from persona_bot.service import open_service as open_

    return open_(settings)


class CliExit(Exception):
    """Stop with a message and an exit code (never a traceback for expected problems)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def _settings(args: argparse.Namespace) -> Settings:
    from persona_bot.settings import Settings

    overrides: dict[str, object] = {}
    if getattr(args, "crm_json", None):
        overrides |= {"crm_adapter": "json", "crm_json_path": Path(args.crm_json)}
    return Settings.load(**overrides)


async def _resolve(service: PersonaService, query: str) -> Contact:
    lookup = await service.lookup(query)
    if len(lookup.matches) == 1:
        return lookup.matches[0]
    if not lookup.matches:
        hint = ""
        if lookup.suggestions:
            hint = "\nDid you mean: " + ", ".join(plain(c.label) for c in lookup.suggestions) + "?"
        raise CliExit(EXIT_NOT_FOUND, f"No contact matches {query!r}.{hint}")
    names = "\n".join(plain(f"  - {c.label}  <{c.email or 'no email'}>  (id {c.id})") for c in lookup.matches)
    raise CliExit(EXIT_NOT_FOUND, f"{query!r} matches {len(lookup.matches)} contacts; be more specific:\n{names}")


def _persona_json(persona: Persona) -> str:
    return persona.model_dump_json(indent=None)


async def cmd_generate(args: argparse.Namespace) -> int:
    if args.all:
        return await _generate_all(args)
    async with open_service(_settings(args)) as service:
        if not args.query:
            raise CliExit(EXIT_INPUT, "Give a name, email or company to look up, or --all.")
        contact = await _resolve(service, args.query)
        result = await service.get_persona(
            team_id=args.team, contact_id=contact.id, user_id="cli", regenerate=args.regenerate
        )
        if args.blocks:
            from persona_bot.slack_entry import slack_blocks

            persona_blocks = slack_blocks()  # the Slack app's card (only this preview needs Slack)
            print(json.dumps({"blocks": persona_blocks(result)}, indent=2, ensure_ascii=False))
        elif args.json:
            print(_persona_json(result.persona))
            err.print(_status(result), markup=False)  # stdout stays pure JSON
        else:
            from persona_bot.terminal import persona_card

            out.print(persona_card(result.persona, version=result.stored.version, cached=not result.generated))
            out.print(_status(result), markup=False)
            if result.changes and not result.changes.is_empty:
                from rich.text import Text

                out.print(Text("Changed since the previous version:", style="bold"))
                for line in result.changes.lines():
                    out.print(plain(f"  {line}"))
        return 0


def _status(result: PersonaResult) -> str:
    from persona_bot.terminal import cost_text

    version = f"v{result.stored.version}"
    if not result.generated:
        return f"{version}: cached, no cost (the CRM history has not changed since it was generated)"
    reason = result.stored.reason.value.replace("_", " ")
    return f"{version}: generated ({reason}), {cost_text(result.persona)}"


async def _generate_all(args: argparse.Namespace) -> int:
    from persona_bot.bulk_command import generate_all, parse_since

    if args.concurrency < 1:
        raise CliExit(EXIT_INPUT, "--concurrency must be at least 1.")
    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as exc:
        raise CliExit(EXIT_INPUT, str(exc)) from None
    return await generate_all(
        _settings(args),
        team_id=args.team,
        concurrency=args.concurrency,
        since=since,
        regenerate=args.regenerate,
    )


async def cmd_contacts(args: argparse.Namespace) -> int:
    async with open_service(_settings(args)) as service:
        contacts = (await service.lookup(args.query)).matches if args.query else await service.crm.list_contacts()
        if not contacts and not args.query:
            raise CliExit(EXIT_NOT_FOUND, "The CRM has no contacts (is the export empty?).")
        if not contacts:
            raise CliExit(EXIT_NOT_FOUND, f"No contact matches {args.query!r}.")
        for contact in contacts:
            row = f"{contact.id:<12} {contact.name:<28} {contact.company or '':<24} {contact.email or ''}"
            out.print(plain(row), soft_wrap=True)  # one contact per line, also when piped
        return 0


async def cmd_history(args: argparse.Namespace) -> int:
    async with open_service(_settings(args)) as service:
        contact = await _resolve(service, args.query)
        entries = await service.versions(args.team, contact.id)
        if not entries:
            out.print(plain(f"No stored persona for {contact.label} yet. Run: persona-bot generate {args.query!r}"))
            return 0
        for entry in entries:
            stored = entry.stored
            who = stored.requested_by or "unknown"
            from rich.text import Text

            heading = Text(f"v{stored.version}", style="bold")
            reason = stored.reason.value.replace("_", " ")
            heading.append(plain(f" {stored.created_at:%Y-%m-%d %H:%M} by {who} ({reason})"))
            out.print(heading)
            if entry.changes is None:
                continue
            lines = entry.changes.lines() or ["no change"]
            for line in lines:
                out.print(plain(f"    {line}"))
        from persona_bot.corrections_cli import print_history_corrections

        await print_history_corrections(service, args.team, contact.id)
        return 0


async def cmd_forget(args: argparse.Namespace) -> int:
    async with open_service(_settings(args)) as service:
        contact = await _resolve(service, args.query)
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliExit(EXIT_INPUT, "Refusing to erase without confirmation: add --yes.")
            question = f"Erase every stored persona and share of {plain(contact.label)}? [y/N] "
            import asyncio

            answer = await asyncio.to_thread(input, question)
            if answer.strip().lower() not in ("y", "yes"):
                out.print("Nothing erased.")
                return 0
        deleted = await service.forget(contact.id, team_id=args.team if args.team_given else None)
        out.print(plain(f"Erased {deleted} persona version(s) of {contact.label}."))
        return 0


async def cmd_similar(args: argparse.Namespace) -> int:
    async with open_service(_settings(args)) as service:
        if args.backfill:
            added = await service.backfill_vectors(args.team if args.team_given else None)
            err.print(f"Vectors computed for {added} stored persona(s).")
        if not args.query:
            if args.backfill:
                return 0
            raise CliExit(EXIT_INPUT, "Give a name, email or company to look up (or --backfill).")
        if args.k < 1:
            raise CliExit(EXIT_INPUT, "--k must be at least 1.")
        contact = await _resolve(service, args.query)
        result = await service.similar(args.team, contact.id, args.k, user_id="cli")
        if args.json:
            print(json.dumps(_similar_json(result), ensure_ascii=False))
            return 0
        _print_similar(result)
        return 0


def _similar_json(result: SimilarResult) -> dict[str, object]:
    contact = result.query.contact
    return {
        "contact": {"id": contact.id, "name": contact.name, "version": result.query.stored.version},
        "compared": result.compared,
        "matches": [
            {
                "contact_id": m.contact_id,
                "name": m.name,
                "score": m.score,
                "behavior_score": m.behavior_score,
                "text_score": m.text_score,
                "shared": list(m.shared),
                "shared_text": m.shared_text,
            }
            for m in result.matches
        ],
    }


def _print_similar(result: SimilarResult) -> None:
    label = plain(result.query.contact.label)
    if not result.matches:
        out.print(
            f"No other personas in this workspace to compare {label} with yet. Run: persona-bot generate --all",
            markup=False,
        )
        return
    from rich.text import Text

    title = Text(f"Contacts most like {label}", style="bold")
    title.append(f" (of {result.compared:,} compared)")
    out.print(title, soft_wrap=True)
    for rank, match in enumerate(result.matches, 1):
        out.print(plain(f"{rank:>2}. {match.name:<28} {match.score:.2f}  {match.shared_text}"))


async def cmd_db(args: argparse.Namespace) -> int:
    from persona_bot.service import open_repository

    repository = await open_repository(_settings(args))
    await repository.close()
    out.print("Database schema is up to date.")
    return 0


async def cmd_serve(args: argparse.Namespace) -> int:
    from persona_bot.slack_entry import slack_server

    settings = _settings(args)
    await slack_server()(settings, args.port)
    return 0


def port_number(text: str) -> int:
    """--port: a TCP port, checked before anything starts."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0-65535; 0: any free port)")
    return port


async def cmd_refresh(args: argparse.Namespace) -> int:
    from persona_bot.refresh_cli import run_refresh  # issue 13: watched contacts, for cron

    return await run_refresh(_settings(args), dry_run=args.dry_run)


def cmd_schema(args: argparse.Namespace) -> int:
    from persona.models import Persona

    print(json.dumps(Persona.model_json_schema(), indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="persona-bot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(
        name: str,
        handler: Callable[[argparse.Namespace], Awaitable[int] | int],
        help_: str,
        *,
        crm: bool = True,
        team: bool = False,
    ) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_, description=help_)
        cmd.set_defaults(handler=handler)
        if crm:
            cmd.add_argument("--crm-json", metavar="PATH", help="read contacts from this CRM export file")
        if team:
            cmd.add_argument(
                "--team", default=None, help=f"workspace id the personas belong to (default {LOCAL_TEAM!r})"
            )
        return cmd

    gen = add("generate", cmd_generate, "Generate (or reuse) the persona of a contact and print it.", team=True)
    gen.add_argument("query", nargs="?", help="name, email or company")
    gen.add_argument("--json", action="store_true", help="print the persona as JSON")
    gen.add_argument("--blocks", action="store_true", help="print the Slack card's Block Kit JSON")
    gen.add_argument("--all", action="store_true", help="every contact, as JSON Lines on stdout")
    gen.add_argument("--regenerate", action="store_true", help="make a new version even if the history is unchanged")
    gen.add_argument(
        "--concurrency", type=int, default=8, metavar="N", help="with --all: generations at once (default 8)"
    )
    gen.add_argument("--since", metavar="DATE", help="with --all: only contacts with activity since DATE (2025-01-31)")

    contacts = add("contacts", cmd_contacts, "List contacts matching a query (all without one).")
    contacts.add_argument("query", nargs="?")

    history = add(
        "history", cmd_history, "Show the stored versions of a contact's persona and what changed.", team=True
    )
    history.add_argument("query")

    forget = add("forget", cmd_forget, "Erase every stored persona version and share of a contact.", team=True)
    forget.add_argument("query")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    similar = add(
        "similar", cmd_similar, "List the contacts of this workspace that behave most like one contact.", team=True
    )
    similar.add_argument("query", nargs="?", help="name, email or company")
    similar.add_argument("--k", type=int, default=5, help="how many contacts to list (default 5)")
    similar.add_argument("--json", action="store_true", help="print the result as JSON")
    similar.add_argument(
        "--backfill", action="store_true", help="first compute vectors for stored personas that have none"
    )

    db = add("db", cmd_db, "Database maintenance.", crm=False)
    db.add_argument("action", choices=["upgrade"], help="apply schema migrations")

    serve = add("serve", cmd_serve, "Run the Slack app (HTTP, or Socket Mode with SLACK_APP_TOKEN).")
    serve.add_argument("--port", type=port_number, default=None, help="HTTP port (default $PORT or 3000)")

    refresh = add("refresh", cmd_refresh, "Re-check watched contacts once; post what changed (for cron).")
    refresh.add_argument("--dry-run", action="store_true", help="only list the watched contacts that changed")

    add("schema", cmd_schema, "Print the persona JSON Schema.", crm=False)

    from persona_bot import corrections_cli  # issue 12: correct, corrections, feedback

    corrections_cli.add_commands(add)

    from persona_bot import privacy_cli  # issue 16: object, export

    privacy_cli.register(add)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":  # a service: timestamped operational log
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    else:  # a command: only what the person should know
        logging.basicConfig(level=logging.WARNING, format="warning: %(message)s")
    if hasattr(args, "team"):
        args.team_given = args.team is not None
        args.team = args.team or LOCAL_TEAM
    from persona_bot.settings import ConfigError  # after parsing: `--help` never pays for it

    try:
        outcome = args.handler(args)
        import asyncio  # after parsing: `--help` never pays for it

        code = asyncio.run(outcome) if asyncio.iscoroutine(outcome) else outcome
    except CliExit as exc:
        err.print(str(exc), soft_wrap=True)  # messages are not wrapped: one line stays one line
        return exc.code
    except ConfigError as exc:
        err.print(str(exc), soft_wrap=True)
        return EXIT_INPUT
    except CrmError as exc:
        err.print(f"CRM error: {exc}", soft_wrap=True)
        return EXIT_INPUT
    except ContactObjected as exc:
        err.print(str(exc), markup=False)
        return EXIT_OBJECTED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return int(code)


if __name__ == "__main__":
    # `python -m persona_bot.cli`: run the imported module, so commands registered from other
    # modules (persona_bot.corrections_cli) raise the same CliExit class that main() catches.
    from persona_bot import cli

    sys.exit(cli.main())
