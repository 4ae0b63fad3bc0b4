"""Publishing a person's Home tab: two queries (their watches, the workspace's recent
personas) run together, then one views.publish."""

from __future__ import annotations

import asyncio

from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.home import MAX_RECENT, MAX_WATCHES, home_view
from bot.flows.deps import Deps


async def publish_home(deps: Deps, client: AsyncWebClient, team_id: str, user_id: str) -> None:
    service = deps.service
    crm = service.crm.name
    watches, recent = await asyncio.gather(
        service.watches.user_watches(team_id, crm, user_id, MAX_WATCHES + 1),
        service.watches.recent_personas(team_id, crm, MAX_RECENT + 1),
    )
    view = home_view(watches, recent)
    await client.views_publish(user_id=user_id, view=view.to_dict())
