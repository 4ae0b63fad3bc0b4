"""The Slack fixtures (tests/slack/fixtures.py) for every test here."""

from tests.slack.fixtures import bare, harness, model_harness, openai, slack

__all__ = ["bare", "harness", "model_harness", "openai", "slack"]
