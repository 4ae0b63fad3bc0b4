"""HubSpot stores email, note, call and meeting bodies as HTML; personas read plain text."""

from __future__ import annotations

from crm.html import html_to_text

__all__ = ["html_to_text"]
