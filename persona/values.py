"""The closed vocabularies of the persona's categorical fields, as plain typing Literals.

persona.models types its fields with them and persona.vocabulary lists their values; kept
apart from both so that listing the fields (`persona-bot --help`) needs no pydantic.
"""

from __future__ import annotations

from typing import Final, Literal

Channel = Literal["email", "phone", "meeting", "chat", "unknown"]
Formality = Literal["formal", "casual", "mixed", "unknown"]
Responsiveness = Literal["responsive", "needs_follow_up", "unknown"]
Speed = Literal["quick", "deliberate", "unknown"]
PriceSensitivity = Literal["high", "medium", "low", "unknown"]
Seasonality = Literal["Q1", "Q2", "Q3", "Q4", "none", "unknown"]
Trend = Literal["rising", "steady", "declining", "unknown"]

UNKNOWN: Final = "unknown"
