"""Clean what people paste: HTML is reduced to its text, very long texts are cut."""

import html
import re
from html.parser import HTMLParser

# About ten pages: more text adds nothing to a topic judgement and only costs time.
MAX_CHARS = 20_000
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_SPACE = re.compile(r"\s+")


class _TextOnly(HTMLParser):
    _skip = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._skip:
            self._depth += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self._skip and self._depth:
            self._depth -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self._depth:
            self.parts.append(data)


def clean_text(raw: object) -> tuple[str, list[str]]:
    """The plain text to tag and the notes on what was done to it (codes, not prose)."""
    notes: list[str] = []
    text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    if len(text) > MAX_CHARS * 5:
        # Cut before parsing so a megabyte of markup is not parsed in full.
        text = text[: MAX_CHARS * 5]
        notes.append("truncated")
    if _TAG.search(text):
        parser = _TextOnly()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
        notes.append("html_stripped")
    text = _SPACE.sub(" ", html.unescape(text)).strip()
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        if "truncated" not in notes:
            notes.append("truncated")
    return text, notes
