"""CRM and model text printed literally in a terminal: never markup, never a control sequence.

A contact named `[/bold] Co` must not crash rich's markup parser, `[link=…]` must not become a
live hyperlink, and ANSI/OSC escapes, NUL, stray newlines or a right-to-left override must not
clear the screen, retitle the window or reorder what the person reads. Such characters are
shown as `\\x..`/`\\u....` instead, so nothing is hidden either.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.text import Text

# DEL, C1 controls, bidirectional marks/overrides/isolates, line and paragraph separators;
# with the C0 controls (all of them, or all but the newline) they make the two patterns.
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_ONE_LINE = re.compile(f"[\x00-\x1f{_OTHERS}]")
_MULTILINE = re.compile(f"[\x00-\x09\x0b-\x1f{_OTHERS}]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character made visible (`multiline` keeps newlines)."""
    return (_MULTILINE if multiline else _ONE_LINE).sub(_shown, text)


def literal(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """A rich Text that shows `text` exactly: no markup, no control sequences."""
    return Text(plain(text, multiline=multiline), style=style)


class SafeConsole(Console):
    """A rich Console for output that carries CRM or model text: strings are printed literally
    (no markup, control characters made visible); styling is done with `Text` objects."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        kwargs["markup"] = False
        shown = [literal(o, multiline=True) if isinstance(o, str) else o for o in objects]
        super().print(*shown, **kwargs)
