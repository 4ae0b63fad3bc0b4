"""Fixtures for generator tests: the fake OpenAI server and settings pointing at it."""

from tests.fakes.openai_fixtures import fake_openai, openai_settings

__all__ = ["fake_openai", "openai_settings"]
