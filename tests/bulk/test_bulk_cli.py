"""`persona-bot generate --all` as a real process: Ctrl-C stops cleanly and a rerun resumes."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from pathlib import Path

from tests.builders.bulk_export import write_export
from tests.fakes.openai_fixtures import TEST_API_KEY
from tests.fakes.openai_limits import RateLimitedOpenAI

COMMAND = [sys.executable, "-m", "persona_bot.cli", "generate", "--all"]


def _env(tmp_path: Path, export: Path, model_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "CRM_", "DATABASE_", "PERSONA_"))}
    return env | {
        "CRM_ADAPTER": "json",
        "CRM_JSON_PATH": str(export),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'personas.db'}",
        "OPENAI_API_KEY": TEST_API_KEY,
        "OPENAI_BASE_URL": model_url,
        "PERSONA_EMBEDDINGS": "off",
    }


def _counts(stderr: str) -> tuple[int, int, int]:
    found = re.search(r"(\d+) generated, (\d+) reused, (\d+) failed", stderr)
    assert found, stderr
    generated, reused, failed = (int(g) for g in found.groups())
    return generated, reused, failed


async def test_ctrl_c_finishes_the_generations_in_flight_and_a_rerun_resumes(tmp_path: Path) -> None:
    export = write_export(tmp_path / "export.json", 30)
    async with RateLimitedOpenAI(latency=0.5) as server:
        env = _env(tmp_path, export, server.url)
        proc = await asyncio.create_subprocess_exec(
            *COMMAND, "--concurrency", "3", env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        assert proc.stdout is not None
        first_line = await asyncio.wait_for(proc.stdout.readline(), 60)
        proc.send_signal(signal.SIGINT)
        rest, stderr_bytes = await asyncio.wait_for(proc.communicate(), 60)
        stderr = stderr_bytes.decode()
        assert proc.returncode == 130, stderr
        assert "Stopping after the generations in flight" in stderr
        assert "Traceback" not in stderr
        generated, reused, failed = _counts(stderr)
        assert failed == 0 and reused == 0 and 1 <= generated < 30
        lines = [first_line, *rest.splitlines()]
        personas = [json.loads(line) for line in lines if line.strip()]
        assert len(personas) == generated  # every stored persona was printed, none half-done
        assert len(server.requests) == generated  # nothing was sent that was then thrown away

        again = await asyncio.create_subprocess_exec(
            *COMMAND, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        out, err = await asyncio.wait_for(again.communicate(), 120)
        assert again.returncode == 0, err.decode()
        assert _counts(err.decode()) == (30 - generated, generated, 0)
        assert len(out.splitlines()) == 30
        assert len(server.requests) == 30  # each contact paid for once across both runs


async def test_bad_options_are_friendly(tmp_path: Path) -> None:
    export = write_export(tmp_path / "export.json", 2)
    env = _env(tmp_path, export, "http://127.0.0.1:9/v1")
    for option, message in (("--since=yesterday", "--since expects a date"), ("--concurrency=0", "at least 1")):
        proc = await asyncio.create_subprocess_exec(
            *COMMAND, option, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        out, err = await proc.communicate()
        assert proc.returncode == 2 and message in err.decode() and not out
        assert "Traceback" not in err.decode()
