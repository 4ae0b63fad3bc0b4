"""HubSpot CRM adapter (`CRM_ADAPTER=hubspot`); see the README, section “HubSpot CRM” for setup."""

from crm.hubspot.adapter import HubSpotAdapter
from crm.hubspot.client import RetryPolicy

__all__ = ["HubSpotAdapter", "RetryPolicy"]
