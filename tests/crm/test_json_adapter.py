"""The JSON export adapter: parsing, clear errors for bad files, and contact lookup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crm.errors import ContactNotFound, CrmDataError
from crm.json_file import JsonFileAdapter
from crm.matching import ContactDirectory, match_contacts, suggest
from crm.models import Contact

CONTACTS = [
    {"id": "1", "name": "Zoë Ångström", "email": "zoe@nordlys.se", "company": "Nordlys AB", "title": "CTO"},
    {"id": "2", "name": "Maria Keller", "email": "m.keller@example.de", "company": "Keller Logistik"},
    {"id": "3", "name": "Maria Santos", "email": "maria@santos.pt", "company": "Santos Lda"},
    {"id": "4", "name": "José Núñez", "email": "jose@nordlys.se", "company": "Nordlys AB"},
]


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


async def test_loads_histories_sorted_and_typed(tmp_path: Path) -> None:
    contact = dict(
        CONTACTS[1],
        interactions=[
            {"id": "b", "type": "email", "direction": "inbound", "timestamp": "2025-03-02T10:00:00+01:00"},
            {
                "id": "a",
                "type": "call",
                "direction": "outbound",
                "timestamp": "2025-03-01T10:00:00",
                "duration_seconds": 300,
                "outcome": "connected",
            },
        ],
        deals=[
            {
                "id": "d",
                "name": "Renewal",
                "amount": 1000,
                "currency": "EUR",
                "stage": "won",
                "status": "won",
                "created_at": "2025-01-01",
                "closed_at": "2025-01-20",
                "discount_percent": 5,
            }
        ],
        purchases=[
            {"id": "p", "timestamp": "2025-01-21", "amount": 1000, "currency": "EUR", "product": "X", "quantity": 2}
        ],
    )
    adapter = JsonFileAdapter(write(tmp_path, {"contacts": [contact]}))
    history = await adapter.history("2")
    assert [i.id for i in history.interactions] == ["a", "b"]
    assert history.interactions[0].timestamp.utcoffset().total_seconds() == 0  # naive read as UTC
    assert history.deals[0].discount_percent == 5
    with pytest.raises(ContactNotFound):
        await adapter.history("nope")


async def test_change_markers_move_only_for_a_changed_history(tmp_path: Path) -> None:
    call = {"id": "i1", "type": "call", "direction": "inbound", "timestamp": "2025-01-02T00:00:00Z"}
    contacts = [dict(CONTACTS[0], interactions=[call]), dict(CONTACTS[1])]
    path = write(tmp_path, {"contacts": contacts})
    adapter = JsonFileAdapter(path)
    before = await adapter.change_markers(["1", "2", "gone"])
    assert set(before) == {"1", "2"}  # an unknown id is left out (the refresher confirms it)

    contacts[1] = dict(CONTACTS[1], interactions=[dict(call, id="i2")])  # only Maria's changes
    path.write_text(json.dumps({"contacts": contacts}) + " ", encoding="utf-8")  # another size: seen as new
    assert await adapter.reload_if_changed()
    after = await adapter.change_markers(["1", "2"])

    assert after["1"] == before["1"] and after["2"] != before["2"]
    assert [i.id for i in (await adapter.history("2")).interactions] == ["i2"]


async def test_bad_records_are_skipped_and_reported_without_hiding_the_good_ones(tmp_path: Path) -> None:
    good_call = {"id": "ok1", "type": "call", "direction": "outbound", "timestamp": "2025-01-02T00:00:00Z"}
    bad = [
        dict(
            CONTACTS[0],
            interactions=[
                {"id": "x1", "type": "fax", "direction": "inbound", "timestamp": "2025-01-01T00:00:00Z"},
                good_call,
            ],
        ),
        CONTACTS[1],
        {"id": "9", "email": "no-name@example.com"},
        dict(CONTACTS[2], deals=[{"id": "d9", "name": "D", "status": "maybe", "created_at": "2025-01-01"}]),
    ]
    adapter = JsonFileAdapter(write(tmp_path, {"contacts": bad}))
    assert sorted(c.id for c in await adapter.list_contacts()) == ["1", "2", "3"]
    assert [i.id for i in (await adapter.history("1")).interactions] == ["ok1"]  # only the bad one dropped
    assert (await adapter.history("3")).deals == []
    problems = "\n".join(adapter.problems)
    assert "contacts[0] (id '1'), interactions id 'x1': field 'interactions.0.type'" in problems
    assert "(that record skipped)" in problems
    assert "contacts[2] (id '9'): field 'name'" in problems and "(contact skipped)" in problems
    assert "contacts[3] (id '3'), deals id 'd9': field 'deals.0.status'" in problems
    assert "contacts[1]" not in problems  # the good record is not blamed


def test_a_file_without_any_valid_contact_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, {"contacts": [{"id": "9"}, {"name": "No Id"}]})
    with pytest.raises(CrmDataError) as caught:
        JsonFileAdapter(path)
    message = str(caught.value)
    assert str(path) in message and "no valid contact" in message
    assert "contacts[0] (id '9'): field 'name'" in message and "contacts[1]: field 'id'" in message


@pytest.mark.parametrize("text", ["{not json", '{"people": []}', "[]"])
def test_unreadable_files_get_a_clear_message(tmp_path: Path, text: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(text)
    with pytest.raises(CrmDataError, match=r"export\.json"):
        JsonFileAdapter(path)
    with pytest.raises(CrmDataError, match="file not found"):
        JsonFileAdapter(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zoe angstrom", ["1"]),
        ("ZOË", ["1"]),
        ("maria", ["2", "3"]),
        ("maria k", ["2"]),
        ("Maria Keller", ["2"]),
        ("m.keller@example.de", ["2"]),
        ("M.Keller@Example.DE", ["2"]),
        ("nordlys", ["4", "1"]),
        ("jose nunez", ["4"]),
        ("nobody", []),
        ("   ", []),
    ],
)
def test_matching(query: str, expected: list[str]) -> None:
    contacts = [Contact.model_validate(c) for c in CONTACTS]
    assert [c.id for c in match_contacts(contacts, query)] == expected
    assert [c.id for c in ContactDirectory(contacts).find(query)] == expected  # the indexed lookup


def test_the_indexed_lookup_answers_as_the_full_scan() -> None:
    """Same names, e-mails differing in case, a name that is a prefix of another, a company named
    like a person, a name with an @, no e-mail: every query answers as the scan over them."""
    rows = [
        ("Ana Souza", "ana@souza.br", "Souza"),
        ("Ana Souza-Lima", "ANA@Souza.br", "Lima"),
        ("Ana Souza", None, "Other"),
        ("Souza", "s@x.io", "Ana Souza"),
        ("x@y.z", None, None),
        ("Bruno Ålvarez", "bruno@x.io", "Ana"),
    ]
    contacts = [
        Contact(id=str(n), name=name, email=email, company=company) for n, (name, email, company) in enumerate(rows)
    ]
    directory = ContactDirectory(contacts)
    queries = ["ana souza", "ANA SOUZA", "ana", "souza", "ana@souza.br", "Ana@SOUZA.BR", "x@y.z", "s@x.io"]
    queries += ["bruno alvarez", "alvarez", "lima", "nobody@x.io", "ana souza-lima", "ana souza lima", ""]
    for query in queries:
        for limit in (1, 10):
            expected = [c.id for c in match_contacts(contacts, query, limit)]
            assert [c.id for c in directory.find(query, limit)] == expected, (query, limit)


def test_suggestions_for_typos() -> None:
    contacts = [Contact.model_validate(c) for c in CONTACTS]
    assert [c.id for c in suggest(contacts, "Maria Kellr")][:1] == ["2"]
    assert suggest(contacts, "qqqq") == []
