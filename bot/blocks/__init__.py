"""Block Kit builders: `card` turns a persona into a message, `messages` the bot's other replies."""

from bot.blocks.base import Message
from bot.blocks.card import persona_card

__all__ = ["Message", "persona_card"]
