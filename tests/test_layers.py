"""The layers import one way: every import statement of every source module, read with `ast`.

crm/, persona/ and storage/ take plain values and never reach up to persona_bot/ (settings,
use case) or bot/ (Slack); persona/ has no SQL; bot/ depends on persona_bot/, never the
reverse (persona_bot/slack_entry.py finds the Slack app through entry points). Function-level
and TYPE_CHECKING imports count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "crm", "persona", "persona_bot", "storage")

# package -> the top-level modules it must never import
FORBIDDEN: dict[str, set[str]] = {
    "crm": {"persona_bot", "bot", "storage", "slack_bolt", "slack_sdk", "sqlalchemy", "alembic"},
    "persona": {"persona_bot", "bot", "storage", "slack_bolt", "slack_sdk", "sqlalchemy", "alembic"},
    "storage": {"persona_bot", "bot", "slack_bolt", "slack_sdk"},
    "persona_bot": {"bot", "slack_bolt", "slack_sdk", "sqlalchemy", "alembic"},
    "bot": {"sqlalchemy", "alembic"},
}


def imported_packages(path: Path) -> set[tuple[int, str]]:
    """(line, top-level package) for every import in the module, at any depth."""
    found: set[tuple[int, str]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {(node.lineno, alias.name.split(".")[0]) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import; write the absolute module path"
            assert node.module is not None
            found.add((node.lineno, node.module.split(".")[0]))
    return found


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_runs_against_the_layers(package: str) -> None:
    modules = _modules(package)
    assert modules, f"no modules found under {package}/"
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in modules
        for line, name in sorted(imported_packages(path))
        if name in FORBIDDEN[package]
    ]
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_check_sees_function_level_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    if True:\n        from bot.serve import serve\n    import persona_bot.settings\n")
    assert {name for _, name in imported_packages(module)} == {"bot", "persona_bot"}


def test_the_slack_entry_points_resolve_to_bot() -> None:
    """What persona_bot reaches without importing: declared in pyproject, loadable."""
    from persona_bot.slack_entry import slack_blocks, slack_notifier, slack_server

    assert (slack_server().__module__, slack_server().__name__) == ("bot.serve", "serve")
    assert slack_blocks().__name__ == "persona_blocks"
    assert (slack_notifier().__module__, slack_notifier().__name__) == ("bot.flows.refresh_notify", "slack_notifier")
