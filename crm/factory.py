"""Builds the adapter the settings ask for."""

from __future__ import annotations

from crm.base import CrmAdapter
from crm.demo import demo_adapter
from crm.json_file import JsonFileAdapter
from persona_bot.settings import Settings


def build_adapter(settings: Settings) -> CrmAdapter:
    # Settings guarantees CRM_ADAPTER=json comes with CRM_JSON_PATH; a path alone means json too.
    if settings.crm_json_path is not None and settings.crm_adapter in ("json", "demo"):
        return JsonFileAdapter(settings.crm_json_path)
    if settings.crm_adapter == "hubspot":
        from crm.hubspot import HubSpotAdapter  # only loaded when asked for

        return HubSpotAdapter.from_settings(settings)
    return demo_adapter()
