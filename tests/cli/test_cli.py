"""The command line, run as a real process against a small export file and a temporary database."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path

from tests.cli.process import T0, run


def test_generate_text_card_then_cached(env: dict[str, str]) -> None:
    first = run(env, "generate", "ana souza")
    assert first.returncode == 0, first.stderr
    assert "Ana Souza" in first.stdout
    assert "Preferred channel" in first.stdout and "email" in first.stdout
    assert "v1" in first.stdout and "cached" not in first.stdout
    second = run(env, "generate", "ana@brisa.com.br")
    assert second.returncode == 0
    assert "cached, no cost" in second.stdout and "v1" in second.stdout
    third = run(env, "generate", "Ana Souza", "--regenerate")
    assert "v2" in third.stdout


def test_generate_json_is_a_valid_persona(env: dict[str, str]) -> None:
    result = run(env, "generate", "Björn", "--json")
    assert result.returncode == 0, result.stderr
    persona = json.loads(result.stdout)
    assert persona["contact"]["name"] == "Björn Nilsson"
    assert persona["generator"]["name"] == "signals"
    assert persona["decision_making"]["speed"] == "unknown"  # no deals: abstain, do not guess
    assert persona["data_coverage"]["interactions"] == 4
    assert "v1: generated (first)" in result.stderr


def test_generate_all_streams_json_lines(env: dict[str, str]) -> None:
    result = run(env, "generate", "--all", "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(p["contact"]["id"] for p in lines) == ["c1", "c2", "c3"]
    assert "3 generated, 0 reused, 0 failed" in result.stderr


def test_not_found_and_ambiguous_exit_3(env: dict[str, str]) -> None:
    missing = run(env, "generate", "Bjorn Nilson")
    assert missing.returncode == 3
    assert "No contact matches" in missing.stderr
    assert "Did you mean: Björn Nilsson" in missing.stderr
    ambiguous = run(env, "generate", "ana")
    assert ambiguous.returncode == 3
    assert "matches 2 contacts" in ambiguous.stderr
    assert "Ana Souza" in ambiguous.stderr and "Ana Lima" in ambiguous.stderr
    assert "Traceback" not in missing.stderr + ambiguous.stderr


def test_bad_json_file_is_a_clear_error(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"contacts": [{"id": "x", "email": "x@example.com"}]}')
    result = run(env, "generate", "x", "--crm-json", str(bad))
    assert result.returncode == 2
    assert "bad.json" in result.stderr and "field 'name'" in result.stderr
    assert "Traceback" not in result.stderr


def test_contacts_history_and_forget(env: dict[str, str]) -> None:
    listing = run(env, "contacts", "ana")
    assert listing.returncode == 0 and "Ana Souza" in listing.stdout and "Ana Lima" in listing.stdout
    run(env, "generate", "Ana Souza")
    run(env, "generate", "Ana Souza", "--regenerate")
    history = run(env, "history", "Ana Souza")
    assert history.returncode == 0, history.stderr
    assert "v1" in history.stdout and "v2" in history.stdout and "no change" in history.stdout
    refused = run(env, "forget", "Ana Souza", stdin="")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    erased = run(env, "forget", "Ana Souza", "--yes")
    assert erased.returncode == 0 and "Erased 2 persona version(s)" in erased.stdout
    assert "No stored persona" in run(env, "history", "Ana Souza").stdout


def test_schema_and_db_upgrade(env: dict[str, str]) -> None:
    schema = json.loads(run(env, "schema").stdout)
    channel = schema["$defs"]["Communication"]["properties"]["preferred_channel"]
    assert set(channel["enum"]) == {"email", "phone", "meeting", "chat", "unknown"}
    upgrade = run(env, "db", "upgrade")
    assert upgrade.returncode == 0 and "up to date" in upgrade.stdout


def test_serve_without_slack_configuration_names_the_variable(env: dict[str, str]) -> None:
    result = run(env, "serve", "--port", "0")
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN: not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_partly_bad_export_still_works_and_says_what_was_skipped(env: dict[str, str], tmp_path: Path) -> None:
    export = json.loads(Path(env["CRM_JSON_PATH"]).read_text())
    export["contacts"][0]["interactions"].append(
        {"id": "bad-1", "type": "fax", "direction": "inbound", "timestamp": "2025-01-01T00:00:00Z"}
    )
    path = tmp_path / "partly-bad.json"
    path.write_text(json.dumps(export))
    result = run(env, "generate", "Ana Souza", "--json", "--crm-json", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["contact"]["name"] == "Ana Souza"
    assert "interactions id 'bad-1'" in result.stderr and "skipped" in result.stderr


def test_generate_by_crm_id(env: dict[str, str]) -> None:
    by_id = run(env, "generate", "c3")
    assert by_id.returncode == 0, by_id.stderr
    assert "Björn Nilsson" in by_id.stdout


async def test_refresh_from_cron_notices_an_edited_export(env: dict[str, str], tmp_path: Path) -> None:
    """Watch Ana, edit the export file (new calls), then `refresh --dry-run` and `refresh`."""
    import asyncio

    from storage.records import PersonaKey
    from storage.repository import PersonaRepository
    from storage.watches import WatchStore
    from tests.fakes.slack_api import BOT_TOKEN, FakeSlack

    assert run(env, "generate", "Ana Souza").returncode == 0
    repository = await PersonaRepository.open(env["DATABASE_URL"])
    try:
        await WatchStore(repository.engine).watch(PersonaKey(team_id="local", crm="json", contact_id="c1"), "U1", "Ana")
    finally:
        await repository.close()

    async def refresh(*args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return await asyncio.to_thread(run, env | (extra or {}), "refresh", *args)

    unchecked = await refresh("--dry-run")
    assert unchecked.returncode == 0 and "0 of 1 watched contacts changed" in unchecked.stdout
    assert "1 newly watched" in unchecked.stdout

    _add_calls(Path(env["CRM_JSON_PATH"]))

    dry = await refresh("--dry-run")
    assert dry.returncode == 0 and "local/c1" in dry.stdout
    refused = await refresh()
    assert refused.returncode == 2 and "SLACK_BOT_TOKEN" in refused.stderr

    slack = await FakeSlack().start()
    try:
        done = await refresh(extra={"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": slack.api_url})
        assert done.returncode == 0, done.stderr
        assert "1 generated" in done.stdout and "1 posted" in done.stdout
        [dm] = slack.called("chat.postMessage", channel="DU1")
        assert "Preferred channel: email → phone" in dm.args["text"]
    finally:
        await slack.stop()
    again = await refresh("--dry-run")
    assert "0 of 1 watched contacts changed" in again.stdout and "newly watched" not in again.stdout


def _add_calls(path: Path) -> None:
    """Twelve inbound calls for Ana: her preferred channel moves from email to phone."""
    export = json.loads(path.read_text())
    for k in range(12):
        at = (T0 + timedelta(days=2 * k, hours=3)).isoformat()
        call = {"id": f"call-{k}", "type": "call", "direction": "inbound", "timestamp": at, "duration_seconds": 600}
        export["contacts"][0]["interactions"].append(call)
    path.write_text(json.dumps(export))
