"""An export's histories are held as JSON and parsed when asked (crm.packed): the history that
comes back is the one that went in, and a contact asked for again is parsed once."""

from __future__ import annotations

import pytest

from crm.packed import KEEP_PARSED, PackedHistories
from tests.builders.histories import make_history


def _packed(count: int) -> PackedHistories:
    histories = PackedHistories()
    for n in range(count):
        histories.put(make_history(n % 5 + 1, contact_id=f"c-{n}"))
    return histories


def test_a_history_comes_back_as_it_went_in() -> None:
    original = make_history(6, contact_id="c-1")
    histories = PackedHistories()
    histories.put(original)

    assert histories["c-1"] == original
    assert original.interactions and original.deals  # the comparison covered nested records
    assert [c.id for c in histories.contacts] == ["c-1"] and "c-1" in histories and "c-2" not in histories
    with pytest.raises(KeyError):
        histories["c-2"]


def test_the_histories_asked_for_last_stay_parsed() -> None:
    histories = _packed(KEEP_PARSED + 1)
    first, second = histories["c-0"], histories["c-1"]
    assert histories["c-0"] is first  # asked again: the same object, and now the most recent

    for n in range(2, KEEP_PARSED + 1):  # KEEP_PARSED - 1 others: c-1 is the one let go
        histories[f"c-{n}"]

    assert histories["c-0"] is first
    again = histories["c-1"]
    assert again is not second and again == second


def test_a_history_put_again_replaces_the_one_held() -> None:
    histories = _packed(2)
    histories["c-0"]  # parsed and kept
    newer = make_history(9, contact_id="c-0", name="Jonas Neu")

    histories.put(newer)

    assert histories["c-0"] == newer and len(histories) == 2
    assert [(c.id, c.name) for c in histories.contacts] == [("c-0", "Jonas Neu"), ("c-1", "Jonas Weiß")]
