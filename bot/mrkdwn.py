"""Escaping for Slack mrkdwn: CRM and model text is shown as text, never as markup.

Slack only defines escapes for `&`, `<` and `>`; without `<` nothing can become a mention,
`<!channel>` or a link. Formatting characters have no escape at all, so they are swapped for
look-alikes (`*` -> `∗`), and `@here`-style words and URL schemes get a zero-width space so
Slack neither notifies nor auto-links them.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LOOKALIKES = {"*": "∗", "_": "ˍ", "~": "∼", "`": "ˋ"}
_TABLE = str.maketrans({**_ENTITIES, **_LOOKALIKES})
# No word boundary required: clipping may end the text right after "@everyone" (fuzz-found).
_BROADCAST = re.compile(r"@(?=(?:here|channel|everyone))", re.IGNORECASE)
_SCHEME = re.compile(r"(?<=[a-z])://", re.IGNORECASE)
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,4}$")
ELLIPSIS = "…"


def escape(text: str) -> str:
    """`text` as literal mrkdwn: no mentions, links, broadcasts or formatting survive."""
    escaped = text.translate(_TABLE)
    escaped = _BROADCAST.sub("@" + ZWSP, escaped)
    return _SCHEME.sub(":" + ZWSP + "//", escaped)


def one_line(text: str) -> str:
    """Whitespace (newlines included) collapsed, for headers, fields and list items."""
    return " ".join(text.split())


def clip(text: str, limit: int) -> str:
    """`text` shortened to at most `limit` characters with an ellipsis, never inside `&amp;`."""
    if len(text) <= limit:
        return text
    cut = _PARTIAL_ENTITY.sub("", text[: max(limit - 1, 0)]).rstrip()
    return cut + ELLIPSIS


def bold(text: str) -> str:
    """Our own bold label around already-escaped or trusted text."""
    return f"*{text}*"


def italic(text: str) -> str:
    return f"_{text}_"
