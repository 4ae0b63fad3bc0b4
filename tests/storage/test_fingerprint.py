"""history_fingerprint: order-independent, sensitive to any change in the history."""

from __future__ import annotations

from datetime import timedelta, timezone

from crm.models import Purchase
from persona.fingerprint import history_fingerprint
from tests.builders import email_history


def test_fingerprint_is_sha256_hex_and_stable() -> None:
    fingerprint = history_fingerprint(email_history())

    assert len(fingerprint) == 64 and int(fingerprint, 16) >= 0
    assert history_fingerprint(email_history()) == fingerprint


def test_order_of_records_does_not_matter() -> None:
    history = email_history(interactions=5)
    shuffled = history.model_copy(update={"interactions": list(reversed(history.interactions))})

    assert history_fingerprint(shuffled) == history_fingerprint(history)


def test_same_instant_in_another_offset_is_the_same_history() -> None:
    history = email_history()
    tokyo = timezone(timedelta(hours=9))
    moved = history.model_copy(
        update={
            "interactions": [
                i.model_copy(update={"timestamp": i.timestamp.astimezone(tokyo)}) for i in history.interactions
            ]
        }
    )

    assert history_fingerprint(moved) == history_fingerprint(history)


def test_any_change_changes_the_fingerprint() -> None:
    history = email_history(interactions=3)
    base = history_fingerprint(history)
    first = history.interactions[0]
    variants = [
        email_history(interactions=4),  # a new interaction
        history.model_copy(
            update={
                "interactions": [
                    first.model_copy(update={"subject": "Re: price"}),
                    *history.interactions[1:],
                ]
            }
        ),
        history.model_copy(update={"deals": []}),
        history.model_copy(
            update={"purchases": [Purchase(id="p1", timestamp=first.timestamp, amount=10, product="Seats")]}
        ),
        history.model_copy(update={"contact": history.contact.model_copy(update={"title": "CFO"})}),
    ]

    fingerprints = {history_fingerprint(v) for v in variants}

    assert base not in fingerprints
    assert len(fingerprints) == len(variants)
