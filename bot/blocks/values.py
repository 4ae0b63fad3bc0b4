"""What buttons carry, as typed models: built by the blocks, parsed back by the listeners.

A button value comes back from Slack verbatim, but it may have been written by an older
release, clipped, or forged by a signed tool. Anything that does not parse into its model
is `ExpiredButton`, which the listeners answer with "this button has expired".
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError

QUERY_LIMIT = 1500  # a button value holds at most 2,000 characters


class ExpiredButton(ValueError):
    """A button value that does not parse (old, clipped or garbage)."""


class ButtonValue(BaseModel):
    """Short JSON keys: Slack keeps at most 2,000 characters per value."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def encode(self) -> str:
        return self.model_dump_json(by_alias=True, exclude_none=True)

    @classmethod
    def decode(cls, value: object) -> Self:
        if not isinstance(value, str):
            raise ExpiredButton(f"{cls.__name__}: no value")
        try:
            return cls.model_validate_json(value)
        except ValidationError as exc:
            raise ExpiredButton(f"{cls.__name__}: {exc.error_count()} error(s)") from None


class CardButton(ButtonValue):
    """The card's Regenerate, History and Retry: which contact, and the workspace that owns
    the card (a click from another workspace must not replace it)."""

    contact_id: str = Field(alias="c", min_length=1)
    team_id: str | None = Field(default=None, alias="w")


class Choice(ButtonValue):
    """What a picker button carries: the contact and, for shortcuts, the thread to answer in."""

    contact_id: str = Field(alias="c", min_length=1)
    thread_ts: str | None = Field(default=None, alias="t")


RetryKind = Literal["lookup", "command", "history", "message"]


class RetryRequest(ButtonValue):
    """Retry after a CRM failure: enough to repeat the command, shortcut, card or history."""

    query: str | None = Field(default=None, alias="q", max_length=QUERY_LIMIT)
    contact_id: str | None = Field(default=None, alias="c", min_length=1)
    thread_ts: str | None = Field(default=None, alias="t")
    kind: RetryKind = Field(default="lookup", alias="k")


class VoteButton(ButtonValue):
    """ "Accurate?" 👍 / 👎 (issue 12): which contact, which version."""

    contact_id: str = Field(alias="c", min_length=1)
    version: int = Field(alias="v", ge=1, strict=True)


class ReviewButton(ButtonValue):
    """Keep / Clear a team correction that new data contradicts (issue 12)."""

    contact_id: str = Field(alias="c", min_length=1)
    field: str = Field(alias="f", min_length=1)


class MenuChoice(ButtonValue):
    """An option of the card's "⋯" menu: which item, for which contact."""

    key: str = Field(alias="m", min_length=1)
    contact_id: str = Field(alias="c", min_length=1)
