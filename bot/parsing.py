"""What a person typed after `/persona` (or in a message), with Slack's markup unwrapped.

Slack rewrites text before we see it: emails become `<mailto:a@b.com|a@b.com>`, users
`<@U123|name>`, channels `<#C1|name>`, links `<https://x|label>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_MAILTO = re.compile(r"<mailto:([^|>]+)(?:\|[^>]*)?>")
_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_LABELLED = re.compile(r"<[^|>]*\|([^>]*)>")  # <#C1|name>, <https://x|label>
_BARE = re.compile(r"<([^>]*)>")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_QUOTES = "\"'“”‘’`"

Kind = Literal["help", "lookup", "history", "similar", "forget", "object"]
_SUBCOMMANDS = ("history", "similar", "forget", "object")
_REASON = re.compile(r"\s+(?:--|—|–)\s*")  # `/persona object Maria Keller -- asked by email`


@dataclass(frozen=True)
class Request:
    kind: Kind
    query: str = ""
    user_id: str | None = None  # a bare `<@U123>` mention: resolve with users.info
    reason: str | None = None  # `object … -- <reason>`


def plain_text(text: str) -> str:
    """Slack markup replaced by what a person sees; whitespace collapsed."""
    text = _MAILTO.sub(r"\1", text)
    text = _USER.sub(lambda m: m.group(2) or f"<@{m.group(1)}>", text)
    text = _LABELLED.sub(r"\1", text)
    text = _BARE.sub(lambda m: m.group(0) if m.group(1).startswith("@") else m.group(1), text)
    return " ".join(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split())


def parse_command(text: str | None) -> Request:
    """`/persona`, `/persona help`, `/persona history|similar|forget <contact>`,
    `/persona object <contact> [-- reason]` or `/persona <contact>`."""
    raw = " ".join((text or "").split())
    kind: Kind = "lookup"
    reason = None
    first, _, rest = raw.partition(" ")
    if first.lower() in _SUBCOMMANDS:
        kind, raw = first.lower(), rest  # type: ignore[assignment]
    if kind == "object":
        raw, *why = _REASON.split(raw, maxsplit=1)
        reason = plain_text(why[0]).strip() or None if why else None
    if raw.lower() in {"", "help", "?", "-h", "--help"}:
        return Request("help")
    mention = _USER.fullmatch(raw)
    if mention and not mention.group(2):  # a bare <@U123>: only users.info knows who it is
        return Request(kind, raw, user_id=mention.group(1), reason=reason)
    query = plain_text(raw).strip(_QUOTES + " ").lstrip("@").strip()
    return Request(kind, query, reason=reason) if query else Request("help")


def emails_in(text: str) -> list[str]:
    """Email addresses in a message, in order, without duplicates."""
    found: list[str] = []
    for email in _EMAIL.findall(plain_text(text)):
        if email.lower() not in (e.lower() for e in found):
            found.append(email)
    return found
