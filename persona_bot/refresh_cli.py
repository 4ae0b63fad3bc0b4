"""`persona-bot refresh [--dry-run]`: one refresh cycle, for people who run the bot from cron
rather than as a service (`persona-bot serve` runs the same cycle on a timer)."""

from __future__ import annotations

import sys

from persona_bot.refresh import Refresher
from persona_bot.service import open_service
from persona_bot.settings import Settings

NEEDS_TOKEN = (
    "SLACK_BOT_TOKEN is not set: the refresher posts what changed in Slack threads and DMs. "
    "Set it, or use --dry-run to only list the contacts that changed."
)


async def run_refresh(settings: Settings, *, dry_run: bool) -> int:
    token = settings.slack_token
    if not token and not dry_run:
        print(NEEDS_TOKEN, file=sys.stderr)
        return 2
    from persona_bot.slack_entry import slack_notifier

    notifier = slack_notifier()  # the Slack app's notifier (Slack's client only when posting)
    async with open_service(settings) as service:
        refresher = Refresher(
            service,
            notifier(token or "xoxb-dry-run", settings.slack_api_url),
            max_generations=settings.persona_refresh_max,
        )
        report = await refresher.run_cycle(dry_run=dry_run)
    if not report.ran:
        print("Another instance is refreshing right now; nothing done.", file=sys.stderr)
        return 0
    if dry_run:
        print(f"{len(report.candidates)} of {report.watched} watched contacts changed in the CRM:")
        for candidate in report.candidates:
            print(f"  {candidate}")
        if report.first_checks:
            print(f"{len(report.first_checks)} newly watched, to compare with their last persona:")
            for first in report.first_checks:
                print(f"  {first}")
        print(f"A cycle would generate at most {settings.persona_refresh_max} of them (PERSONA_REFRESH_MAX).")
        return 0
    print(report.summary())
    return 1 if report.failed else 0
