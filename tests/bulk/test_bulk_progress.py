"""The live progress bar never swallows the personas going to a redirected stdout."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from crm.models import Contact
from persona_bot.bulk import Item, Outcome, Summary
from persona_bot.bulk_progress import BulkProgress


def test_live_bar_on_a_terminal_leaves_redirected_stdout_alone(capsys: pytest.CaptureFixture[str]) -> None:
    screen = io.StringIO()
    summary = Summary(generated=1, failed=1)
    with BulkProgress(Console(file=screen, force_terminal=True, width=100), total=2) as progress:
        print('{"persona": 1}', flush=True)
        progress.update(Item(Contact(id="c1", name="Ana"), Outcome.generated), summary)
        progress.update(Item(Contact(id="c2", name="[red]Bo[/red]"), Outcome.failed, reason="CRM down"), summary)
    assert capsys.readouterr().out == '{"persona": 1}\n'
    shown = screen.getvalue()
    assert "1 generated · 0 reused · 1 failed" in shown
    assert "[red]Bo[/red] (id c2): failed, CRM down" in shown  # names are text, never markup
