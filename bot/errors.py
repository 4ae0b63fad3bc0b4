"""Errors the Slack app raises to its callers (the CLI turns them into exit codes)."""

from __future__ import annotations


class ConfigError(Exception):
    """Required configuration is missing; the message names the variable and where to get it."""
