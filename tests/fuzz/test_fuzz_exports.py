"""Random and structured-but-wrong export files through the JSON loader and the CLI:
the loader answers with histories or CrmDataError; `generate` and `contacts` exit 0, 2 or 3,
never with a traceback, and never write a control character to stdout."""

from __future__ import annotations

import json
import logging
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from crm.errors import CrmDataError
from crm.json_file import load_export
from persona_bot.cli import main

UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
CLEARED = ("OPENAI_", "SLACK_", "CRM_", "DATABASE_", "PORT", "PERSONA_")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and ±Infinity included: json.dumps writes them as NaN / Infinity
    st.text(max_size=30),
    st.sampled_from(["", "email", "inbound", "won", "[/]", "[/bold] Co", "\x1b[2J", "\u202e", "\x00"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
timestamps = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(
        ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "2025-02-30", "2025-01-01", "yesterday", "1e9"]
    ),
    json_values,
)
amounts = st.one_of(st.floats(), st.integers(), st.sampled_from(["Infinity", "1e999", "-0", "12,50"]), json_values)
texts = st.one_of(
    st.text(max_size=60), st.sampled_from(["Ann [/] Probe", "[link=http://x]click[/link]", "\x1b]0;t\x07"])
)


def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the right kind of value, sometimes any JSON at all: most records stay valid, so
    the good ones reach the signals and the printers next to the bad ones."""
    return st.integers(0, 5).flatmap(lambda k: json_values if k == 5 else value)  # 0 is drawn most


interaction = st.fixed_dictionaries(
    {"id": _maybe(st.text(min_size=1, max_size=6)), "timestamp": timestamps},
    optional={
        "type": _maybe(st.sampled_from(["email", "call", "meeting", "note", "chat"])),
        "direction": _maybe(st.sampled_from(["inbound", "outbound"])),
        "body": _maybe(texts),
        "subject": _maybe(texts),
        "duration_seconds": _maybe(st.integers()),
    },
)
deal = st.fixed_dictionaries(
    {"id": _maybe(st.text(min_size=1, max_size=6)), "name": _maybe(texts), "status": _maybe(st.just("won"))},
    optional={"amount": amounts, "created_at": timestamps, "closed_at": timestamps, "discount_percent": amounts},
)
purchase = st.fixed_dictionaries(
    {"id": _maybe(st.text(min_size=1, max_size=6)), "timestamp": timestamps, "amount": amounts},
    optional={"product": _maybe(texts), "quantity": _maybe(st.integers())},
)
contact = st.fixed_dictionaries(
    {"id": _maybe(st.text(min_size=1, max_size=6)), "name": _maybe(texts.map(lambda t: "Ann " + t))},
    optional={
        "email": _maybe(texts),
        "company": _maybe(texts),
        "interactions": st.one_of(st.lists(_maybe(interaction), max_size=6), json_values),
        "deals": st.one_of(st.lists(_maybe(deal), max_size=3), json_values),
        "purchases": st.one_of(st.lists(_maybe(purchase), max_size=3), json_values),
    },
)
structured = st.fixed_dictionaries({"contacts": st.lists(_maybe(contact), max_size=4)}).map(json.dumps)
nested = st.integers(min_value=500, max_value=200_000).map(lambda n: '{"contacts": ' + "[" * n + "]" * n + "}")
long_number = st.integers(min_value=4_300, max_value=20_000).map(lambda n: '{"contacts": [' + "9" * n + "]}")
export_files = st.one_of(
    structured,
    json_values.map(json.dumps),
    st.text(max_size=200),
    nested,
    long_number,
    structured.map(lambda t: t[:-3]),
)


@settings(max_examples=200)
@given(text=export_files)
def test_the_loader_answers_with_histories_or_a_data_error(text: str) -> None:
    try:
        export = load_export(Path("fuzz.json"), text)
    except CrmDataError as exc:
        assert str(exc).startswith("fuzz.json: ")
        event("CrmDataError")
        return
    event(f"{len(export.histories)} contact(s), {len(export.problems)} problem(s)"[:14])
    for history in export.histories.values():
        ids = [i.id for i in history.interactions]
        assert len(ids) == len(set(ids))


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in os.environ:
        if name.startswith(CLEARED):
            monkeypatch.delenv(name)


@settings(max_examples=40)
@given(
    text=st.one_of(structured, structured, structured, export_files),
    command=st.sampled_from([["generate", "Ann"], ["contacts"], ["contacts", "Ann"]]),
)
def test_generate_and_contacts_exit_0_2_or_3_with_clean_stdout(
    text: str,
    command: list[str],
    clean_env: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.json"
        export.write_text(text, encoding="utf-8")
        monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{Path(folder) / 'personas.db'}")
        capsys.readouterr()
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            code = main([*command, "--crm-json", str(export)])  # an exception here is a traceback
        out = capsys.readouterr().out
    event(f"{command[0]} exit {code}")
    assert code in (0, 2, 3)
    assert not UNSAFE.search(out), out
    assert not [r for r in caplog.records if r.exc_info]
