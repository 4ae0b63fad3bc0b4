"""What a persona was built from: counts and date range of the analyzed history."""

from __future__ import annotations

from collections import Counter

from crm.models import History
from persona.models import DataCoverage


def data_coverage(history: History) -> DataCoverage:
    stamps = [i.timestamp for i in history.interactions]
    stamps += [d.created_at for d in history.deals] + [p.timestamp for p in history.purchases]
    note = None
    if history.truncated:
        total = history.total_interactions
        seen = len(history.interactions)
        note = f"most recent {seen:,} of {total:,} interactions" if total else f"most recent {seen:,} interactions"
    return DataCoverage(
        interactions=len(history.interactions),
        by_type=dict(sorted(Counter(i.type.value for i in history.interactions).items())),
        deals=len(history.deals),
        purchases=len(history.purchases),
        first=min(stamps) if stamps else None,
        last=max(stamps) if stamps else None,
        truncated=history.truncated,
        note=note,
    )
