"""`persona-bot object`, `export` and every CLI path after an objection, as real processes
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from persona_bot.cli import main
from tests.privacy.crm import MARIA, MARIA_EMAIL, write_export

ROOT = Path(__file__).resolve().parents[2]
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> dict[str, str]:
    keep = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SLACK_", "CRM_", "DATABASE_", "PERSONA_"))
    }
    return keep | {
        "CRM_ADAPTER": "json",
        "CRM_JSON_PATH": str(write_export(tmp_path)),
        "DATABASE_URL": database_url,
        "COLUMNS": "200",
    }


@pytest.fixture
def run(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """The CLI in this process (a process per command is slow on a busy machine); one test
    below runs it as a real process."""
    for name in [k for k in os.environ if k not in env]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, captured.out, captured.err)

    return run


def test_after_object_every_cli_path_refuses_and_withdraw_restores(run: Run) -> None:
    assert run("generate", "--all", "--json").returncode == 0
    objected = run("object", MARIA_EMAIL, "--reason", "asked by e-mail", "--yes")
    assert objected.returncode == 0, objected.stderr
    assert "Objection recorded" in objected.stdout and "Erased 1 persona version" in objected.stdout

    for args in (("generate", "Maria Keller"), ("generate", "Keller Import", "--regenerate"), ("similar", MARIA_EMAIL)):
        refused = run(*args)
        assert refused.returncode == 4, (args, refused.stdout, refused.stderr)
        assert "asked not to be profiled" in refused.stderr and "Preferred channel" not in refused.stdout

    bulk = run("generate", "--all", "--json")
    assert bulk.returncode == 0
    names = {json.loads(line)["contact"]["name"] for line in bulk.stdout.splitlines()}
    assert names == {"Ana Souza", "Bruno Costa", "Tom Berg"}  # both Keller records skipped
    assert "3 reused, 0 failed, 2 skipped" in bulk.stderr  # counted as skipped, not as failures

    similar = json.loads(run("similar", "Bruno Costa", "--json", "--k", "10").stdout)
    assert {m["contact_id"] for m in similar["matches"]} == {"c-ana", "c-tom"}

    listing = run("object", "--list")
    assert MARIA in listing.stdout and "asked by e-mail" in listing.stdout and MARIA_EMAIL not in listing.stdout

    withdrawn = run("object", "Keller Import", "--withdraw")  # the twin's plus-address matches
    assert withdrawn.returncode == 0 and "Objection withdrawn" in withdrawn.stdout
    again = run("generate", "Maria Keller", "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["contact"]["id"] == MARIA


def test_export_writes_one_private_json_document(run: Run, tmp_path: Path) -> None:
    assert run("generate", "Maria Keller").returncode == 0
    assert run("generate", "Ana Souza").returncode == 0
    out = tmp_path / "maria.json"
    done = run("export", MARIA_EMAIL, "--out", str(out))
    assert done.returncode == 0 and f"to {out}" in done.stdout, done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert document["subject"]["contact_id"] == MARIA and document["counts"]["persona_versions"] == 1
    assert "Ana Souza" not in out.read_text(encoding="utf-8")
    assert json.loads(run("export", MARIA_EMAIL).stdout)["subject"]["name"] == "Maria Keller"  # stdout too
    nowhere = run("export", MARIA_EMAIL, "--out", str(tmp_path / "missing" / "x.json"))
    assert nowhere.returncode == 2 and "Cannot write" in nowhere.stderr and "Traceback" not in nowhere.stderr


def test_object_without_confirmation_or_contact_is_refused(env: dict[str, str], run: Run) -> None:
    unconfirmed = subprocess.run(
        [sys.executable, "-m", "persona_bot.cli", "object", "Maria Keller"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert run("object", "--list").stdout.strip() == "No objections on record."
    assert run("object", "Nobody Here", "--yes").returncode == 3
