"""Builds the Bolt app: the Web API client, the listeners, and an error handler of last resort."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.flows.deps import Deps
from bot.listeners import register_listeners
from bot.slack_client import build_client

if TYPE_CHECKING:
    from persona_bot.service import PersonaService

log = logging.getLogger(__name__)


def build_app(
    service: PersonaService, *, token: str, signing_secret: str, api_url: str
) -> AsyncApp:
    app = AsyncApp(
        client=build_client(token, api_url),
        signing_secret=signing_secret,
        request_verification_enabled=bool(signing_secret),  # Socket Mode has no secret
        name="persona-bot",
    )
    register_listeners(app, Deps(service))

    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> None:
        """Anything a listener did not handle: log it; Slack gets a plain 200/500, no trace."""
        log.error("unhandled %s for %s", type(error).__name__, body.get("type"), exc_info=error)

    return app
