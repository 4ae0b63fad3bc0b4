"""The environment of a command-line run (tests/cli/process.py) for every test here."""

from pathlib import Path

import pytest

from tests.cli.process import cli_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)
