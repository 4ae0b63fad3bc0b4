"""All configuration in one place, read from the environment and `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # Language model (optional: without a key the bot runs offline on signals alone).
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    persona_model: str = "gpt-4o-mini"
    openai_timeout_seconds: float = Field(default=30.0, gt=0)
    openai_max_retries: int = Field(default=2, ge=0)
    # USD per million tokens, e.g. {"my-model": {"input": 0.1, "output": 0.4}}; merged over
    # the built-in table.
    persona_prices: dict[str, dict[str, float]] = Field(default_factory=dict)

    # Similar contacts (issue 7): optional text embeddings, blended with the behavior vectors.
    # auto: OpenAI when an API key is set, else none; local: the persona-bot[embeddings] extra.
    persona_embeddings: Literal["auto", "openai", "local", "off"] = "auto"
    persona_embedding_model: str = "text-embedding-3-small"
    persona_embedding_dimensions: int | None = Field(default=None, ge=1)
    similar_text_weight: float = Field(default=0.25, ge=0, le=1)

    # CRM source.
    crm_adapter: Literal["demo", "json", "hubspot"] = "demo"
    crm_json_path: Path | None = None
    hubspot_access_token: SecretStr | None = None
    hubspot_api_url: str = "https://api.hubapi.com"
    hubspot_max_engagements: int = Field(default=2000, ge=1)

    # Storage.
    database_url: str | None = None  # default: SQLite file in the user's data directory
    persona_retention_days: int | None = Field(default=None, ge=1)

    # Slack.
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    port: int = 3000
    # Issue 12: who may correct personas (Slack user ids U…/W… and user groups S…, comma
    # separated); empty: any member of the workspace.
    persona_correctors: str = ""

    # Who may record an objection or erase a contact from Slack (issue 16): Slack user ids
    # (U…/W…) and/or user-group ids (S…), comma-separated. Empty: nobody (the CLI still may).
    persona_admins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("persona_admins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value
