"""The command line run as a real process against a small export file (EXPORT) and a
temporary database: `cli_env` is its environment, `run` runs one command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

T0 = datetime(2025, 1, 6, 9, tzinfo=UTC)


def _interactions(prefix: str, n: int) -> list[dict]:
    items = []
    for k in range(n):
        at = T0 + timedelta(days=7 * k)
        items.append(
            {
                "id": f"{prefix}-o{k}",
                "type": "email",
                "direction": "outbound",
                "timestamp": at.isoformat(),
                "body": "Hello, sharing the proposal.",
            }
        )
        items.append(
            {
                "id": f"{prefix}-i{k}",
                "type": "email",
                "direction": "inbound",
                "timestamp": (at + timedelta(hours=2)).isoformat(),
                "body": "Dear Tom, thank you for the proposal. Kind regards, Ana",
            }
        )
    return items


EXPORT = {
    "contacts": [
        {
            "id": "c1",
            "name": "Ana Souza",
            "email": "ana@brisa.com.br",
            "company": "Brisa",
            "title": "COO",
            "interactions": _interactions("c1", 6),
        },
        {"id": "c2", "name": "Ana Lima", "email": "ana@lima.pt", "company": "Lima Lda", "interactions": []},
        {
            "id": "c3",
            "name": "Björn Nilsson",
            "email": "bjorn@fjord.se",
            "company": "Fjord AB",
            "interactions": _interactions("c3", 2),
        },
    ]
}


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "persona_bot.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
        cwd=Path(__file__).parents[2],
    )


def cli_env(tmp_path: Path) -> dict[str, str]:
    export = tmp_path / "export.json"
    export.write_text(json.dumps(EXPORT), encoding="utf-8")
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SLACK_", "CRM_", "DATABASE_"))}
    return keep | {
        "CRM_ADAPTER": "json",
        "CRM_JSON_PATH": str(export),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'personas.db'}",
        "COLUMNS": "120",
    }
