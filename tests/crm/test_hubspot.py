"""The HubSpot adapter against a fake HubSpot over real sockets, through its public interface."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from crm.errors import ContactNotFound, CrmAuthError, CrmError
from crm.hubspot import HubSpotAdapter, RetryPolicy
from crm.models import DealStatus, Direction, History, InteractionType
from persona_bot.settings import ConfigError, Settings
from persona_bot.wiring import build_adapter
from tests.fakes.hubspot import FakeHubSpot, Fault

FAST = RetryPolicy(max_retries=3, backoff_base=0.01, backoff_max=0.05, max_wait=5)
T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@pytest.fixture
async def fake() -> AsyncIterator[FakeHubSpot]:
    server = FakeHubSpot()
    await server.start()
    yield server
    await server.close()


def make_adapter(fake: FakeHubSpot, **kwargs: object) -> HubSpotAdapter:
    options: dict[str, object] = {"retry": FAST, "timeout": 2.0, **kwargs}
    return HubSpotAdapter(fake.token, fake.url, **options)  # type: ignore[arg-type]


@pytest.fixture
async def adapter(fake: FakeHubSpot) -> AsyncIterator[HubSpotAdapter]:
    hub = make_adapter(fake)
    yield hub
    await hub.aclose()


def add_contact(fake: FakeHubSpot, first: str, last: str, company: str | None = None, email: str | None = None) -> str:
    return fake.add(
        "contacts",
        {
            "firstname": first,
            "lastname": last,
            "company": company,
            "email": email,
            "jobtitle": "Head of Ops",
            "phone": "+1 555 0100",
        },
    )


def seed_full_history(fake: FakeHubSpot) -> str:
    """One contact with every object type, including odd and missing values."""
    ana = add_contact(fake, "Ana", "Souza", "Acme Corp", "ana@acme.example")
    me = ("contacts", ana)
    fake.add(
        "emails",
        {
            "hs_timestamp": iso(T0),
            "hs_email_direction": "EMAIL",
            "hs_email_subject": "Proposal",
            "hs_email_text": "Hi Ana, attached.",
            "hs_email_status": "SENT",
            "hs_email_thread_id": "t-1",
        },
        to=me,
    )
    fake.add(
        "emails",
        {
            "hs_timestamp": iso(T0 + timedelta(hours=3)),
            "hs_email_direction": "INCOMING_EMAIL",
            "hs_email_subject": "Re: Proposal",
            "hs_email_html": "<p>Thanks!</p><p>Looks <b>good</b>&nbsp;to me.</p>",
            "hs_email_thread_id": "t-1",
        },
        to=me,
    )
    fake.add(
        "emails",
        {
            "hs_timestamp": iso(T0 + timedelta(days=1)),
            "hs_email_direction": "FORWARDED_EMAIL",
            "hs_email_subject": "Fwd",
        },
        to=me,
    )
    fake.add("emails", {"hs_timestamp": iso(T0 + timedelta(days=2)), "hs_email_direction": "SOMETHING_NEW"}, to=me)
    fake.add(
        "calls",
        {
            "hs_timestamp": iso(T0 + timedelta(days=3)),
            "hs_call_direction": "INBOUND",
            "hs_call_duration": "125400",
            "hs_call_disposition": "f240bbac-87c9-4f6e-bf70-924b57d47db7",
            "hs_call_title": "Intro call",
            "hs_call_body": "<div>Discussed pricing</div>",
        },
        to=me,
    )
    for offset, guid in enumerate(
        [
            "73a0d17f-1163-4015-bdd5-ec830791da20",
            "b2cf5968-551e-4856-9783-52b3da59a7d0",
            "9d9162e7-6cf3-4944-bf63-4dff82258764",
            "17b47fee-58de-441e-a44c-c6300d46f273",
        ]
    ):
        fake.add(
            "calls",
            {
                "hs_timestamp": iso(T0 + timedelta(days=4, hours=offset)),
                "hs_call_direction": "OUTBOUND",
                "hs_call_disposition": guid,
                "hs_call_duration": "0",
            },
            to=me,
        )
    fake.add(
        "calls",
        {
            "hs_timestamp": iso(T0 + timedelta(days=5)),
            "hs_call_duration": "abc",
            "hs_call_disposition": "custom-outcome-guid",
            "hs_call_status": "NO_ANSWER",
        },
        to=me,
    )
    fake.add(
        "meetings",
        {
            "hs_timestamp": iso(T0 + timedelta(days=6)),
            "hs_meeting_start_time": iso(T0 + timedelta(days=6, hours=1)),
            "hs_meeting_end_time": iso(T0 + timedelta(days=6, hours=1, minutes=45)),
            "hs_meeting_outcome": "NO_SHOW",
            "hs_meeting_title": "Demo",
            "hs_meeting_body": "<ul><li>Agenda</li></ul>",
        },
        to=me,
    )
    fake.add(
        "notes",
        {
            "hs_timestamp": "1710000000000",  # epoch ms, as older records have
            "hs_note_body": "<p>Prefers <i>email</i>.<br>Budget &amp; timing: Q2</p><script>x()</script>",
        },
        to=me,
    )
    # No usable timestamp anywhere: skipped, not a crash.
    fake.add("notes", {"hs_timestamp": "not a date", "hs_createdate": "", "hs_note_body": "x"}, to=me)
    won = fake.add(
        "deals",
        {
            "dealname": "Acme renewal",
            "amount": "24000.50",
            "dealstage": "closedwon",
            "createdate": iso(T0),
            "closedate": iso(T0 + timedelta(days=20)),
            "hs_is_closed_won": "true",
            "hs_is_closed": "true",
            "deal_currency_code": "EUR",
        },
        to=me,
    )
    fake.add(
        "line_items",
        {
            "name": "Platform licence",
            "quantity": "2",
            "price": "10000",
            "amount": "18000",
            "hs_discount_percentage": "10",
        },
        to=("deals", won),
    )
    fake.add("line_items", {"name": "Onboarding", "price": "6000.50", "quantity": None}, to=("deals", won))
    fake.add("line_items", {"name": "Broken", "price": "n/a"}, to=("deals", won))
    fake.add(
        "deals",
        {
            "dealname": "Acme expansion",
            "amount": "9000",
            "dealstage": "closedlost",
            "createdate": iso(T0 + timedelta(days=30)),
            "closedate": iso(T0 + timedelta(days=40)),
            "hs_is_closed_won": "false",
            "hs_is_closed": "true",
        },
        to=me,
    )
    fake.add(
        "deals",
        {
            "dealname": "Acme pilot",
            "amount": "-5",
            "dealstage": "qualifiedtobuy",
            "createdate": iso(T0 + timedelta(days=50)),
            "closedate": "",
            "hs_is_closed_won": "false",
            "hs_is_closed": "false",
        },
        to=me,
    )
    fake.add(
        "deals", {"dealname": "Legacy", "dealstage": "closedwon", "createdate": iso(T0 + timedelta(days=60))}, to=me
    )
    return ana


# ----- search -----


async def test_find_by_email_returns_the_exact_contact(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ana = add_contact(fake, "Ana", "Souza", "Acme Corp", "ana@acme.example")
    add_contact(fake, "Ana", "Lima", "Acme Corp", "ana.lima@acme.example")
    found = await adapter.find("ANA@acme.example")
    assert [c.id for c in found] == [ana]
    assert found[0].email == "ana@acme.example"
    assert found[0].title == "Head of Ops"
    sent = fake.calls_to("/contacts/search")[-1].body
    assert sent["filterGroups"] == [
        {"filters": [{"propertyName": "email", "operator": "EQ", "value": "ana@acme.example"}]}
    ]


async def test_find_by_name_returns_several_matches_for_the_picker(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    souza = add_contact(fake, "Ana", "Souza", "Acme Corp")
    lima = add_contact(fake, "Ana", "Lima", "Globex")
    add_contact(fake, "Bruno", "Costa", "Acme Corp")
    found = await adapter.find("ana")
    assert {c.id for c in found} == {souza, lima}
    assert all(c.name.startswith("Ana ") for c in found)


async def test_find_full_name_prefers_the_exact_person(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    souza = add_contact(fake, "Ana", "Souza", "Acme Corp")
    add_contact(fake, "Ana", "Lima", "Globex")
    add_contact(fake, "Bruno", "Souza", "Initech")
    found = await adapter.find("Ana Souza")
    assert [c.id for c in found] == [souza]
    reversed_order = await adapter.find("souza ana")
    assert [c.id for c in reversed_order] == [souza]


async def test_find_by_company_and_by_partial_word(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ana = add_contact(fake, "Ana", "Souza", "Acme Corp")
    bruno = add_contact(fake, "Bruno", "Costa", "Acme Corp")
    add_contact(fake, "Carla", "Dias", "Globex")
    assert {c.id for c in await adapter.find("acme")} == {ana, bruno}
    assert [c.id for c in await adapter.find("Cost")] == [bruno]
    assert await adapter.find("nobody-here") == []
    assert await adapter.find("   ") == []


async def test_contact_without_a_name_is_named_by_email(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ident = fake.add("contacts", {"email": "lead@unknown.example"})
    found = await adapter.find("lead@unknown.example")
    assert found[0].id == ident
    assert found[0].name == "lead@unknown.example"
    assert found[0].company is None


async def test_list_contacts_follows_pages(fake: FakeHubSpot) -> None:
    fake.list_page_size = 2
    ids = [add_contact(fake, f"P{i}", "Person") for i in range(5)]
    hub = make_adapter(fake)
    try:
        assert [c.id for c in await hub.list_contacts()] == ids
        assert len(fake.calls_to("/crm/v3/objects/contacts")) == 3
    finally:
        await hub.aclose()
    capped = make_adapter(fake, max_contacts=3)
    try:
        assert [c.id for c in await capped.list_contacts()] == ids[:3]
    finally:
        await capped.aclose()


# ----- history mapping -----


async def test_history_maps_every_object_type(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ana = seed_full_history(fake)
    history = await adapter.history(ana)

    assert history.contact.name == "Ana Souza"
    assert history.contact.company == "Acme Corp"
    assert not history.truncated and history.total_interactions is None
    times = [i.timestamp for i in history.interactions]
    assert times == sorted(times)
    by_type = {t: [i for i in history.interactions if i.type is t] for t in InteractionType}

    emails = by_type[InteractionType.email]
    assert [e.direction for e in emails] == [
        Direction.outbound,
        Direction.inbound,
        Direction.inbound,
        Direction.outbound,
    ]
    assert emails[0].subject == "Proposal" and emails[0].body == "Hi Ana, attached."
    assert emails[0].outcome == "sent" and emails[0].thread_id == "t-1"
    assert emails[1].body == "Thanks!\n\nLooks good to me."
    assert emails[2].body is None and emails[3].subject is None

    calls = by_type[InteractionType.call]
    assert calls[0].direction is Direction.inbound
    assert calls[0].duration_seconds == 125
    assert calls[0].outcome == "connected"
    assert calls[0].subject == "Intro call" and calls[0].body == "Discussed pricing"
    assert [c.outcome for c in calls[1:5]] == ["no_answer", "voicemail", "busy", "wrong_number"]
    assert all(c.direction is Direction.outbound for c in calls[1:])
    assert calls[5].duration_seconds is None  # "abc" is not a duration
    assert calls[5].outcome == "no_answer"  # custom disposition: falls back to the call status

    (meeting,) = by_type[InteractionType.meeting]
    assert meeting.timestamp == T0 + timedelta(days=6, hours=1)
    assert meeting.duration_seconds == 45 * 60
    assert meeting.outcome == "no_show"
    assert meeting.subject == "Demo" and meeting.body == "Agenda"

    (note,) = by_type[InteractionType.note]  # the note without any timestamp is skipped
    assert note.timestamp == datetime.fromtimestamp(1_710_000_000, tz=UTC)
    assert note.body == "Prefers email.\nBudget & timing: Q2"

    deals = {d.name: d for d in history.deals}
    renewal = deals["Acme renewal"]
    assert renewal.status is DealStatus.won and renewal.amount == 24000.5
    assert renewal.currency == "EUR" and renewal.stage == "closedwon"
    assert renewal.closed_at == T0 + timedelta(days=20)
    assert renewal.discount_percent == pytest.approx(7.7, abs=0.01)  # 10% on 20000 of 26000.5
    assert deals["Acme expansion"].status is DealStatus.lost
    pilot = deals["Acme pilot"]
    assert pilot.status is DealStatus.open and pilot.amount is None and pilot.closed_at is None
    assert deals["Legacy"].status is DealStatus.won  # stage only, flags missing
    assert deals["Legacy"].amount is None and deals["Legacy"].currency == "USD"

    purchases = {p.product: p for p in history.purchases}
    assert set(purchases) == {"Platform licence", "Onboarding"}  # "Broken" has no price
    assert purchases["Platform licence"].amount == 18000
    assert purchases["Platform licence"].quantity == 2
    assert purchases["Onboarding"].amount == 6000.5 and purchases["Onboarding"].quantity == 1
    assert all(p.currency == "EUR" and p.timestamp == renewal.closed_at for p in purchases.values())


async def test_history_reads_only_the_needed_properties(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ana = seed_full_history(fake)
    await adapter.history(ana)
    notes = [r for r in fake.calls_to("/notes/batch/read")]
    assert notes and all("hs_note_body" in r.body["properties"] for r in notes)
    assert all("hs_email_html" not in r.body["properties"] for r in notes)
    assert not fake.calls_to("/line_items/batch/read")[0].body["properties"].count("hs_note_body")


async def test_unknown_contact_raises_contact_not_found(adapter: HubSpotAdapter) -> None:
    with pytest.raises(ContactNotFound):
        await adapter.history("999999")
    with pytest.raises(ContactNotFound):
        await adapter.history("not-an-id")


async def test_contact_with_no_history_is_empty(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ident = add_contact(fake, "Quiet", "Person")
    history = await adapter.history(ident)
    assert history == History(contact=history.contact)
    assert not fake.calls_to("/batch/read")


async def test_deleted_associated_objects_are_skipped(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ident = add_contact(fake, "Ana", "Souza")
    kept = fake.add("notes", {"hs_timestamp": iso(T0), "hs_note_body": "kept"}, to=("contacts", ident))
    fake.associations[("contacts", ident, "notes")].append("424242")  # gone: batch read 207
    history = await adapter.history(ident)
    assert [i.id for i in history.interactions] == [kept]


# ----- pagination and caps -----


async def test_history_follows_every_association_page_and_batches_by_100(
    fake: FakeHubSpot,
) -> None:
    fake.association_page_size = 40
    ident = add_contact(fake, "Busy", "Person")
    notes = [
        fake.add(
            "notes",
            {"hs_timestamp": iso(T0 + timedelta(minutes=i)), "hs_note_body": f"note {i}"},
            to=("contacts", ident),
        )
        for i in range(230)
    ]
    emails = [
        fake.add(
            "emails",
            {"hs_timestamp": iso(T0 + timedelta(hours=i)), "hs_email_direction": "EMAIL"},
            to=("contacts", ident),
        )
        for i in range(7)
    ]
    hub = make_adapter(fake)
    try:
        history = await hub.history(ident)
    finally:
        await hub.aclose()
    assert {i.id for i in history.interactions} == set(notes) | set(emails)
    note_pages = fake.calls_to(f"/contacts/{ident}/associations/notes")
    assert len(note_pages) == 6  # 230 / 40
    assert [r.query.get("after") for r in note_pages] == [None, "40", "80", "120", "160", "200"]
    batches = fake.calls_to("/notes/batch/read")
    assert sorted(len(r.body["inputs"]) for r in batches) == [30, 100, 100]


async def test_cap_keeps_the_most_recent_and_flags_truncation(fake: FakeHubSpot) -> None:
    ident = add_contact(fake, "Long", "History")
    stamps: dict[str, datetime] = {}
    for i in range(30):
        kind = ["emails", "calls", "meetings", "notes"][i % 4]
        moment = T0 + timedelta(days=(i * 7) % 30)  # shuffled against creation order
        stamps[fake.add(kind, {"hs_timestamp": iso(moment)}, to=("contacts", ident))] = moment
    hub = make_adapter(fake, max_engagements=10)
    try:
        history = await hub.history(ident)
    finally:
        await hub.aclose()
    newest = sorted(stamps, key=stamps.__getitem__, reverse=True)[:10]
    assert {i.id for i in history.interactions} == set(newest)
    assert history.truncated is True
    assert history.total_interactions == 30
    time_only = {"hs_timestamp", "hs_meeting_start_time"}
    reads = [r for r in fake.calls_to("/batch/read") if "/deals/" not in r.path]
    full = [r for r in reads if set(r.body["properties"]) != time_only]
    assert sum(len(r.body["inputs"]) for r in full) == 10  # bodies only for the kept ones
    assert sum(len(r.body["inputs"]) for r in reads if r not in full) == 30


# ----- limits and faults -----


async def test_independent_requests_overlap_within_the_concurrency_limit(
    fake: FakeHubSpot,
) -> None:
    ana = seed_full_history(fake)
    fake.latency = 0.02
    hub = make_adapter(fake, concurrency=3)
    try:
        history = await hub.history(ana)
    finally:
        await hub.aclose()
    assert len(history.interactions) == 12
    assert fake.max_in_flight == 3  # concurrent, and never more than the limit


async def test_429_with_retry_after_is_waited_out(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ana = add_contact(fake, "Ana", "Souza")
    fake.inject(Fault(429, "/contacts/search", headers={"Retry-After": "1"}))
    found = await adapter.find("Ana")
    assert [c.id for c in found] == [ana]
    assert len(fake.calls_to("/contacts/search")) == 2


async def test_429_with_hubspot_window_headers_is_retried(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ana = seed_full_history(fake)
    fake.inject(
        Fault(
            429,
            "/batch/read",
            times=2,
            headers={"X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "50"},
        )
    )
    history = await adapter.history(ana)
    assert len(history.interactions) == 12 and len(history.purchases) == 2


async def test_daily_limit_is_reported_not_waited(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    fake.inject(
        Fault(
            429,
            "/contacts/search",
            headers={"Retry-After": "3600"},
            body={
                "status": "error",
                "message": "You have reached your daily limit.",
                "errorType": "RATE_LIMIT",
                "policyName": "DAILY",
            },
        )
    )
    with pytest.raises(CrmError, match="rate limit"):
        await adapter.find("Ana")
    assert len(fake.calls_to("/contacts/search")) == 1


async def test_500_once_is_retried(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ana = seed_full_history(fake)
    fake.inject(Fault(500, "/associations/calls"))
    fake.inject(Fault(502, "/deals/batch/read"))
    history = await adapter.history(ana)
    assert len([i for i in history.interactions if i.type is InteractionType.call]) == 6
    assert len(history.deals) == 4
    assert len(fake.calls_to("/deals/batch/read")) == 2


async def test_persistent_5xx_gives_up_with_a_clear_error(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    fake.inject(Fault(503, "/contacts/search", times=10))
    with pytest.raises(CrmError, match="HubSpot is having trouble"):
        await adapter.find("Ana")
    assert len(fake.calls_to("/contacts/search")) == FAST.max_retries + 1


async def test_timeout_is_retried(fake: FakeHubSpot) -> None:
    ana = add_contact(fake, "Ana", "Souza")
    fake.inject(Fault(200, "/contacts/search", delay=0.5, body={"results": []}))
    hub = make_adapter(fake, timeout=0.2)
    try:
        assert [c.id for c in await hub.find("Ana")] == [ana]
    finally:
        await hub.aclose()


async def test_401_names_the_token_and_scope(fake: FakeHubSpot) -> None:
    hub = HubSpotAdapter("pat-na1-wrong", fake.url, retry=FAST)
    try:
        with pytest.raises(CrmAuthError) as caught:
            await hub.find("Ana")
    finally:
        await hub.aclose()
    message = str(caught.value)
    assert "the HubSpot token is invalid or lacks the scope crm.objects.contacts.read" in message
    assert "pat-na1-wrong" not in message
    assert len(fake.requests) == 1  # never retried


async def test_403_missing_scope_names_that_scope(fake: FakeHubSpot, adapter: HubSpotAdapter) -> None:
    ana = seed_full_history(fake)
    fake.denied_scopes["line_items"] = "crm.objects.line_items.read"
    with pytest.raises(CrmAuthError, match=r"lacks the scope crm\.objects\.line_items\.read"):
        await adapter.history(ana)


async def test_missing_token_is_refused_up_front() -> None:
    with pytest.raises(ConfigError, match=r"^HUBSPOT_ACCESS_TOKEN: not set, and CRM_ADAPTER=hubspot needs"):
        Settings.load(crm_adapter="hubspot", _env_file=None)


async def test_factory_builds_the_adapter_from_settings(fake: FakeHubSpot) -> None:
    ana = add_contact(fake, "Ana", "Souza", email="ana@acme.example")
    settings = Settings(
        crm_adapter="hubspot",
        hubspot_access_token=fake.token,  # type: ignore[arg-type]
        hubspot_api_url=fake.url,
        hubspot_max_engagements=5,
        _env_file=None,
    )  # type: ignore[call-arg]
    hub = build_adapter(settings)
    try:
        assert hub.name == "hubspot"
        assert [c.id for c in await hub.find("ana@acme.example")] == [ana]
    finally:
        await hub.aclose()


# ----- end to end -----

from persona.generators.signals_gen import build_persona  # noqa: E402
from persona.signals import compute_signals  # noqa: E402


async def test_persona_from_fake_hubspot(fake: FakeHubSpot) -> None:
    ana = seed_full_history(fake)
    for i in range(20):
        fake.add(
            "emails",
            {
                "hs_timestamp": iso(T0 + timedelta(days=70 + i)),
                "hs_email_direction": "INCOMING_EMAIL" if i % 2 else "EMAIL",
                "hs_email_text": "Thanks, sounds good.",
            },
            to=("contacts", ana),
        )
    hub = make_adapter(fake, max_engagements=25)
    try:
        history = await hub.history(ana)
    finally:
        await hub.aclose()
    assert history.truncated and history.total_interactions == 33

    signals = compute_signals(history)
    persona = build_persona(history, signals)
    assert persona.contact.id == ana
    assert persona.generator.name == "signals"
    assert persona.data_coverage.truncated is True
    assert persona.data_coverage.interactions == len(history.interactions)
    assert persona.data_coverage.deals == 4
    assert persona.signals.preferred_channel.value == "email"
