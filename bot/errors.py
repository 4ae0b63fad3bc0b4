"""Errors the Slack app raises to its callers (the CLI turns them into exit codes)."""

from __future__ import annotations

from persona_bot.config_errors import ConfigError  # the one configuration error type

__all__ = ["ConfigError"]
