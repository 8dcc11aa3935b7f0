"""DOCX text export: each table cell on its own tab-indented line, rows separated by blank lines."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Document, Line

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


def read_docx_text(path: Path, text: str) -> Document:
    lines: list[Line] = []
    row: list[str] = []
    row_start = 0

    def flush() -> None:
        if row and any(c for c in row):
            lines.append(Line(" ".join(c for c in row if c), f"L{row_start}", tuple(row)))
        row.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("\t"):
            if not row:
                row_start = number
            row.append(_BOOKMARK.sub("", raw[1:]).strip())
            continue
        flush()
        cleaned = _BOOKMARK.sub("", raw).strip()
        if cleaned:
            lines.append(Line(cleaned, f"L{number}"))
    flush()
    return Document(path=path, format="docx-text", lines=lines)
