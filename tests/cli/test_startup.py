"""Start-up (issue 14): `persona-bot --help` and a cached `generate` load only what they use.

Not timed (bench/cli_startup.py measures that): each command runs in a fresh process that
then lists the packages it imported, so a heavy import moved back to module level fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from persona.corrections import BY_NAME

ROOT = Path(__file__).resolve().parents[2]
# Run the CLI's main() as `persona-bot ARGS` would, then write the top-level packages loaded.
PROBE = """
import json, sys
from persona_bot import cli
out, args = sys.argv[1], sys.argv[2:]
try:
    code = cli.main(args)
except SystemExit as exc:  # --help
    code = exc.code
with open(out, "w") as file:
    json.dump({"code": code, "modules": sorted({name.split(".")[0] for name in sys.modules} | set(sys.modules))}, file)
"""
# Neither the help nor a cached persona needs a model SDK, Slack, vectors, migrations, a tokenizer
# or language identification.
NEVER = {"openai", "slack_sdk", "slack_bolt", "numpy", "alembic", "tiktoken", "py3langid"}
# The help needs no pydantic, database, terminal rendering or event loop either.
NOT_FOR_HELP = NEVER | {"pydantic", "sqlalchemy", "rich", "asyncio"}
OFFLINE_MODEL = {"OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": "http://127.0.0.1:9", "OPENAI_MAX_RETRIES": "0"}


def _probe(env: dict[str, str], tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    out = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["code"] == 0, done.stderr
    return done, set(report["modules"])


@pytest.mark.parametrize("args", [("--help",), ("correct", "--help"), ("generate", "--help")])
def test_help_loads_nothing_heavy(env: dict[str, str], tmp_path: Path, args: tuple[str, ...]) -> None:
    _, modules = _probe(env, tmp_path, *args)

    assert sorted(modules & NOT_FOR_HELP) == []


def test_correct_help_lists_the_correctable_fields(env: dict[str, str], tmp_path: Path) -> None:
    done, _ = _probe(env, tmp_path, "correct", "--help")

    assert f"one of: {', '.join(BY_NAME)}" in " ".join(done.stdout.split())


def test_a_cached_persona_loads_no_model_sdk_or_signal_rules(env: dict[str, str], tmp_path: Path) -> None:
    env |= OFFLINE_MODEL  # a model is configured (its server refuses: the first run falls back)
    first, modules = _probe(env, tmp_path, "generate", "Ana Souza")
    assert "v1: generated" in first.stdout
    assert "openai" in modules  # the probe sees what a generation loads

    cached, modules = _probe(env, tmp_path, "generate", "Ana Souza")

    assert "v1: cached" in cached.stdout
    assert sorted(modules & NEVER) == []
    assert sorted(modules & {"persona.signals.compute", "persona.generators.openai_gen"}) == []
    assert "sqlalchemy.dialects.postgresql" not in modules  # SQLite: PostgreSQL's dialect stays unloaded
