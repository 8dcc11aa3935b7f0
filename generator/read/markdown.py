"""Markdown exported by a PDF converter: tab-separated table rows, HTML tags, headings."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Document, Line

_TAGS = re.compile(r"</?(?:b|i|u|sup|sub|del|strong|em|span|br)\b[^>]*>", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(?:#{1,6}\s*|[-*+]\s+(?=\S))")


def clean_markdown(text: str) -> str:
    text = _TAGS.sub("", text)
    text = text.replace("**", "")
    return _PREFIX.sub("", text)


def read_markdown(path: Path, text: str) -> Document:
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        ref = f"L{number}"
        if "\t" in raw:
            cells = tuple(clean_markdown(c).strip() for c in raw.split("\t"))
            lines.append(Line(" ".join(c for c in cells if c), ref, cells))
        else:
            cleaned = clean_markdown(raw).strip()
            if cleaned:
                lines.append(Line(cleaned, ref))
    return Document(path=path, format="markdown", lines=lines)
