"""Hypothesis settings for the fuzz suite: derandomized (the same examples on every run and
machine) and bounded, so the whole suite stays well under a minute."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    derandomize=True,
    database=None,  # nothing written to .hypothesis/; failures reproduce from the seed
    deadline=None,  # a busy CI machine must not turn slowness into failures
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("fuzz")

# The real server against the fake Slack, for the HTTP fuzz tests.
from tests.slack.fixtures import bare, harness, slack  # noqa: E402

__all__ = ["bare", "harness", "slack"]
