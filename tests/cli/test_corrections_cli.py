"""`persona-bot correct`, `corrections`, `feedback`, and `forget` erasing them (issue 12)."""

from __future__ import annotations

import json

from tests.cli.process import run


def test_correct_list_clear_and_history(env: dict[str, str]) -> None:
    made = run(env, "correct", "Ana Souza", "preferred_channel", "phone", "--note", "moved to calls")
    assert made.returncode == 0, made.stderr
    assert "Preferred channel of Ana Souza (Brisa) set to phone (measured: email" in made.stdout
    persona = json.loads(run(env, "generate", "Ana Souza", "--json").stdout)
    assert persona["communication"]["preferred_channel"] == "phone"
    assert persona["fields"]["preferred_channel"]["measured"] == "email"
    assert persona["corrections"][0]["note"] == "moved to calls"

    listed = json.loads(run(env, "corrections", "Ana Souza", "--json").stdout)
    assert [(c["field"], c["value"], c["by"], c["version"]) for c in listed] == [
        ("preferred_channel", "phone", "cli", 1)
    ]
    history = run(env, "history", "Ana Souza")
    assert "Team corrections" in history.stdout and "moved to calls" in history.stdout

    cleared = run(env, "correct", "Ana Souza", "preferred_channel", "--clear")
    assert cleared.returncode == 0 and "back to the measured value" in cleared.stdout
    assert "No corrections" in run(env, "corrections", "Ana Souza").stdout


def test_bad_field_value_or_arguments_exit_2_with_a_clear_message(env: dict[str, str]) -> None:
    field = run(env, "correct", "Ana Souza", "colour", "blue")
    assert field.returncode == 2 and "not a field you can correct" in field.stderr
    value = run(env, "correct", "Ana Souza", "formality", "rude")
    assert value.returncode == 2 and "one of: formal, casual, mixed" in value.stderr
    both = run(env, "correct", "Ana Souza", "formality", "casual", "--clear")
    assert both.returncode == 2 and "not both" in both.stderr
    assert "Traceback" not in field.stderr + value.stderr + both.stderr


def test_feedback_report_and_forget_erases_corrections(env: dict[str, str]) -> None:
    run(env, "correct", "Ana Souza", "preferred_channel", "phone")
    run(env, "correct", "Ana Souza", "formality", "casual")
    run(env, "correct", "Björn", "formality", "casual")
    report = json.loads(run(env, "feedback", "--json").stdout)
    fields = {f["field"]: f["corrected"] for f in report["fields"]}
    assert fields == {"preferred_channel": 1, "formality": 2}
    bad = run(env, "feedback", "--since", "last week")
    assert bad.returncode == 2 and "not a date" in bad.stderr

    forget = run(env, "forget", "Ana Souza", "--yes")
    assert forget.returncode == 0
    assert "No corrections" in run(env, "corrections", "Ana Souza").stdout
    assert run(env, "corrections", "Björn", "--json").stdout.count("formality") == 1
