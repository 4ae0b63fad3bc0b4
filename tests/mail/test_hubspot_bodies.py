"""HubSpot email bodies: `hs_email_text` first, else `hs_email_html` made text with its quote
marked, so the persona reads only the contact's reply."""

from __future__ import annotations

from crm.hubspot.mapping import to_interaction
from crm.hubspot.wire import HsObject
from persona.mail.reply import own_words

GMAIL_HTML = (
    '<div dir="ltr">Sounds good, ship it!</div><br><div class="gmail_quote"><div class="gmail_attr">'
    "On Tue, 4 Mar 2025 at 10:12, Sam &lt;sam@vendor.com&gt; wrote:</div>"
    '<blockquote class="gmail_quote">Dear Jamie, please find our 15% discount.</blockquote></div>'
)


def _email(**properties: str) -> HsObject:
    base = {"hs_timestamp": "2025-03-04T10:30:00Z", "hs_email_direction": "INCOMING_EMAIL"}
    return HsObject(id="e-1", properties={**base, **properties})


def test_html_only_email_becomes_text_with_the_quote_marked_and_then_removed() -> None:
    item = to_interaction("emails", _email(hs_email_html=GMAIL_HTML))
    assert item is not None and item.body is not None
    assert "> Dear Jamie" in item.body  # the quote is kept in the record, marked as a quote
    assert own_words(item.body) == "Sounds good, ship it!"


def test_plain_text_wins_over_html() -> None:
    item = to_interaction("emails", _email(hs_email_text="Plain reply", hs_email_html="<p>HTML reply</p>"))
    assert item is not None and item.body == "Plain reply"
