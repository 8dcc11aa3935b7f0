"""Plain text of a PDF: one row per line, cells separated by spaces (blank cells vanish)."""

from __future__ import annotations

from pathlib import Path

from ..model import Document, Line


def read_plaintext(path: Path, text: str) -> Document:
    lines = [
        Line(raw.strip(), f"L{number}")
        for number, raw in enumerate(text.splitlines(), start=1)
        if raw.strip()
    ]
    return Document(path=path, format="text", lines=lines)
