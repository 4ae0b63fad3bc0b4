"""The bundled demo CRM: loads through the demo adapter and keeps its planted properties."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from crm.demo import demo_adapter
from crm.models import History
from tests.demo_builder import DATA, demo_builder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads((DATA / "demo.json").read_text(encoding="utf-8"))


async def _histories() -> list[History]:
    adapter = demo_adapter()
    return [await adapter.history(c.id) for c in await adapter.list_contacts()]


async def test_loads_with_enough_contacts() -> None:
    histories = await _histories()
    assert len(histories) >= 25
    assert sum(len(h.interactions) for h in histories) > 500


async def test_non_ascii_names() -> None:
    names = {h.contact.name for h in await _histories()}
    assert {"Zoë Ångström", "José Núñez", "Łukasz Wójcik", "Siobhán Ó Briain"} <= names
    assert sum(1 for n in names if not n.isascii()) >= 4


async def test_two_contacts_share_a_first_name() -> None:
    firsts = Counter(h.contact.name.split()[0] for h in await _histories())
    assert firsts["Maria"] == 2
    adapter = demo_adapter()
    assert {c.name for c in await adapter.find("maria")} == {"Maria Keller", "Maria Santos"}


async def test_one_company_has_four_or_more_contacts() -> None:
    companies = Counter(h.contact.company for h in await _histories())
    assert companies.most_common(1)[0][1] >= 4
    assert len(companies) >= 6


async def test_thin_histories_exist() -> None:
    thin = [h for h in await _histories() if len(h.interactions) <= 3 and not h.deals]
    assert len(thin) >= 3
    assert any(not h.interactions for h in thin)


async def test_typical_history_is_rich() -> None:
    rich = [h for h in await _histories() if len(h.interactions) > 3]
    assert len(rich) >= 20
    assert all(15 <= len(h.interactions) <= 80 for h in rich)
    assert all(h.purchases or h.deals for h in rich if h.contact.id != "c21")


def test_interaction_ids_unique_and_timestamps_in_range(raw: dict) -> None:
    ids = [i["id"] for c in raw["contacts"] for i in c["interactions"]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"c\d\d-[ekmnt]\d{3}", i) for i in ids)
    for c in raw["contacts"]:
        for i in c["interactions"]:
            ts = datetime.fromisoformat(i["timestamp"])
            assert ts.tzinfo is not None
            low, high = (datetime(*ymd, tzinfo=ts.tzinfo) for ymd in ((2023, 6, 1), (2026, 11, 1)))
            assert low <= ts < high


def test_hostile_text_is_present(raw: dict) -> None:
    bodies = {c["id"]: " ".join(i.get("body") or "" for i in c["interactions"]) for c in raw["contacts"]}
    assert "Ignore previous instructions" in bodies["c09"]
    assert "<!channel>" in bodies["c13"] and "<https://evil.example|click>" in bodies["c13"]
    assert "*" in bodies["c13"]
    assert "lorem" not in json.dumps(raw).lower()


def test_file_matches_generator_and_ground_truth_holds(raw: dict) -> None:
    builder = demo_builder()
    data, builders = builder.build()
    assert builder.dumps(data) == (DATA / "demo.json").read_text(encoding="utf-8")
    assert builder.check(data["contacts"], builders) == []


def test_docs_table_lists_every_contact(raw: dict) -> None:
    doc = (ROOT / "docs" / "demo-data.md").read_text(encoding="utf-8")
    for c in raw["contacts"]:
        assert f"| {c['id']} | {c['name']} |" in doc


def test_every_persona_value_is_planted() -> None:
    specs = demo_builder().SPECS
    values = {
        "channel": {"email", "phone", "meeting", "chat", "unknown"},
        "formality": {"formal", "casual", "mixed", "unknown"},
        "resp": {"responsive", "needs_follow_up", "unknown"},
        "speed": {"quick", "deliberate", "unknown"},
        "price": {"high", "medium", "low", "unknown"},
        "season": {"Q1", "Q2", "Q3", "Q4", "none", "unknown"},
        "trend": {"rising", "declining", "stable"},
    }
    for field, expected in values.items():
        assert {getattr(s, field) for s in specs} == expected, field
