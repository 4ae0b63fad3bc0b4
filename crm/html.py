"""HTML mail and activity bodies to plain text, keeping quoted parts marked as quotes.

CRMs store many bodies as HTML (HubSpot's `hs_email_html`, notes, exports pasted from mail
clients). Quoted history in HTML lives in <blockquote> and in the wrappers mail clients put
around it (Gmail's `gmail_quote`, Thunderbird's `moz-cite-prefix`, Yahoo's `yahoo_quoted`);
its lines come out prefixed with "> ", exactly like a plain-text quote, so one plain-text
reply parser handles both.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset("p div br li ul ol tr table h1 h2 h3 h4 h5 h6 blockquote pre hr section article".split())
_SKIPPED = frozenset({"script", "style", "head", "title"})
_QUOTE_MARKERS = ("gmail_quote", "moz-cite-prefix", "yahoo_quoted", "protonmail_quote", "ms-outlook-quote")
_QUOTE_START, _QUOTE_END = "\x02", "\x03"
_HTML_HINT = re.compile(r"<(?:html|body|div|p|br|span|table|blockquote|font|b|i|a)\b[^>]*>", re.IGNORECASE)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []  # open block tags and whether each opened a quote

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip_depth += 1
            return
        if tag in ("blockquote", "div"):
            marks = " ".join(value or "" for name, value in attrs if name in ("class", "id", "type"))
            quoted = tag == "blockquote" or any(m in marks for m in _QUOTE_MARKERS)
            self._stack.append((tag, quoted))
            self.parts.append("\n" + (_QUOTE_START + "\n" if quoted else ""))
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag in ("blockquote", "div"):
            while self._stack:
                open_tag, quoted = self._stack.pop()
                if quoted:
                    self.parts.append("\n" + _QUOTE_END + "\n")
                if open_tag == tag:
                    break
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def looks_like_html(text: str | None) -> bool:
    return text is not None and "<" in text and _HTML_HINT.search(text[:4000]) is not None


def html_to_text(html: str | None) -> str | None:
    """Visible text with paragraph breaks kept and quoted parts as "> " lines; None if empty."""
    if not html:
        return None
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts).replace("\xa0", " ")
    lines: list[str] = []
    depth = 0
    for line in raw.split("\n"):
        if line == _QUOTE_START:
            depth += 1
            continue
        if line == _QUOTE_END:
            depth = max(0, depth - 1)
            continue
        clean = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        lines.append(("> " * depth + clean).rstrip() if clean else "")
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text or None
