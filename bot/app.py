"""Builds the Bolt app: the Web API client, the listeners, and an error handler of last resort."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.admins import Admins
from bot.flows.correctors import Correctors
from bot.flows.deps import Deps
from bot.listeners import register_listeners
from bot.slack_client import build_client, close_client, shared_client

if TYPE_CHECKING:
    from persona_bot.service import PersonaService

log = logging.getLogger(__name__)


class PersonaApp(AsyncApp):
    """Bolt's app plus the Web API client the listeners share (one keep-alive aiohttp session).

    Bolt itself keeps a session-less client: it copies that client into every request's
    context, and a copy holding a live session can't be deep-copied for lazy listeners.
    """

    def __init__(self, shared: AsyncWebClient, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shared_client = shared

    async def aclose(self) -> None:
        await close_client(self.shared_client)


class ShareClient(AsyncMiddleware):
    """Listeners get the shared client, so their API calls reuse open connections. A middleware
    class: Bolt calls it as it is, without inspecting a function's arguments on every request."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse:
        req.context["client"] = self.client
        return await next()


def build_app(
    service: PersonaService,
    *,
    token: str,
    signing_secret: str,
    api_url: str,
    correctors: Correctors | None = None,
    admins: Admins | None = None,
) -> PersonaApp:
    app = PersonaApp(
        shared_client(token, api_url),
        client=build_client(token, api_url),
        signing_secret=signing_secret,
        request_verification_enabled=bool(signing_secret),  # Socket Mode has no secret
        name="persona-bot",
    )

    app.use(ShareClient(app.shared_client))
    register_listeners(app, Deps(service, correctors=correctors or Correctors(), admins=admins or Admins()))

    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> None:
        """Anything a listener did not handle: log it; Slack gets a plain 200/500, no trace."""
        log.error("unhandled %s for %s", type(error).__name__, body.get("type"), exc_info=error)

    return app
