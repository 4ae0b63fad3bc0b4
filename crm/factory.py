"""Builds the adapter the settings ask for."""

from __future__ import annotations

from crm.base import CrmAdapter
from crm.demo import demo_adapter
from crm.errors import CrmError
from crm.json_file import JsonFileAdapter
from persona_bot.settings import Settings


def build_adapter(settings: Settings) -> CrmAdapter:
    if settings.crm_adapter == "json" or (settings.crm_json_path and settings.crm_adapter == "demo"):
        if settings.crm_json_path is None:
            raise CrmError("CRM_ADAPTER=json needs CRM_JSON_PATH (the export file to read)")
        return JsonFileAdapter(settings.crm_json_path)
    if settings.crm_adapter == "hubspot":
        from crm.hubspot import HubSpotAdapter  # only loaded when asked for

        return HubSpotAdapter.from_settings(settings)
    return demo_adapter()
