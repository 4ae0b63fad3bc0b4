"""Builders: the CRM adapter, the generator and the text embedder, made from `Settings`.

The one place that reads configuration for the layers below (crm/, persona/, storage/ take
plain constructor values and never import persona_bot), and the one place their secrets are
unwrapped. `open_service` calls these; tests and benches may too. What only some settings need
(the openai SDK, numpy for embeddings, the HubSpot client) is imported when it is built, so a
command that needs none of it starts light (bench/cli_startup.py).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypedDict

from persona_bot.settings import Settings

if TYPE_CHECKING:
    from crm.base import CrmAdapter
    from persona.embeddings import OpenAIEmbedder, TextEmbedder
    from persona.generators.base import PersonaGenerator
    from persona.generators.openai_gen import OpenAIGenerator
    from persona.generators.pacing import Pacer

log = logging.getLogger(__name__)


def build_adapter(settings: Settings) -> CrmAdapter:
    """The CRM the settings name (their validator guarantees what each one needs)."""
    # CRM_ADAPTER=json comes with CRM_JSON_PATH; a path alone means json too.
    if settings.crm_json_path is not None and settings.crm_adapter in ("json", "demo"):
        from crm.json_file import JsonFileAdapter

        return JsonFileAdapter(settings.crm_json_path)
    if settings.crm_adapter == "hubspot":
        from crm.hubspot import HubSpotAdapter

        return HubSpotAdapter(
            settings.hubspot_token,
            settings.hubspot_api_url,
            max_engagements=settings.hubspot_max_engagements,
        )
    from crm.demo import demo_adapter

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


def openai_generator(settings: Settings, *, pacer: Pacer | None = None) -> OpenAIGenerator:
    """The language-model generator alone (ValueError without OPENAI_API_KEY). A `pacer` (bulk
    runs) spaces its requests by the server's rate-limit headers."""
    from persona.generators.openai_gen import OpenAIGenerator

    return OpenAIGenerator(
        settings.openai_key,
        model=settings.persona_model,
        prices=settings.persona_prices,
        data=settings.persona_model_data,
        pacer=pacer,
        **_openai_server(settings),
    )


def build_generator(settings: Settings, *, pacer: Pacer | None = None) -> PersonaGenerator:
    """The model (with fallback) when an API key is set and PERSONA_MODEL_DATA allows it;
    otherwise offline signals only."""
    return _generator(settings, _uses_model(settings), pacer)


def lazy_generator(settings: Settings, *, pacer: Pacer | None = None) -> PersonaGenerator:
    """build_generator's generator, built when it first generates (open_service): a cached
    persona needs only its name and model, not the openai SDK or the signal rules."""
    from persona.generators.lazy import LazyGenerator

    uses_model = _uses_model(settings)
    name, model = ("openai", settings.persona_model) if uses_model else ("signals", None)
    return LazyGenerator(name, model, lambda: _generator(settings, uses_model, pacer))


def _uses_model(settings: Settings) -> bool:
    if not settings.openai_key:
        return False
    if settings.persona_model_data == "none":
        log.info("PERSONA_MODEL_DATA=none: the language model is off; signals only")
        return False
    return True


def _generator(settings: Settings, uses_model: bool, pacer: Pacer | None) -> PersonaGenerator:
    if not uses_model:
        from persona.generators.signals_gen import SignalsGenerator

        return SignalsGenerator()
    from persona.generators.chain import FallbackGenerator

    return FallbackGenerator(openai_generator(settings, pacer=pacer))


def openai_embedder(settings: Settings, *, fail_once: bool = False) -> OpenAIEmbedder:
    """OpenAI's embeddings endpoint (ValueError without OPENAI_API_KEY). `fail_once`: see
    OpenAIEmbedder."""
    from persona.embeddings import OpenAIEmbedder

    return OpenAIEmbedder(
        settings.openai_key,
        model=settings.persona_embedding_model,
        dimensions=settings.persona_embedding_dimensions,
        fail_once=fail_once,
        **_openai_server(settings),
    )


def build_embedder(settings: Settings) -> TextEmbedder | None:
    """The embedder the settings ask for, or None (behavior vectors alone)."""
    has_key = bool(settings.openai_key)
    choice = settings.persona_embeddings
    model_off = settings.persona_model_data == "none"  # nothing goes to a model server
    if choice == "off" or (choice == "auto" and (not has_key or model_off)):
        return None
    if choice == "local":
        from persona.embeddings import LocalEmbedder

        return LocalEmbedder()
    if not has_key:
        log.warning("PERSONA_EMBEDDINGS=openai but OPENAI_API_KEY is not set: no text embeddings")
        return None
    if model_off:
        log.warning("PERSONA_EMBEDDINGS=openai but PERSONA_MODEL_DATA=none: no text embeddings")
        return None
    return openai_embedder(settings, fail_once=choice == "auto")
