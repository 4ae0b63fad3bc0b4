"""The contact's own words: reply headers of real clients in seven languages, `>` lines,
forwarded blocks, signatures and disclaimers, HTML bodies."""

from __future__ import annotations

import pytest

from crm.html import html_to_text
from persona.mail.reply import own_words

QUOTED = "> Dear Jamie,\n> Please find attached our offer with a 15% discount.\n> Kind regards,\n> Sam"

HEADERS = {
    "gmail en": "On Tue, 4 Mar 2025 at 10:12, Sam Carter <sam@vendor.com> wrote:",
    "gmail en wrapped": "On Tue, 4 Mar 2025 at 10:12, Sam Carter <\nsam@vendor.com> wrote:",
    "apple mail en": "On 4 Mar 2025, at 10:12, Sam Carter <sam@vendor.com> wrote:",
    "thunderbird": "On 04.03.25 10:12, Sam Carter wrote:",
    "gmail de": "Am Di., 4. März 2025 um 10:12 Uhr schrieb Sam Carter <sam@vendor.com>:",
    "apple mail de": "Am 04.03.2025 um 10:12 schrieb Sam Carter <sam@vendor.com>:",
    "gmail fr": "Le mar. 4 mars 2025 à 10:12, Sam Carter <sam@vendor.com> a écrit :",
    "apple mail fr": "Le 4 mars 2025 à 10:12, Sam Carter <sam@vendor.com> a écrit :",
    "gmail es": "El mar, 4 mar 2025 a las 10:12, Sam Carter (<sam@vendor.com>) escribió:",
    "gmail pt": "Em ter., 4 de mar. de 2025 às 10:12, Sam Carter <sam@vendor.com> escreveu:",
    "gmail it": "Il giorno mar 4 mar 2025 alle ore 10:12 Sam Carter <sam@vendor.com> ha scritto:",
    "gmail nl": "Op di 4 mrt 2025 om 10:12 schreef Sam Carter <sam@vendor.com>:",
    "outlook en": "-----Original Message-----\nFrom: Sam Carter <sam@vendor.com>\nSent: Tuesday, March 4, 2025 10:12 AM"
    "\nTo: Jamie Doe\nSubject: Offer",
    "outlook web en": "________________________________\nFrom: Sam Carter <sam@vendor.com>\n"
    "Sent: Tuesday, March 4, 2025"
    "\nTo: Jamie Doe\nSubject: Offer",
    "outlook de": "Von: Sam Carter <sam@vendor.com>\nGesendet: Dienstag, 4. März 2025 10:12\n"
    "An: Jonas\nBetreff: Angebot",
    "outlook fr": "De : Sam Carter <sam@vendor.com>\nEnvoyé : mardi 4 mars 2025 10:12\nÀ : Claire\nObjet : Offre",
    "outlook es": "De: Sam Carter <sam@vendor.com>\nEnviado: martes, 4 de marzo de 2025 10:12\n"
    "Para: Lucía\nAsunto: Oferta",
    "outlook pt": "De: Sam Carter <sam@vendor.com>\nEnviado: terça-feira, 4 de março de 2025 10:12\nPara: João\n"
    "Assunto: Proposta",
    "outlook it": "Da: Sam Carter <sam@vendor.com>\nInviato: martedì 4 marzo 2025 10:12\nA: Marco\nOggetto: Offerta",
    "outlook nl": "Van: Sam Carter <sam@vendor.com>\nVerzonden: dinsdag 4 maart 2025 10:12\n"
    "Aan: Eva\nOnderwerp: Aanbod",
    "forwarded gmail": "---------- Forwarded message ---------\nFrom: Sam Carter <sam@vendor.com>\n"
    "Date: Tue, Mar 4, 2025",
    "forwarded de": "---------- Weitergeleitete Nachricht ---------\nVon: Sam Carter <sam@vendor.com>",
    "forwarded apple": "Begin forwarded message:\n\nFrom: Sam Carter <sam@vendor.com>",
}


@pytest.mark.parametrize("header", HEADERS.values(), ids=HEADERS.keys())
def test_the_quoted_thread_below_a_reply_header_is_removed(header: str) -> None:
    body = f"yep works for me, thx\n\n{header}\n\n{QUOTED}"
    assert own_words(body) == "yep works for me, thx"


def test_quoted_lines_without_a_header_are_removed_and_interleaved_answers_kept() -> None:
    body = "> Can you sign by Friday?\nYes, Friday works.\n> And the discount?\nNo need for one."
    assert own_words(body) == "Yes, Friday works.\nNo need for one."


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hi Sam,\n\nThe numbers look fine.\n\nBest regards,\nJamie Doe\nHead of Procurement | Acme Ltd\n"
            "Tel: +44 20 7946 0958\nwww.acme.example",
            "Hi Sam,\n\nThe numbers look fine.\n\nBest regards,",
        ),
        (
            "Sehr geehrter Herr Carter,\nvielen Dank.\n\nMit freundlichen Grüßen\nDr. Jonas Weiß\nLeiter Einkauf",
            "Sehr geehrter Herr Carter,\nvielen Dank.\n\nMit freundlichen Grüßen",
        ),
        ("ok, go ahead\n--\nJamie | CEO\nDiscount Widgets Ltd", "ok, go ahead"),
        ("Sounds good!\n\nSent from my iPhone", "Sounds good!"),
        ("Passt!\n\nVon meinem iPhone gesendet", "Passt!"),
        (
            "Agreed.\n\nThis e-mail and any attachments are confidential. If you are not the intended recipient,"
            " kindly notify the sender. We would like to offer a discount.",
            "Agreed.",
        ),
        (
            "Fine with the quote.\n\nJamie Doe\nHead of Cost Reduction\n+44 20 7946 0958 | jamie@acme.example",
            "Fine with the quote.",
        ),
    ],
)
def test_signature_blocks_and_disclaimers_are_removed_but_the_closing_is_kept(body: str, expected: str) -> None:
    assert own_words(body) == expected


def test_a_short_thanks_that_opens_the_message_is_not_a_signature() -> None:
    body = "Hi Sam,\nThanks, will do.\nCan you lower the price a bit?\n\nBest,\nJo"
    assert "lower the price" in own_words(body)


def test_a_message_without_quotes_or_signature_is_unchanged() -> None:
    assert own_words("Can we move the call to Thursday?") == "Can we move the call to Thursday?"
    assert own_words(None) == ""


def test_html_bodies_become_text_and_html_quotes_are_removed() -> None:
    gmail = (
        '<div dir="ltr">Sounds good, ship it!<br></div><br><div class="gmail_quote"><div class="gmail_attr">'
        "On Tue, 4 Mar 2025 at 10:12, Sam &lt;sam@vendor.com&gt; wrote:<br></div>"
        '<blockquote class="gmail_quote">Dear Jamie, please find our 15% discount.<br>Kind regards</blockquote></div>'
    )
    assert own_words(gmail) == "Sounds good, ship it!"
    outlook = (
        "<html><body><p>Fine by me.</p><div id='divRplyFwdMsg'><b>From:</b> Sam Carter<br><b>Sent:</b> Tuesday"
        "<br><b>To:</b> Jamie<br><b>Subject:</b> Offer</div><div>Dear Jamie, discount attached.</div></body></html>"
    )
    assert own_words(outlook) == "Fine by me."
    assert html_to_text("<blockquote>quoted</blockquote><p>mine</p>") == "> quoted\n\nmine"
