"""The prompt's message samples are the contact's own words: no quoted thread, no signature,
no robots (issue 10)."""

from __future__ import annotations

from datetime import timedelta

from persona.prompts import build_prompt
from persona.signals import compute_signals
from tests.builders import T0, history, msg

REPLY = (
    "Works for us, please send the contract.\n\nBest regards,\nJamie Doe\nHead of Procurement\n+44 20 7946 0958\n\n"
    "On Tue, 4 Mar 2025 at 10:12, Sam Carter <sam@vendor.com> wrote:\n> Dear Jamie, we offer a 20% discount."
)


def _user_text(h) -> str:  # type: ignore[no-untyped-def]
    return build_prompt(h, compute_signals(h)).messages[1]["content"]


def test_samples_carry_only_the_new_part_of_a_reply() -> None:
    h = history([msg("email", "inbound", T0, REPLY, subject="Re: Offer")])
    text = _user_text(h)
    assert "Works for us, please send the contract. Best regards," in text
    assert "20% discount" not in text and "+44 20" not in text and "wrote:" not in text


def test_html_replies_are_text_without_the_quote() -> None:
    html = (
        "<div>Fine by me, ship it.</div><div class='gmail_quote'>On Tue, Sam wrote:"
        "<blockquote>Dear Jamie, our 20% discount</blockquote></div>"
    )
    text = _user_text(history([msg("email", "inbound", T0, html)]))
    assert "Fine by me, ship it." in text
    assert "20% discount" not in text and "<div" not in text


def test_auto_replies_are_not_samples() -> None:
    items = [
        msg("email", "outbound", T0, "Proposal attached."),
        msg("email", "inbound", T0 + timedelta(minutes=1), "I am away.", subject="Automatic reply: Proposal"),
        msg("email", "inbound", T0 + timedelta(hours=3), "Thanks, reading it now.", subject="Re: Proposal"),
    ]
    text = _user_text(history(items))
    assert "Thanks, reading it now." in text
    assert "Automatic reply" not in text and "I am away" not in text
