"""Auto-replies and bounces are recognised by subject, body and timing, in seven languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from persona.mail.automatic import Automatic, automatic_kind

OURS = datetime(2025, 3, 4, 10, 12, tzinfo=UTC)  # our email
SOON = OURS + timedelta(minutes=2)
LATER = OURS + timedelta(hours=20)

AUTO_SUBJECTS = [
    "Automatic reply: Renewal quote",
    "Out of Office: Renewal quote",
    "Abwesenheitsnotiz: Angebot",
    "Automatische Antwort: Angebot",
    "Réponse automatique : Offre",
    "Absence du bureau : Offre",
    "Respuesta automática: Oferta",
    "Fuera de la oficina: Oferta",
    "Resposta automática: Proposta",
    "Ausente: Proposta",
    "Risposta automatica: Offerta",
    "Fuori sede: Offerta",
    "Automatisch antwoord: Aanbod",
    "Afwezig: Aanbod",
]
BOUNCE_SUBJECTS = [
    "Undeliverable: Renewal quote",
    "Delivery Status Notification (Failure)",
    "Mail delivery failed: returning message to sender",
    "Unzustellbar: Angebot",
    "Non remis : Offre",
    "No se puede entregar: Oferta",
    "Não entregue: Proposta",
    "Non recapitabile: Offerta",
    "Onbestelbaar: Aanbod",
]
AUTO_BODIES = [
    "Thank you for your email. I am out of the office until 14 March with limited access to email.",
    "Vielen Dank für Ihre Nachricht. Ich bin bis zum 14.03. nicht im Büro.",
    "Je suis absente jusqu'au 14 mars. Je vous répondrai dès mon retour.",
    "Gracias por su mensaje. Estoy fuera de la oficina hasta el 14 de marzo.",
    "Obrigado pela mensagem. Estou ausente até 14 de março.",
    "Grazie per il messaggio. Sono fuori ufficio fino al 14 marzo.",
    "Bedankt voor uw bericht. Ik ben afwezig tot 14 maart.",
]


@pytest.mark.parametrize("subject", AUTO_SUBJECTS)
def test_auto_reply_subjects(subject: str) -> None:
    assert automatic_kind(subject, "", LATER, OURS) is Automatic.auto_reply


@pytest.mark.parametrize("subject", BOUNCE_SUBJECTS)
def test_bounce_subjects(subject: str) -> None:
    assert automatic_kind(subject, "", LATER, None) is Automatic.bounce


@pytest.mark.parametrize("body", AUTO_BODIES)
def test_auto_reply_bodies_count_when_they_arrive_within_minutes(body: str) -> None:
    assert automatic_kind("Re: Offer", body, SOON, OURS) is Automatic.auto_reply
    # A person who writes the same words a day later is a person.
    assert automatic_kind("Re: Offer", body, LATER, OURS) is None


def test_bounce_body_from_the_mailer_daemon() -> None:
    body = "This is the mail system at host mx.example.com. Your message could not be delivered to jamie@acme.com."
    assert automatic_kind("Returned", body, SOON, OURS) is Automatic.bounce


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Re: Renewal quote", "Thanks, the numbers look fine. Go ahead."),
        ("Re: absence management module", "Can you show us the absence module?"),
        ("Vacation policy question", "Quick question on the HR module."),
    ],
)
def test_people_are_not_robots(subject: str, body: str) -> None:
    assert automatic_kind(subject, body, SOON, OURS) is None
