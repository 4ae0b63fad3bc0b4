"""All configuration in one place, read from the environment and `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Self

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from persona_bot.config_errors import ConfigError, describe_settings_error, describe_validation_error

__all__ = ["ConfigError", "Settings"]


class Settings(BaseSettings):
    """Validated as a whole: `Settings.load()` turns any bad value into one ConfigError whose
    message starts with the variable's name (`PORT: ...`); the CLI prints it and exits 2.
    Settings that depend on each other are checked here too: the CRM source in the validator,
    the Slack credentials by `slack_credentials()` when the app starts. persona_bot.wiring turns
    them into adapters, generators and embedders; nothing below persona_bot reads them."""

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
    # What CRM data may go to the language model: none (model off even with a key), signals
    # (computed signals and counts, no message text), redacted (default: personal data
    # replaced by typed placeholders) or full. PERSONA_REDACT=off is read as `full`.
    persona_model_data: Literal["none", "signals", "redacted", "full"] = "redacted"
    persona_redact: bool | None = None

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

    # Watched contacts (issue 13): how often `serve` re-checks them (0: never; cron can run
    # `persona-bot refresh`), and the most personas one cycle may generate (the cost bound).
    persona_refresh_minutes: int = Field(default=60, ge=0)
    persona_refresh_max: int = Field(default=20, ge=0)

    # Slack.
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    port: int = Field(default=3000, ge=0, le=65535)  # 0: any free port
    # Issue 12: who may correct personas (Slack user ids U…/W… and user groups S…, comma
    # separated); empty: any member of the workspace.
    persona_correctors: str = ""

    # Issue 16: who may record an objection or erase a contact from Slack (Slack user ids U…/W…
    # and user groups S…, comma separated); empty: nobody (the CLI, for operators, still may).
    persona_admins: str = ""

    @model_validator(mode="after")
    def _redact_off_means_full(self) -> Self:
        """PERSONA_REDACT=off (issue 11's name) is `full` unless PERSONA_MODEL_DATA says otherwise."""
        if self.persona_redact is False and "persona_model_data" not in self.model_fields_set:
            self.persona_model_data = "full"
        return self

    @model_validator(mode="after")
    def _crm_source_is_complete(self) -> Self:
        if self.crm_adapter == "json" and self.crm_json_path is None:
            raise ValueError("CRM_JSON_PATH: not set, and CRM_ADAPTER=json needs the export file to read")
        if self.crm_adapter == "hubspot" and not self.hubspot_token:
            raise ValueError(
                "HUBSPOT_ACCESS_TOKEN: not set, and CRM_ADAPTER=hubspot needs a private app's access token "
                "(see the README, section “HubSpot CRM”)"
            )
        return self

    # Secrets as plain strings ("" when unset), for the builders in persona_bot.wiring: the one
    # place they are unwrapped.
    @property
    def openai_key(self) -> str:
        return _plain(self.openai_api_key)

    @property
    def hubspot_token(self) -> str:
        return _plain(self.hubspot_access_token)

    @property
    def slack_token(self) -> str:
        return _plain(self.slack_bot_token).strip()

    def slack_credentials(self) -> tuple[str, str, str | None]:
        """(bot token, signing secret, app token) for `persona-bot serve`, or ConfigError naming
        what is missing: only the Slack app needs them, so they are checked when it starts."""
        token = self.slack_token
        secret = _plain(self.slack_signing_secret).strip()
        app_token = _plain(self.slack_app_token).strip() or None
        if not token:
            raise ConfigError(
                "SLACK_BOT_TOKEN: not set. Create the app from manifest.yml at https://api.slack.com/apps, "
                "install it to your workspace, then copy the Bot User OAuth Token (xoxb-…) from "
                "OAuth & Permissions. See the README, section “Slack app”."
            )
        if not secret and not app_token:
            raise ConfigError(
                "SLACK_SIGNING_SECRET: not set. Copy it from your app's Basic Information → App "
                "Credentials → Signing Secret at https://api.slack.com/apps (or set SLACK_APP_TOKEN to use "
                "Socket Mode instead). See the README, section “Slack app”."
            )
        if app_token and not app_token.startswith("xapp-"):
            raise ConfigError(
                "SLACK_APP_TOKEN: must be an app-level token (xapp-…) with the connections:write "
                "scope, from Basic Information → App-Level Tokens. See the README, section “Slack app”."
            )
        return token, secret, app_token

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """The environment (and `.env`) plus `overrides`, or ConfigError naming the setting."""
        try:
            return cls(**overrides)
        except ValidationError as exc:
            raise ConfigError(describe_validation_error(exc, secret=_SECRET_FIELDS)) from None
        except ValueError as exc:  # pydantic-settings' SettingsError: a value it could not decode
            raise ConfigError(describe_settings_error(exc)) from None


_SECRET_FIELDS = frozenset(name for name, f in Settings.model_fields.items() if "SecretStr" in str(f.annotation))


def _plain(secret: SecretStr | None) -> str:
    return secret.get_secret_value() if secret else ""
