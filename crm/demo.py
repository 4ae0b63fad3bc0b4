"""The bundled demo CRM: a realistic dataset so everything works with no setup."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from crm.json_file import JsonFileAdapter

DEMO_FILE = "demo.json"


def demo_adapter() -> JsonFileAdapter:
    data = resources.files("crm").joinpath("data", DEMO_FILE)
    return JsonFileAdapter(Path(str(data)), name="demo", text=data.read_text(encoding="utf-8"))
