"""`persona-bot generate QUERY --blocks`: the card's Block Kit JSON, no workspace needed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.blocks.card import persona_card
from persona.models import Persona

if TYPE_CHECKING:
    from persona_bot.service import PersonaResult


def persona_blocks(result_or_persona: PersonaResult | Persona, **card: Any) -> list[dict[str, Any]]:
    """Exactly the blocks the bot would post (validated by slack_sdk's models)."""
    if isinstance(result_or_persona, Persona):
        return persona_card(result_or_persona, **card).block_dicts()
    card.setdefault("version", result_or_persona.stored.version)
    card.setdefault("team_id", result_or_persona.stored.key.team_id)
    return persona_card(result_or_persona.persona, **card).block_dicts()
