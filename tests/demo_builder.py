"""The demo CRM's build script (crm/data/build_demo.py, a script rather than a package module),
loaded as a module so tests can read its SPECS: what each demo contact was built to show."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

DATA = Path(__file__).resolve().parent.parent / "crm" / "data"


def demo_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_demo", DATA / "build_demo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_demo"] = module
    spec.loader.exec_module(module)
    return module
