"""The CLI under hostile CRM text, broken export files and bad configuration: a clear message
and exit 2 (or 3), never a traceback, never a control sequence reaching the terminal.

Most cases run `persona_bot.cli.main` in this process (a subprocess costs seconds on a busy
machine); one configuration error also runs as a real process.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from persona_bot.cli import main

ROOT = Path(__file__).parents[2]
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
EMAIL = {"type": "email", "direction": "inbound", "body": "Dear team, thanks. Kind regards."}
CLEARED = ("OPENAI_", "SLACK_", "CRM_", "DATABASE_", "PORT", "PERSONA_")


def interactions(n: int = 4) -> list[dict[str, Any]]:
    return [{**EMAIL, "id": f"i{k}", "timestamp": f"2025-0{1 + k % 9}-0{1 + k % 9}T10:00:00+00:00"} for k in range(n)]


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str  # what the person sees on stderr, warnings included


@pytest.fixture
def cli(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> Any:
    """Runs the CLI in this process with a clean environment; an exception escaping `main`
    (a traceback for the user) fails the test."""
    for name in os.environ:
        if name.startswith(CLEARED):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'personas.db'}")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)  # no stray .env

    def run(*args: str, **env: str) -> Outcome:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        caplog.clear()
        capsys.readouterr()
        with caplog.at_level(logging.WARNING):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's own errors
                code = int(exc.code or 0)
        captured = capsys.readouterr()
        warnings = "".join(f"warning: {r.getMessage()}\n" for r in caplog.records)
        assert not [r for r in caplog.records if r.exc_info], "a log record carries a traceback"
        return Outcome(code, captured.out, captured.err + warnings)

    return run


def export(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    return {"CRM_ADAPTER": "json", "CRM_JSON_PATH": str(path)}


def no_traceback(result: Any) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


HOSTILE_NAME = "Ann [/] Probe [link=http://evil.example]click[/link]\x1b]0;pwned\x07\x1b[2J\x00\u202eevil"
HOSTILE_COMPANY = "[/bold] Co\nSecond line\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"


def test_crm_text_is_printed_literally(cli: Any, tmp_path: Path) -> None:
    contacts = [
        {"id": "c1", "name": HOSTILE_NAME, "company": HOSTILE_COMPANY, "interactions": interactions()},
        {"id": "c2", "name": "Bea [bold]Plain[/bold]", "company": "[/bold] Co", "interactions": interactions()},
    ]
    env = export(tmp_path, json.dumps({"contacts": contacts}))
    runs = [("generate", "Ann"), ("generate", "Bea"), ("contacts",), ("similar", "Ann"), ("history", "Ann")]
    out = {}
    for args in runs:
        result = cli(*args, **env)
        assert result.returncode == 0, (args, result.stderr)
        no_traceback(result)
        assert not UNSAFE.search(result.stdout), (args, result.stdout)
        assert "\x1b" not in result.stderr
        out[args[0]] = out.get(args[0], "") + result.stdout
    card = out["generate"]
    assert "[/]" in card and "[link=http://evil.example]click[/link]" in card  # shown, not interpreted
    assert "\\x1b" in card and "\\u202e" in card  # made visible, not hidden
    assert "Bea [bold]Plain[/bold]" in card
    assert "[/bold] Co\\x0aSecond line" in out["contacts"]  # a newline in a name stays on its row


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("deep nesting", '{"contacts": ' + "[" * 50_000 + "]" * 50_000 + "}", "nested too deeply"),
        ("5,000 digits", '{"contacts": [{"id": "c1", "name": "A", "x": ' + "7" * 5000 + "}]}", "digits"),
        ("not an object", "[1, 2]", "expected an object"),
    ],
)
def test_unreadable_exports_exit_2_with_a_message(cli: Any, tmp_path: Path, name: str, text: str, message: str) -> None:
    for args in (("generate", "A"), ("contacts",)):
        result = cli(*args, **export(tmp_path, text))
        assert result.returncode == 2, (name, result.stderr)
        no_traceback(result)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_out_of_range_timestamps_and_non_finite_amounts_are_skipped_and_reported(cli: Any, tmp_path: Path) -> None:
    bad_times = [
        {**EMAIL, "id": "early", "timestamp": "0001-01-01T00:00:00+05:00"},
        {**EMAIL, "id": "late", "timestamp": "9999-12-31T23:30:00-05:00"},
    ]
    purchase = {"timestamp": "2025-01-01", "product": "Widget"}
    text = (
        '{"contacts": [{"id": "c1", "name": "Ann", "interactions": '
        + json.dumps(interactions(2) + bad_times)
        + ', "purchases": ['
        + ", ".join(
            json.dumps({**purchase, "id": pid})[:-1] + f', "amount": {amount}}}'
            for pid, amount in (("p-inf", "Infinity"), ("p-big", "1e999"), ("p-nan", "NaN"), ("p-ok", "120.5"))
        )
        + "]}]}"
    )
    result = cli("generate", "Ann", "--json", **export(tmp_path, text))
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    persona = json.loads(result.stdout)
    assert persona["data_coverage"]["interactions"] == 2 and persona["data_coverage"]["purchases"] == 1
    assert "inf" not in json.dumps(persona["signals"]["budget"]).lower()
    for ident in ("early", "late"):
        assert f"interactions id '{ident}'" in result.stderr
    assert result.stderr.count("out of range once converted to UTC") == 2
    for ident in ("p-inf", "p-big", "p-nan"):
        line = next(x for x in result.stderr.splitlines() if f"purchases id '{ident}'" in x)
        assert "finite number" in line


def test_duplicate_interaction_ids_count_once(cli: Any, tmp_path: Path) -> None:
    repeated = interactions(3) + interactions(3)[:2]
    env = export(tmp_path, json.dumps({"contacts": [{"id": "c1", "name": "Ann", "interactions": repeated}]}))
    result = cli("generate", "Ann", "--json", **env)
    assert result.returncode == 0, result.stderr
    coverage = json.loads(result.stdout)["data_coverage"]
    assert coverage["interactions"] == 3 and sum(coverage["by_type"].values()) == 3
    assert result.stderr.count("duplicate interaction id") == 2


def test_contacts_on_an_empty_export(cli: Any, tmp_path: Path) -> None:
    result = cli("contacts", **export(tmp_path, '{"contacts": []}'))
    assert result.returncode == 3
    assert "no contacts" in result.stderr and "None" not in result.stderr
    no_traceback(result)


@pytest.mark.parametrize(
    ("setting", "env", "args"),
    [
        ("DATABASE_URL", {"DATABASE_URL": "postgresql+asyncpg://probe:hunter2@127.0.0.1:1/x"}, ("contacts",)),
        ("DATABASE_URL", {"DATABASE_URL": "garbage://"}, ("contacts",)),
        ("DATABASE_URL", {"DATABASE_URL": "sqlite+aiosqlite:///{file}/inside/personas.db"}, ("contacts",)),
        ("DATABASE_URL", {"DATABASE_URL": "sqlite+aiosqlite:////proc/personas.db"}, ("contacts",)),
        ("CRM_ADAPTER", {"CRM_ADAPTER": "bogus"}, ("contacts",)),
        ("CRM_JSON_PATH", {"CRM_ADAPTER": "json"}, ("contacts",)),
        ("PORT", {"PORT": "abc"}, ("contacts",)),
        ("PORT", {"PORT": "70000"}, ("serve",)),
        ("PERSONA_PRICES", {"PERSONA_PRICES": "notjson"}, ("contacts",)),
        ("--port", {}, ("serve", "--port", "99999")),
    ],
)
def test_configuration_errors_exit_2_naming_the_setting(
    cli: Any, tmp_path: Path, setting: str, env: dict[str, str], args: tuple[str, ...]
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    result = cli(*args, **{k: v.replace("{file}", str(a_file)) for k, v in env.items()})
    assert result.returncode == 2, result.stderr
    no_traceback(result)
    lines = [line for line in result.stderr.splitlines() if not line.startswith("usage:")]
    assert len(lines) == 1, result.stderr  # one message (argparse adds its usage line for --port)
    assert setting in lines[0]
    assert "hunter2" not in result.stderr


def test_serve_on_a_port_in_use_names_port(cli: Any) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        secrets = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "http://127.0.0.1:1/"}
        result = cli("serve", "--port", str(port), **secrets)
    assert result.returncode == 2, result.stderr
    no_traceback(result)
    assert f"PORT: cannot listen on port {port}" in result.stderr


def test_a_configuration_error_in_a_real_process(tmp_path: Path) -> None:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(CLEARED)}
    env = keep | {"DATABASE_URL": "postgresql+asyncpg://probe:hunter2@127.0.0.1:1/x"}
    result = subprocess.run(
        [sys.executable, "-m", "persona_bot.cli", "contacts"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("DATABASE_URL: cannot open postgresql+asyncpg://probe:***@127.0.0.1:1/x")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
