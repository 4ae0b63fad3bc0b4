"""A long history of real-looking mail for the signal benchmark: every inbound email quotes the
message it answers (Gmail, Outlook, Apple Mail styles, several languages), carries a signature,
and some are auto-replies, so the stripping cost is measured, not skipped. Every body is
unique; subjects repeat within a thread (six messages), as they do in real mailboxes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crm.models import Contact, Deal, History, Interaction, Purchase

_REPLIES = (
    "Hi Sam,\n\nthanks for the update {k}. Could you send the revised quote before Friday?\n\nBest regards,",
    "Sehr geehrter Herr Carter,\n\nvielen Dank für Ihre Nachricht {k}. Wir melden uns.\n\nMit freundlichen Grüßen",
    "Bonjour Sam,\n\nmerci pour l'offre {k}, je reviens vers vous demain.\n\nCordialement,",
    "yep works for us {k}, thx!",
)
_HEADERS = (
    "On Tue, {d} at 10:12, Sam Carter <sam@vendor.com> wrote:",
    "-----Original Message-----\nFrom: Sam Carter <sam@vendor.com>\nSent: {d}\nTo: Jamie\nSubject: Offer {k}",
    "Am {d} schrieb Sam Carter <sam@vendor.com>:",
    "Le {d}, Sam Carter <sam@vendor.com> a écrit :",
)
_SIGNATURE = "Jamie Doe\nHead of Procurement | Acme Ltd\nTel: +44 20 7946 0958\nwww.acme.example"
_QUOTED = "> Dear Jamie,\n> please find attached our offer {k} with a 10% discount.\n> Kind regards,\n> Sam"


def real_mail_history(n: int) -> History:
    start = datetime(2021, 1, 4, 9, 0, tzinfo=UTC)
    items: list[Interaction] = []
    for k in range(n):
        at = start + timedelta(hours=9 * k)
        kind = k % 6
        if kind in (0, 3):
            items.append(
                Interaction(
                    id=f"i-{k}",
                    type="email",
                    direction="outbound",
                    timestamp=at,
                    subject=f"Offer {k // 6}",
                    body=f"Dear Jamie,\nplease find attached our offer {k}.\nKind regards,\nSam",
                )
            )
        elif kind == 4 and k % 4 == 0:
            items.append(
                Interaction(
                    id=f"i-{k}",
                    type="email",
                    direction="inbound",
                    timestamp=at - timedelta(hours=8, minutes=58),
                    subject=f"Automatic reply: Offer {k // 6}",
                    body="I am out of the office until Monday.",
                )
            )
        elif kind in (1, 4):
            body = _REPLIES[k % 4].format(k=k)
            header = _HEADERS[k % 4].format(d=at.date().isoformat(), k=k)
            items.append(
                Interaction(
                    id=f"i-{k}",
                    type="email",
                    direction="inbound",
                    timestamp=at,
                    subject=f"Re: Offer {k // 6}",
                    body=f"{body}\n{_SIGNATURE}\n\n{header}\n{_QUOTED.format(k=k)}",
                )
            )
        elif kind == 2:
            items.append(
                Interaction(
                    id=f"i-{k}",
                    type="call",
                    direction="outbound",
                    timestamp=at,
                    duration_seconds=600,
                    outcome="connected",
                    body=f"Discussed rollout {k}",
                )
            )
        else:
            items.append(Interaction(id=f"i-{k}", type="chat", direction="inbound", timestamp=at, body=f"ok {k} 👍"))
    deals = [
        Deal(
            id=f"d-{k}",
            name=f"Deal {k}",
            amount=20_000,
            currency="EUR",
            status="won" if k % 3 else "open",
            created_at=start + timedelta(days=60 * k),
            closed_at=start + timedelta(days=60 * k + 20),
            discount_percent=10.0,
        )
        for k in range(max(1, n // 100))
    ]
    purchases = [
        Purchase(id=f"p-{k}", timestamp=start + timedelta(days=30 * k), amount=1_000.0, currency="EUR", product="Seats")
        for k in range(max(1, n // 50))
    ]
    contact = Contact(id="c-1", name="Jamie Doe", email="jamie@acme.example", company="Acme Ltd")
    return History(contact=contact, interactions=items, deals=deals, purchases=purchases)
