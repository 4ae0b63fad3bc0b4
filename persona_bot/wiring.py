"""Builders: the CRM adapter, the generator and the text embedder, made from `Settings`.

The one place that reads configuration for the layers below (crm/, persona/, storage/ take
plain constructor values and never import persona_bot), and the one place secrets are
unwrapped for them. `open_service` calls these; tests and benches may too.
"""

from __future__ import annotations

import logging
from typing import TypedDict

from crm.base import CrmAdapter
from crm.demo import demo_adapter
from crm.json_file import JsonFileAdapter
from persona.embeddings import LocalEmbedder, OpenAIEmbedder, TextEmbedder
from persona.generators.base import PersonaGenerator
from persona.generators.chain import FallbackGenerator
from persona.generators.openai_gen import OpenAIGenerator
from persona.generators.signals_gen import SignalsGenerator
from persona_bot.settings import Settings

log = logging.getLogger(__name__)


def build_adapter(settings: Settings) -> CrmAdapter:
    """The CRM the settings name (their validator guarantees what each one needs)."""
    # CRM_ADAPTER=json comes with CRM_JSON_PATH; a path alone means json too.
    if settings.crm_json_path is not None and settings.crm_adapter in ("json", "demo"):
        return JsonFileAdapter(settings.crm_json_path)
    if settings.crm_adapter == "hubspot":
        from crm.hubspot import HubSpotAdapter  # only loaded when asked for

        return HubSpotAdapter(
            settings.hubspot_token,
            settings.hubspot_api_url,
            max_engagements=settings.hubspot_max_engagements,
        )
    return demo_adapter()


class _OpenAIServer(TypedDict):
    base_url: str | None
    timeout: float
    max_retries: int


def _openai_server(settings: Settings) -> _OpenAIServer:
    """How to reach the OpenAI-compatible server: the same for chat and embeddings."""
    return {
        "base_url": settings.openai_base_url,
        "timeout": settings.openai_timeout_seconds,
        "max_retries": settings.openai_max_retries,
    }


def openai_generator(settings: Settings) -> OpenAIGenerator:
    """The language-model generator alone (ValueError without OPENAI_API_KEY)."""
    return OpenAIGenerator(
        settings.openai_key, model=settings.persona_model, prices=settings.persona_prices, **_openai_server(settings)
    )


def build_generator(settings: Settings) -> PersonaGenerator:
    """The model (with fallback) when an API key is set; otherwise offline signals only."""
    if settings.openai_key:
        return FallbackGenerator(openai_generator(settings))
    return SignalsGenerator()


def openai_embedder(settings: Settings) -> OpenAIEmbedder:
    """OpenAI's embeddings endpoint (ValueError without OPENAI_API_KEY)."""
    return OpenAIEmbedder(
        settings.openai_key,
        model=settings.persona_embedding_model,
        dimensions=settings.persona_embedding_dimensions,
        **_openai_server(settings),
    )


def build_embedder(settings: Settings) -> TextEmbedder | None:
    """The embedder the settings ask for, or None (behavior vectors alone)."""
    has_key = bool(settings.openai_key)
    choice = settings.persona_embeddings
    if choice == "off" or (choice == "auto" and not has_key):
        return None
    if choice == "local":
        return LocalEmbedder()
    if not has_key:
        log.warning("PERSONA_EMBEDDINGS=openai but OPENAI_API_KEY is not set: no text embeddings")
        return None
    return openai_embedder(settings)
