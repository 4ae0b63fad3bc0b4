"""The do-not-profile list matches e-mail addresses across case and plus-addressing."""

from __future__ import annotations

from persona_bot.objections import email_hash, normalised_email


def test_case_space_and_plus_addressing_are_ignored() -> None:
    assert normalised_email("  Maria.Keller+crm@Northwind.Example ") == "maria.keller@northwind.example"
    assert normalised_email("maria.keller@northwind.example") == "maria.keller@northwind.example"
    assert email_hash("Maria.Keller+crm@Northwind.example") == email_hash("maria.keller@northwind.example")


def test_different_people_and_non_addresses_do_not_match() -> None:
    assert email_hash("maria.keller@northwind.example") != email_hash("mario.keller@northwind.example")
    assert email_hash("maria.keller@northwind.example") != email_hash("maria.keller@southwind.example")
    assert email_hash(None) is None and email_hash("") is None
    assert normalised_email("not an address") is None and normalised_email("+tag@example.com") is None


def test_only_a_hash_is_kept_never_the_address() -> None:
    digest = email_hash("maria.keller@northwind.example")
    assert digest is not None and len(digest) == 64 and "maria" not in digest
