"""The Home view, the lookup options and the watch messages stay inside Slack's limits, and
CRM text in them is shown as text, whatever the data."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk.models.views import View

from bot.blocks.home import MAX_HOME_BLOCKS, home_view
from bot.blocks.lookup import contact_options
from bot.blocks.watch import refresh_reply, watcher_dm
from crm.models import Contact
from storage.records import PersonaKey
from storage.watches import RecentPersona, UserWatch
from tests.builders import card_persona

NOW = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
HOSTILE = "<!channel> *Mal* <https://evil.example|click>"


def _watch(n: int) -> UserWatch:
    key = PersonaKey(team_id="T1", crm="demo", contact_id=f"c{n}")
    return UserWatch(key=key, contact_name=f"{HOSTILE} {n}", since=NOW, changed_at=NOW, change="x" * 900)


def _recent(n: int) -> RecentPersona:
    persona = card_persona(name=f"Person {n}", company=HOSTILE, summary="long " * 400)
    return RecentPersona(
        key=PersonaKey(team_id="T1", crm="demo", contact_id=f"c{n}"), version=3, created_at=NOW, persona=persona
    )


def test_a_full_home_stays_under_100_blocks_and_validates() -> None:
    view = home_view([_watch(n) for n in range(500)], [_recent(n) for n in range(500)])
    data = view.to_dict()  # slack_sdk validates every block here
    assert len(data["blocks"]) <= MAX_HOME_BLOCKS
    View(**data).validate_json()
    text = str(data["blocks"])
    assert "<!channel>" not in text and "<https://evil" not in text
    assert "Showing the latest 30" in text


def test_an_empty_home_explains_what_to_do() -> None:
    text = str(home_view([], []).to_dict()["blocks"])
    assert "Nobody yet" in text and "None yet" in text and "open_lookup" in text


def test_options_are_capped_and_short() -> None:
    contacts = [Contact(id=f"c{n}", name="N" * 200, company="Acme", email="a@b.c") for n in range(150)]
    contacts.append(Contact(id="x" * 200, name="Long Id"))
    options = contact_options(contacts)
    assert len(options) == 100
    assert all(len(o["text"]["text"]) <= 75 for o in options)  # type: ignore[index]


def test_refresher_messages_escape_crm_text() -> None:
    reply = refresh_reply(3, 2, [f"Formality: formal → {HOSTILE}"] * 20)
    dm = watcher_dm(HOSTILE, 3, 2, ["Budget: small → large"], "https://x.slack.com/archives/C1/p1")
    for message in (reply, dm):
        kwargs = message.kwargs()
        assert "<!channel>" not in str(kwargs["blocks"])
    assert "…and 10 more" in reply.text and "<https://x.slack.com/archives/C1/p1|Open the thread>" in dm.text
