"""Our reply stripping on real emails collected by github/email_reply_parser (MIT)."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona.mail.reply import own_words

FIXTURES = Path(__file__).parent / "fixtures" / "email_reply_parser"

EXPECTED = {
    "email_2_1": "Outlook with a reply",
    "email_2_2": "Outlook with a reply directly above line",
    "email_2_3": "Outlook with a reply directly above line",
    "email_iPhone": "Here is another email",
    "email_BlackBerry": "Here is another email",
    "email_multi_word_sent_from_my_mobile_device": "Here is another email",
    "email_sent_from_my_not_signature": "Here is another email\n\n"
    "Sent from my desk, is much easier then my mobile phone.",
    "email_bullets": "test 2 this should list second\n\nand have spaces\n\nand retain this formatting\n\n\n"
    "   - how about bullets\n   - and another",
    "correct_sig": "this is an email with a correct -- signature.",
    "email_1_7": ":+1:",
    "email_1_8": "I will reply under this one\n\n\nand under this.",
    "pathological": "I think you're onto something. I will try to fix the problem as soon as I\n"
    "get back to a computer.",
}


def _read(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize("name", EXPECTED)
def test_real_replies(name: str) -> None:
    assert own_words(_read(name)) == EXPECTED[name]


def test_bottom_posted_answers_below_the_quote_are_the_senders() -> None:
    text = own_words(_read("email_1_2"))
    assert text.startswith("Hi,\n\nYou can list the keys for the bucket")
    assert "What is the best way to clear a Riak bucket" not in text  # the quoted question


def test_a_signature_delimiter_inside_a_line_is_not_a_signature() -> None:
    assert own_words(_read("email_sig_delimiter_in_middle_of_line")).endswith("kthxbai")


def test_lines_starting_with_on_are_not_headers() -> None:
    assert own_words(_read("greedy_on")).startswith("On your remote host you can run:")
    assert "Thank, this is really helpful." in own_words(_read("email_one_is_not_on"))


def test_a_long_quote_is_cut_quickly() -> None:
    assert own_words(_read("email_long_quote")).startswith("Hi folks")
