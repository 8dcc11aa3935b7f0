"""Which export style a file is, decided from its extension and content."""

from __future__ import annotations

from pathlib import Path

from ..model import InputError

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text", ".pdf": "pdf"}


def load_text(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: binary content, not a text export (NUL bytes found)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: text is neither UTF-8 nor GB18030")


def detect_format(path: Path, data: bytes) -> str:
    if data[:5] == b"%PDF-":
        return "pdf"
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raise InputError(f"{path}: named .pdf but is not a PDF (no %PDF- header)")
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path}: unsupported file type {suffix or '(no extension)'!r}; expected .pdf, .md or .txt"
        )
    fmt = SUFFIXES[suffix]
    if fmt == "text" and _looks_like_docx_export(load_text(path, data)):
        return "docx-text"
    return fmt


def _looks_like_docx_export(text: str) -> bool:
    """DOCX exports put each table cell on its own tab-indented line."""
    lines = text.splitlines()
    if not lines:
        return False
    indented = sum(1 for line in lines if line.startswith("\t"))
    return "[bookmark:" in text or indented > 0.3 * len(lines)
