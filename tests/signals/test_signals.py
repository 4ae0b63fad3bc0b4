"""Each signal on constructed histories: every value, both directions, and abstention."""

from __future__ import annotations

from datetime import timedelta

import pytest

from persona.signals import compute_signals
from tests.builders import T0, deal, email_threads, history, msg, purchase

FORMAL = "Dear Mr. Jensen,\n\nThank you for the proposal. I would appreciate the revised terms.\n\nKind regards,\nAnna"
CASUAL = "hey! yeah that works for us, thx :) gonna loop in Sam"


# --- preferred channel -------------------------------------------------------------------


def test_channel_email_when_they_reply_by_email_even_if_we_call() -> None:
    calls = [msg("call", "outbound", T0 + timedelta(days=d), outcome="no_answer") for d in range(8)]
    h = history(email_threads(6, reply_after=timedelta(hours=3)) + calls)
    assert compute_signals(h).preferred_channel.value == "email"


def test_channel_phone_when_they_pick_up_and_we_email() -> None:
    emails = [msg("email", "outbound", T0 + timedelta(days=d), "Hello") for d in range(10)]
    calls = [
        msg("call", "outbound", T0 + timedelta(days=d, hours=1), outcome="connected", duration_seconds=900)
        for d in range(6)
    ]
    signal = compute_signals(history(emails + calls)).preferred_channel
    assert signal.value == "phone"
    assert set(signal.evidence) == {c.id for c in calls}


def test_channel_meeting_and_chat() -> None:
    meetings = [msg("meeting", "outbound", T0 + timedelta(days=7 * d), outcome="completed") for d in range(5)]
    one_email = [msg("email", "inbound", T0, "Confirmed.")]
    assert compute_signals(history(meetings + one_email)).preferred_channel.value == "meeting"
    chats = [msg("chat", "inbound", T0 + timedelta(days=d), "quick q: is the API live?") for d in range(5)]
    assert compute_signals(history(chats + one_email)).preferred_channel.value == "chat"


def test_channel_no_show_meetings_do_not_count() -> None:
    meetings = [msg("meeting", "outbound", T0 + timedelta(days=7 * d), outcome="no_show") for d in range(6)]
    assert compute_signals(history(meetings)).preferred_channel.value == "unknown"


def test_channel_unknown_when_thin_or_split() -> None:
    thin = [msg("email", "inbound", T0, "Thanks"), msg("email", "inbound", T0 + timedelta(days=1), "Ok")]
    assert compute_signals(history(thin)).preferred_channel.value == "unknown"
    split = [msg("email", "inbound", T0 + timedelta(days=d), "Hi") for d in range(3)]
    split += [msg("chat", "inbound", T0 + timedelta(days=d), "hi") for d in range(3)]
    assert compute_signals(history(split)).preferred_channel.value == "unknown"


# --- formality ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bodies", "expected"),
    [
        ([FORMAL] * 4, "formal"),
        ([CASUAL] * 4, "casual"),
        ([FORMAL, CASUAL, FORMAL, CASUAL, FORMAL, CASUAL], "mixed"),
        ([FORMAL, CASUAL], "unknown"),
        (["See attached.", "Noted.", "Please send the invoice to accounts."], "unknown"),
    ],
)
def test_formality(bodies: list[str], expected: str) -> None:
    items = [msg("email", "inbound", T0 + timedelta(days=d), b) for d, b in enumerate(bodies)]
    assert compute_signals(history(items)).formality.value == expected


def test_formality_ignores_what_we_wrote() -> None:
    ours = [msg("email", "outbound", T0 + timedelta(days=d), CASUAL) for d in range(6)]
    theirs = [msg("email", "inbound", T0 + timedelta(days=d, hours=2), FORMAL) for d in range(4)]
    assert compute_signals(history(ours + theirs)).formality.value == "formal"


# --- responsiveness ----------------------------------------------------------------------


def test_responsive_when_first_touch_answered_within_hours() -> None:
    s = compute_signals(history(email_threads(6, reply_after=timedelta(hours=2))))
    assert s.responsiveness.value == "responsive"
    assert s.median_reply_hours == 2.0
    assert s.unanswered_share == 0.0


def test_needs_follow_up_when_chasers_are_needed() -> None:
    s = compute_signals(history(email_threads(5, reply_after=timedelta(hours=5), chasers=2, every=timedelta(days=20))))
    assert s.responsiveness.value == "needs_follow_up"
    assert s.chasers_per_outreach == 2.0


def test_needs_follow_up_when_replies_are_days_late_or_missing() -> None:
    late = email_threads(4, reply_after=timedelta(days=6), every=timedelta(days=14))
    assert compute_signals(history(late)).responsiveness.value == "needs_follow_up"
    silent = email_threads(4, reply_after=None, chasers=2, every=timedelta(days=30))
    s = compute_signals(history(silent))
    assert s.responsiveness.value == "needs_follow_up"
    assert s.unanswered_share == 1.0


def test_responsiveness_unknown_when_thin_or_mixed() -> None:
    assert compute_signals(history(email_threads(2, reply_after=timedelta(hours=1)))).responsiveness.value == "unknown"
    quick = email_threads(3, reply_after=timedelta(hours=1))
    slow = email_threads(
        3, reply_after=timedelta(hours=2), chasers=2, start=T0 + timedelta(days=60), every=timedelta(days=20)
    )
    assert compute_signals(history(quick + slow)).responsiveness.value == "unknown"


# --- decision speed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cycles", "expected"),
    [
        ([5, 12, 9], "quick"),
        ([90, 120, 150], "deliberate"),
        ([7, 14], "quick"),
        ([10], "unknown"),  # one deal is not a pattern
        ([5, 150], "unknown"),  # disagreeing deals
        ([], "unknown"),
    ],
)
def test_decision_speed(cycles: list[int], expected: str) -> None:
    deals = [deal(c, start=T0 + timedelta(days=200 * k)) for k, c in enumerate(cycles)]
    assert compute_signals(history(deals=deals)).decision_speed.value == expected


def test_long_open_deals_count_as_deliberate() -> None:
    deals = [deal(None, status="open"), deal(100, start=T0 + timedelta(days=10))]
    late = [msg("email", "inbound", T0 + timedelta(days=200), "Still reviewing internally.")]
    assert compute_signals(history(late, deals=deals)).decision_speed.value == "deliberate"


# --- price sensitivity -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("discounts", "expected"),
    [
        ([20, 18, 25], "high"),
        ([8, 10], "medium"),
        ([0, 0, 2], "low"),
        ([20], "unknown"),
    ],
)
def test_price_from_discounts(discounts: list[float], expected: str) -> None:
    deals = [deal(10, discount=d) for d in discounts]
    assert compute_signals(history(deals=deals)).price_sensitivity.value == expected


def test_price_from_talk() -> None:
    pushy = [
        "Can you do better on the price? A competitor quoted us less.",
        "That is over our budget.",
        "We would need a discount to move forward.",
    ]
    items = [msg("email", "inbound", T0 + timedelta(days=d), b) for d, b in enumerate(pushy)]
    assert compute_signals(history(items)).price_sensitivity.value == "high"
    relaxed = ["Price is not the main concern, reliability is.", "We are happy to pay for premium support."]
    items = [msg("email", "inbound", T0 + timedelta(days=d), b) for d, b in enumerate(relaxed)]
    assert compute_signals(history(items)).price_sensitivity.value == "low"


def test_price_talk_by_our_reps_does_not_count() -> None:
    ours = [
        msg("email", "outbound", T0 + timedelta(days=d), "We can offer a 20% discount this month.") for d in range(5)
    ]
    assert compute_signals(history(ours)).price_sensitivity.value == "unknown"


# --- seasonality -------------------------------------------------------------------------


def _on(year: int, month: int):
    return T0.replace(year=year, month=month, day=15)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ([(2022, 11), (2023, 12), (2024, 10)], "Q4"),
        ([(2022, 2), (2023, 3), (2024, 1), (2024, 7)], "Q1"),
        ([(2023, 5), (2024, 4), (2025, 6)], "Q2"),
        ([(2023, 8), (2024, 8), (2025, 9)], "Q3"),
        ([(2024, 1), (2024, 4), (2024, 7), (2024, 10), (2025, 2)], "none"),
        ([(2024, 11)], "unknown"),  # one purchase is not a season
        ([(2024, 10), (2024, 11), (2024, 12)], "unknown"),  # one busy quarter in a single year
    ],
)
def test_seasonality(dates: list[tuple[int, int]], expected: str) -> None:
    purchases = [purchase(_on(y, m)) for y, m in dates]
    assert compute_signals(history(purchases=purchases)).seasonality.value == expected


# --- budget, best time, trend ------------------------------------------------------------


def test_budget_uses_won_deals_and_purchases() -> None:
    s = compute_signals(
        history(deals=[deal(10, amount=20_000), deal(12, amount=30_000), deal(5, status="lost", amount=90_000)])
    )
    assert s.budget_detail.typical_deal == 25_000
    assert "$25,000" in s.budget.value
    assert compute_signals(history(deals=[deal(10)])).budget.value == "unknown"


def test_best_time_window_and_days() -> None:
    items = [
        msg("email", "inbound", T0 + timedelta(days=7 * w + d, hours=h), "Noted.")
        for w in range(3)
        for d, h in [(1, 0), (2, 1)]
    ]  # Tue 09:00, Wed 10:00
    s = compute_signals(history(items))
    assert s.best_time.value.startswith("Tue–Wed, 09:00–11:00")
    scattered = [msg("email", "inbound", T0 + timedelta(days=d, hours=3 * d), "Ok") for d in range(8)]
    assert compute_signals(history(scattered)).best_time.value == "unknown"


def test_engagement_trend() -> None:
    early = [msg("email", "inbound", T0 + timedelta(days=d), "Hi") for d in range(0, 80, 10)]
    quiet_end = [msg("email", "outbound", T0 + timedelta(days=200), "Checking in")]
    assert compute_signals(history(early + quiet_end)).engagement_trend.value == "declining"
    late = [msg("email", "inbound", T0 + timedelta(days=d), "Hi") for d in range(120, 200, 10)]
    first = [msg("email", "outbound", T0, "Intro")]
    assert compute_signals(history(first + late)).engagement_trend.value == "rising"
    even = [msg("email", "inbound", T0 + timedelta(days=d), "Hi") for d in range(0, 200, 20)]
    assert compute_signals(history(even)).engagement_trend.value == "steady"


# --- abstention and scale ----------------------------------------------------------------


def test_empty_history_is_all_unknown_with_zero_confidence() -> None:
    s = compute_signals(history())
    for name in (
        "preferred_channel",
        "formality",
        "responsiveness",
        "decision_speed",
        "price_sensitivity",
        "seasonality",
        "budget",
        "best_time",
        "engagement_trend",
    ):
        signal = getattr(s, name)
        assert signal.value == "unknown", name
        assert signal.confidence == 0.0


def test_ten_thousand_interactions_are_handled_and_evidence_is_bounded() -> None:
    items = email_threads(5_000, reply_after=timedelta(hours=1), body=FORMAL, every=timedelta(hours=6))
    s = compute_signals(history(items))
    assert s.responsiveness.value == "responsive"
    assert s.formality.value == "formal"
    assert s.responsiveness.data_points == 5_000
    assert len(s.responsiveness.evidence) <= 25


def test_signals_are_deterministic() -> None:
    h = history(email_threads(5, reply_after=timedelta(hours=2), body=CASUAL), deals=[deal(5), deal(9)])
    assert compute_signals(h) == compute_signals(h)


def test_our_reply_that_ends_a_conversation_is_not_unanswered_outreach() -> None:
    items: list = []
    for k in range(5):  # they ask, we answer, the conversation ends; later we reach out, they answer fast
        at = T0 + timedelta(days=30 * k)
        items.append(msg("email", "inbound", at, "Could you send the updated invoice?"))
        items.append(msg("email", "outbound", at + timedelta(hours=1), "Attached, have a good day."))
        items.append(msg("email", "outbound", at + timedelta(days=25), "Hello, a quick question on next quarter."))
        items.append(msg("email", "inbound", at + timedelta(days=25, hours=3), "Sure, happy to help."))
    s = compute_signals(history(items))
    assert s.responsiveness.value == "responsive"
    assert s.unanswered_share == 0.0


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Is there any flexibility on pricing?", "high"),
        ("This is more than we budgeted for.", "high"),
        ("The price is a concern for us.", "high"),
        ("Honestly it's a bit pricey.", "high"),
        ("The price isn't the main concern, reliability is.", "low"),
        ("Cost doesn't really matter if it works.", "low"),
        ("Quality over price, always.", "low"),
        ("Money isn't an issue here.", "low"),
    ],
)
def test_price_talk_phrasings(phrase: str, expected: str) -> None:
    items = [msg("email", "inbound", T0 + timedelta(days=d), phrase) for d in range(3)]
    assert compute_signals(history(items)).price_sensitivity.value == expected
