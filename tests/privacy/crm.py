"""A small CRM export for the privacy tests: Maria Keller, her duplicate record under a
plus-address in other case (`Maria.Keller+crm@Northwind.example`), and three others."""

from __future__ import annotations

import json
from pathlib import Path

from tests.slack.crm_export import _contact

MARIA, MARIA_DUP = "c-maria", "c-maria-dup"
MARIA_EMAIL = "maria.keller@northwind.example"

CONTACTS = [
    _contact(MARIA, "Maria Keller", MARIA_EMAIL, "Northwind"),
    _contact(MARIA_DUP, "Keller Import", "Maria.Keller+crm@Northwind.example", "Northwind (imported)"),
    _contact("c-ana", "Ana Souza", "ana.souza@acme.example", "Acme Corp"),
    _contact("c-bruno", "Bruno Costa", "bruno@initech.example", "Initech"),
    _contact("c-tom", "Tom Berg", "tom@fjord.example", "Fjord AB"),
]


def write_export(directory: Path) -> Path:
    path = directory / "privacy-crm.json"
    path.write_text(json.dumps({"contacts": CONTACTS}), encoding="utf-8")
    return path
