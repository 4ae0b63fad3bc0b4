"""`persona-bot similar`, run as a real process on a planted export and a temporary database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crm.models import History
from tests.builders import export_json

Groups = tuple[list[History], list[History]]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(groups: Groups, tmp_path: Path) -> dict[str, str]:
    fast, slow = groups
    export = tmp_path / "export.json"
    export.write_text(export_json(*fast, *slow), encoding="utf-8")
    keep = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SLACK_", "CRM_", "DATABASE_", "PERSONA_"))
    }
    return keep | {
        "CRM_ADAPTER": "json",
        "CRM_JSON_PATH": str(export),
        "COLUMNS": "160",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'personas.db'}",
    }


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "persona_bot.cli", *args], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def test_similar_lists_look_alikes_with_shared_traits(env: dict[str, str]) -> None:
    assert run(env, "generate", "--all").returncode == 0
    text = run(env, "similar", "Ana Souza", "--k", "3")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert "Contacts most like Ana Souza" in lines[0] and "of 7 compared" in lines[0]
    listed = lines[1:]
    assert len(listed) == 3
    assert all(any(n in line for n in ("Bea Costa", "Carla Dias", "Dora Lima")) for line in listed)
    assert all("both " in line and "quick deciders" in line for line in listed)

    as_json = json.loads(run(env, "similar", "Ana Souza", "--json", "--k", "10").stdout)
    names = [m["name"] for m in as_json["matches"]]
    assert "Ana Souza" not in names and len(names) == 7
    assert set(names[:3]) == {"Bea Costa", "Carla Dias", "Dora Lima"}
    assert as_json["matches"][0]["score"] >= as_json["matches"][-1]["score"]
    assert "Q4 buyers" in as_json["matches"][0]["shared"]


def test_similar_generates_the_query_persona_and_is_per_team(env: dict[str, str]) -> None:
    alone = run(env, "similar", "Ana Souza", "--team", "T9")
    assert alone.returncode == 0, alone.stderr
    assert "No other personas in this workspace" in alone.stdout and "generate --all" in alone.stdout
    assert "v1" in run(env, "history", "Ana Souza", "--team", "T9").stdout  # generated first
    run(env, "generate", "--all")  # the default workspace, not T9
    still_alone = json.loads(run(env, "similar", "Ana Souza", "--team", "T9", "--json").stdout)
    assert still_alone["matches"] == [] and still_alone["compared"] == 0


def test_similar_needs_a_query_and_a_positive_k(env: dict[str, str]) -> None:
    assert run(env, "similar").returncode == 2
    assert run(env, "similar", "Ana Souza", "--k", "0").returncode == 2
    backfill = run(env, "similar", "--backfill")
    assert backfill.returncode == 0 and "Vectors computed for 0" in backfill.stderr
