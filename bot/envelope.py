"""The shape of a signed Slack request, checked before anything reads it.

Signed bodies come from Slack, but a bug, a replay tool or a leaked secret can still send
shapes Bolt's context builders and our listeners would trip over (`payload=[1]`, a `user`
that is a number). `parse_signed` turns any such body into `MalformedRequest` (a 400) and
hands back Bolt's request for everything else, with whether it may be acked at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from slack_bolt.request.async_request import AsyncBoltRequest

# Interactive payloads whose listeners all just ack (empty 200) and answer later.
ACK_EMPTY_PAYLOADS = frozenset({"block_actions", "message_action", "shortcut"})
# Other request kinds Slack sends that Bolt answers itself (with a body): dispatched to Bolt.
BOLT_ANSWERS = frozenset(
    {"url_verification", "event_callback", "view_submission", "view_closed", "block_suggestion", "app_rate_limited"}
)


class MalformedRequest(ValueError):
    """A signed body that is not a Slack request this app can read; the message is short."""


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Ref(_Shape):
    id: str


# Where the answer goes: an http(s) URL or nothing (Slack sends one with every command).
ResponseUrl = Annotated[str, Field(pattern=r"^https?://\S+$", max_length=2000)]


class _Action(_Shape):
    action_id: str
    value: str | None = None


class _Command(_Shape):
    command: str
    text: str = ""
    user_id: str
    team_id: str | None = None
    channel_id: str | None = None
    response_url: ResponseUrl


class _Interaction(_Shape):
    type: str
    user: _Ref
    team: _Ref | None = None
    channel: _Ref | None = None
    container: dict[str, Any] | None = None
    message: dict[str, Any] | None = None
    response_url: ResponseUrl | None = None


class _BlockActions(_Interaction):
    type: Literal["block_actions"]
    actions: list[_Action] = Field(min_length=1)


class _Shortcut(_Interaction):
    type: Literal["message_action", "shortcut"]
    callback_id: str


@dataclass(frozen=True)
class SignedRequest:
    bolt: AsyncBoltRequest
    acks_empty: bool  # every listener answers it with an empty 200: ack now, dispatch after


def parse_signed(raw: bytes, query: str, headers: Mapping[str, str]) -> SignedRequest:
    """Bolt's request for a signed body, or MalformedRequest naming what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedRequest("body is not UTF-8") from None
    try:
        request = AsyncBoltRequest(body=text, query=query, headers=dict(headers))
    except Exception as exc:  # Bolt parses and reads the body as it builds the request
        raise MalformedRequest(f"unreadable body ({type(exc).__name__})") from None
    body = request.body
    if not isinstance(body, dict) or not body:
        raise MalformedRequest("empty or not an object")
    try:
        if "command" in body:
            _Command.model_validate(body)
            return SignedRequest(request, acks_empty=True)
        kind = body.get("type")
        if kind == "block_actions":
            _BlockActions.model_validate(body)
            return SignedRequest(request, acks_empty=True)
        if kind in ("message_action", "shortcut"):
            _Shortcut.model_validate(body)
            return SignedRequest(request, acks_empty=True)
    except ValidationError as exc:
        raise MalformedRequest(f"{kind_of(body)}: {_first_error(exc)}") from None
    if (isinstance(kind, str) and kind in BOLT_ANSWERS) or "ssl_check" in body:
        return SignedRequest(request, acks_empty=False)
    raise MalformedRequest(f"unknown request type {kind_of(body)}")


def kind_of(body: dict[str, Any]) -> str:
    kind = body.get("command") or body.get("type")
    return repr(kind)[:40] if kind is not None else "no type"


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    loc: Sequence[Any] = error["loc"]
    return f"field {'.'.join(str(p) for p in loc) or '(body)'!r}: {error['msg']}"[:120]
