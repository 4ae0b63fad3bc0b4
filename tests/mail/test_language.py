"""The contact's language is identified by py3langid over their own words."""

from __future__ import annotations

import pytest

from persona.mail.language import identify


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Sehr geehrter Herr Carter, vielen Dank für Ihr Angebot. Wir melden uns."], "de"),
        (["Bonjour Monsieur, je vous remercie pour votre proposition."], "fr"),
        (["Estimado Sr. Carter: le agradezco la propuesta."], "es"),
        (["Olá Sam, obrigado pela proposta, vamos analisar."], "pt"),
        (["Gentile Dott. Carter, la ringrazio per l'offerta."], "it"),
        (["Beste Sam, bedankt voor het aanbod, we komen erop terug."], "nl"),
        (["Thanks Sam, the numbers look fine, go ahead."], "en"),
        (["Dzień dobry, dziękuję za ofertę. Proszę o przesłanie umowy."], "pl"),
    ],
)
def test_languages(texts: list[str], expected: str) -> None:
    assert identify(texts) == expected


def test_too_little_text_is_not_guessed() -> None:
    assert identify(["ok", "👍"]) is None
    assert identify([]) is None
