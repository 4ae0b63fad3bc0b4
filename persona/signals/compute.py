"""compute_signals: every rule module run over one history (loaded by persona.signals on
first use, so that code needing only SIGNALS_VERSION does not import the rules)."""

from __future__ import annotations

from crm.models import History
from persona.models import Signals
from persona.signals.budget import budget
from persona.signals.channel import preferred_channel
from persona.signals.decision import decision_speed
from persona.signals.facts import Facts
from persona.signals.formality import formality
from persona.signals.price import price_sensitivity
from persona.signals.responsiveness import responsiveness
from persona.signals.seasonality import seasonality
from persona.signals.timing import best_time
from persona.signals.trend import engagement_trend


def compute_signals(history: History) -> Signals:
    facts = Facts.of(history)
    responsive, reply_numbers, by_channel = responsiveness(facts)
    speed, median_cycle = decision_speed(facts)
    price, mean_discount = price_sensitivity(facts)
    budget_signal, budget_detail = budget(facts)
    time_signal, time_detail = best_time(facts)
    return Signals(
        preferred_channel=preferred_channel(facts),
        formality=formality(facts),
        responsiveness=responsive,
        decision_speed=speed,
        price_sensitivity=price,
        seasonality=seasonality(facts),
        budget=budget_signal,
        best_time=time_signal,
        engagement_trend=engagement_trend(facts),
        median_reply_hours=reply_numbers["median_reply_hours"],
        unanswered_share=reply_numbers["unanswered_share"],
        chasers_per_outreach=reply_numbers["chasers_per_outreach"],
        median_cycle_days=median_cycle,
        mean_discount_percent=mean_discount,
        answers_on=by_channel.answers_on,
        ignores=by_channel.ignores,
        budget_detail=budget_detail,
        best_time_detail=time_detail,
    )
