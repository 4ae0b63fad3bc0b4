"""Signals on real-world mail (issue 10), each rule in both directions: quoted threads and
signatures are not the contact's words, robots are not people, formality in the contact's
language, channel-aware responsiveness, and closed deals only for discounts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from persona.generators.signals_gen import signal_recommendations
from persona.signals import compute_signals
from tests.builders import T0, deal, email_threads, history, msg

DAY = timedelta(days=1)
FORMAL_REP = (
    "On Tue, 4 Mar 2025 at 10:12, Sam Carter <sam@vendor.com> wrote:\n"
    "> Dear Ms. Doe,\n> Please find attached our offer. We would be grateful for your feedback.\n"
    "> Kind regards,\n> Sam Carter"
)
CASUAL_REP = "Am 04.03.2025 um 10:12 schrieb Sam Carter <sam@vendor.com>:\n> hey Jonas, cool, passt! LG Sam 👍"
DISCOUNT_OFFER = (
    "-----Original Message-----\nFrom: Sam Carter <sam@vendor.com>\nSent: Tuesday, March 4, 2025 10:12 AM\n"
    "To: Jamie\nSubject: Offer\n\nWe can offer a 20% discount, and a cheaper tier if the price is too expensive."
)


def _replies(bodies: list[str], every: timedelta = 7 * DAY, after: timedelta = timedelta(hours=3)) -> list:
    """Our email, then the contact's reply with `body`, once a week."""
    items = []
    for k, body in enumerate(bodies):
        at = T0 + k * every
        items.append(msg("email", "outbound", at, "Hi, sharing the proposal."))
        items.append(msg("email", "inbound", at + after, body))
    return items


# --- 1. the contact's own words -----------------------------------------------------------


def test_a_casual_writer_whose_reply_quotes_a_formal_rep_stays_casual() -> None:
    bodies = [f"yep works for us, thx! 👍\n\n{FORMAL_REP}"] * 4
    assert compute_signals(history(_replies(bodies))).formality.value == "casual"


def test_a_formal_writer_whose_reply_quotes_a_casual_rep_stays_formal() -> None:
    body = (
        "Sehr geehrter Herr Carter,\n\nvielen Dank für Ihr Angebot. Wir prüfen es.\n\nMit freundlichen Grüßen\n\n"
        + CASUAL_REP
    )
    assert compute_signals(history(_replies([body] * 4))).formality.value == "formal"


def test_a_price_indifferent_contact_quoting_our_discount_offer_is_not_price_sensitive() -> None:
    bodies = [f"Price is not the concern for us, reliability is. Please proceed.\n\n{DISCOUNT_OFFER}"] * 3
    signal = compute_signals(history(_replies(bodies))).price_sensitivity
    assert signal.value == "low", signal.detail


def test_a_price_sensitive_contact_is_still_heard_above_the_quote() -> None:
    bodies = [f"This is too expensive for us, we need a better price.\n\n{FORMAL_REP}"] * 3
    assert compute_signals(history(_replies(bodies))).price_sensitivity.value == "high"


def test_signature_titles_are_not_price_talk_or_formality() -> None:
    body = "ok cool, go ahead!\n\nJamie Doe\nDr. | Head of Cost Reduction & Discount Programs\n+44 20 7946 0958"
    s = compute_signals(history(_replies([body] * 4)))
    assert s.formality.value == "casual"
    assert s.price_sensitivity.value == "unknown"


# --- 2. robots are not people -------------------------------------------------------------


def test_an_auto_reply_is_not_an_answer() -> None:
    items = []
    for k in range(4):
        at = T0 + k * 40 * DAY
        items.append(msg("email", "outbound", at, "Hi, sharing the proposal."))
        items.append(msg("email", "inbound", at + timedelta(minutes=1), "", subject="Automatic reply: proposal"))
        items.append(msg("email", "outbound", at + 4 * DAY, "Following up."))
        items.append(msg("email", "outbound", at + 9 * DAY, "Following up again."))
    s = compute_signals(history(items))
    assert s.responsiveness.value == "needs_follow_up"
    assert "4 auto-replies set aside" in s.responsiveness.detail
    assert s.preferred_channel.value == "unknown"  # robots are no engagement
    assert s.formality.value == "unknown"  # nor writing samples


def test_a_person_answering_after_their_auto_reply_is_responsive() -> None:
    items = []
    for k in range(4):
        at = T0 + k * 7 * DAY
        items.append(msg("email", "outbound", at, "Hi, sharing the proposal."))
        ooo = "Vielen Dank für Ihre Nachricht. Ich bin bis Montag nicht im Büro."
        items.append(msg("email", "inbound", at + timedelta(minutes=2), ooo, subject="Re: proposal"))
        items.append(msg("email", "inbound", at + timedelta(hours=5), "Passt, danke dir!", subject="Re: proposal"))
    s = compute_signals(history(items))
    assert s.responsiveness.value == "responsive"
    assert s.median_reply_hours == 5.0
    assert "4 auto-replies set aside" in s.responsiveness.detail


def test_a_bounced_email_is_not_unanswered_outreach() -> None:
    items = _replies(["Thanks, noted."] * 3)
    for k in range(3):
        at = T0 + (40 + 10 * k) * DAY
        items.append(msg("email", "outbound", at, "Hi, checking in."))
        items.append(msg("email", "inbound", at + timedelta(minutes=1), "", subject="Undeliverable: checking in"))
    s = compute_signals(history(items))
    assert s.responsiveness.value == "responsive"
    assert "3 bounces set aside" in s.responsiveness.detail


# --- 3. formality in the contact's language -----------------------------------------------

LANGUAGES = {
    "de": (
        "Sehr geehrter Herr Carter, vielen Dank für Ihre Nachricht. Können Sie uns das Angebot schicken?",
        "Hallo Sam, danke dir! Kannst du mir das Angebot schicken? LG",
    ),
    "fr": (
        "Bonjour Monsieur, je vous remercie pour votre proposition. Pourriez-vous m'envoyer le contrat ? Cordialement",
        "Salut Sam, merci ! Tu peux m'envoyer le contrat stp ? Bises",
    ),
    "es": (
        "Estimado Sr. Carter: le agradezco la propuesta. Quedo a la espera del contrato. Atentamente",
        "Hola Sam, genial, te mando el contrato mañana. Un abrazo",
    ),
    "pt": (
        "Prezado Sr. Carter, agradeço a atenção. Fico no aguardo do contrato. Atenciosamente",
        "Oi Sam, beleza, te mando o contrato amanhã. Abraço",
    ),
    "it": (
        "Gentile Dott. Carter, la ringrazio per l'offerta. Resto in attesa del contratto. Cordiali saluti",
        "Ciao Sam, grazie mille! Ti mando il contratto domani. A presto",
    ),
    "nl": (
        "Geachte heer Carter, hartelijk dank voor uw aanbod. Wij nemen contact met u op. Met vriendelijke groet",
        "Hoi Sam, top, dank je! Ik stuur je morgen het contract. Groetjes",
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_formality_in_the_contacts_language(language: str) -> None:
    formal, casual = LANGUAGES[language]
    formal_signal = compute_signals(history(_replies([formal] * 4))).formality
    assert formal_signal.value == "formal", formal_signal.detail
    casual_signal = compute_signals(history(_replies([casual] * 4))).formality
    assert casual_signal.value == "casual", casual_signal.detail


def test_a_language_without_markers_is_unknown_and_says_so() -> None:
    polish = "Dzień dobry Panie Carter, dziękuję za ofertę. Proszę o przesłanie umowy. Z poważaniem"
    signal = compute_signals(history(_replies([polish] * 4))).formality
    assert signal.value == "unknown"
    assert "Polish" in signal.detail and "no formality markers" in signal.detail


# --- 4. channel-aware responsiveness ------------------------------------------------------


def test_a_meeting_held_soon_after_our_email_answers_it() -> None:
    items = []
    for k in range(4):
        at = T0 + k * 14 * DAY
        items.append(msg("email", "outbound", at, "Shall we meet to go through the proposal?"))
        items.append(msg("meeting", "outbound", at + DAY, "Proposal review", outcome="completed"))
    s = compute_signals(history(items))
    assert s.responsiveness.value == "responsive"
    assert "by a meeting" in s.responsiveness.detail


def test_a_meeting_weeks_later_does_not_answer_the_chased_email() -> None:
    items = []
    for k in range(4):
        at = T0 + k * 40 * DAY
        items.append(msg("email", "outbound", at, "Shall we meet?"))
        items.append(msg("email", "outbound", at + 5 * DAY, "Following up."))
        items.append(msg("meeting", "outbound", at + 20 * DAY, "Review", outcome="completed"))
    assert compute_signals(history(items)).responsiveness.value == "needs_follow_up"


def test_our_recap_email_after_a_call_is_not_outreach() -> None:
    items = []
    for k in range(4):
        at = T0 + k * 14 * DAY
        items.append(msg("call", "outbound", at, "Discussed rollout", outcome="connected", duration_seconds=900))
        items.append(msg("email", "outbound", at + timedelta(hours=1), "Recap of our call: next steps attached."))
        items.append(msg("email", "outbound", at + 5 * DAY, "One more thing about the rollout."))
        items.append(msg("email", "inbound", at + 5 * DAY + timedelta(hours=2), "Thanks, noted."))
    s = compute_signals(history(items))
    assert s.responsiveness.value == "responsive", s.responsiveness.detail


def test_an_email_days_after_a_call_is_outreach_and_can_go_unanswered() -> None:
    items = []
    for k in range(4):
        at = T0 + k * 40 * DAY
        items.append(msg("call", "outbound", at, "Discussed rollout", outcome="connected", duration_seconds=900))
        items.append(msg("email", "outbound", at + 3 * DAY, "Any news on the rollout?"))
        items.append(msg("email", "outbound", at + 8 * DAY, "Following up on the rollout."))
        items.append(msg("email", "outbound", at + 15 * DAY, "Following up again."))
    assert compute_signals(history(items)).responsiveness.value == "needs_follow_up"


def test_answers_email_fast_but_never_picks_up_cold_calls_is_responsive_and_says_email_dont_call() -> None:
    items = email_threads(4, reply_after=timedelta(hours=3), every=14 * DAY)
    for k in range(5):
        at = T0 + (k * 14 + 7) * DAY
        items.append(msg("call", "outbound", at, "", outcome="no_answer"))
    s = compute_signals(history(items))
    assert s.responsiveness.value == "responsive", s.responsiveness.detail
    assert s.responsiveness.detail.startswith("answers email in ~3 h; did not pick up 5 calls")
    advice = signal_recommendations(s)
    assert any(line.startswith("Email, don't call") for line in advice), advice


def test_ignores_email_and_never_picks_up_needs_follow_up() -> None:
    items = email_threads(4, reply_after=None, chasers=2, every=30 * DAY)
    for k in range(5):
        items.append(msg("call", "outbound", T0 + (k * 30 + 20) * DAY, "", outcome="no_answer"))
    s = compute_signals(history(items))
    assert s.responsiveness.value == "needs_follow_up"
    assert not any("don't" in line for line in signal_recommendations(s))


# --- 5. closed deals for discounts --------------------------------------------------------


def test_open_deals_discount_does_not_enter_the_average() -> None:
    deals = [deal(20, discount=20), deal(25, discount=18), deal(None, status="open", discount=0)]
    s = compute_signals(history(deals=deals))
    assert s.price_sensitivity.value == "high"
    assert s.mean_discount_percent == 19.0


def test_a_single_closed_deal_with_open_ones_is_not_a_discount_pattern() -> None:
    deals = [deal(20, discount=25), deal(None, status="open", discount=25), deal(None, status="open", discount=30)]
    assert compute_signals(history(deals=deals)).price_sensitivity.value == "unknown"


def test_long_open_deals_still_count_as_deliberate() -> None:
    deals = [deal(None, status="open", start=T0 - timedelta(days=d)) for d in (90, 120)]
    items = [msg("note", "outbound", T0, "pipeline review")]
    assert compute_signals(history(items, deals)).decision_speed.value == "deliberate"


# --- price talk in the contact's language -------------------------------------------------

PRICE_TALK = {
    "high": [
        "Das ist uns leider zu teuer, wir bräuchten einen spürbaren Rabatt.",
        "C'est trop cher pour nous, il nous faudrait une remise.",
        "Es demasiado caro, necesitaríamos un descuento.",
    ],
    "low": [
        "Der Preis ist für uns nicht das Hauptkriterium, die Zuverlässigkeit zählt.",
        "Le prix n'est pas notre critère principal, la fiabilité compte plus.",
        "Il prezzo non è il criterio principale per noi.",
    ],
    "medium": [
        "Der Preis ist für uns in Ordnung; könnten Sie die Schulung einschließen?",
        "O preço é aceitável para nós; podem incluir o treinamento?",
        "De prijs is acceptabel voor ons; kunnen jullie de training erbij doen?",
    ],
}


@pytest.mark.parametrize("level", PRICE_TALK)
def test_price_talk_in_other_languages(level: str) -> None:
    bodies = PRICE_TALK[level]
    signal = compute_signals(history(_replies(bodies))).price_sensitivity
    assert signal.value == level, signal.detail


def test_dear_and_handover_are_not_price_talk() -> None:
    bodies = ["Caro Marco, grazie per il messaggio.", "Cher Monsieur, merci pour la remise des clés.", "Caro João, ok."]
    assert compute_signals(history(_replies(bodies))).price_sensitivity.value == "unknown"
