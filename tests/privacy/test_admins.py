"""PERSONA_ADMINS as an operator writes it."""

from __future__ import annotations

from bot.admins import Admins


def test_user_ids_and_groups_are_read_from_one_setting() -> None:
    admins = Admins.parse(" U123, W456 S789;U999 ")
    assert admins.users == {"U123", "W456", "U999"} and admins.groups == ("S789",)
    assert not Admins.parse("") and not Admins.parse(None)  # nobody: the secure default
