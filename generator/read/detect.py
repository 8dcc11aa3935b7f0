"""Which export style a file is, decided from its extension and content."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..model import InputError

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text", ".pdf": "pdf"}
# A byte order mark names its encoding (Windows "Unicode" text is UTF-16 with a BOM); UTF-32 first,
# its little-endian BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 and C1 controls but TAB, LF and CR (form feeds of a pdftotext export included): they would
# reach facts and labels, and some of them (\f, \v, \x1c-\x1e, \x85) split lines for
# str.splitlines, shifting every later line number away from the file's.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def load_text(path: Path, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: starts with a {encoding.upper()} byte order mark but is not "
                                 f"{encoding.upper()} text (byte {exc.start})") from exc
    if b"\x00" in data:
        raise InputError(f"{path}: binary content, not a text export (NUL bytes found)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: text is neither UTF-8 nor GB18030")


def strip_controls(path: Path, text: str) -> tuple[str, list[str]]:
    """The text without control characters, and one problem naming what was removed and where."""
    found = _CONTROLS.findall(text)
    if not found:
        return text, []
    first = _CONTROLS.search(text)
    assert first is not None
    line = text.count("\n", 0, first.start()) + 1
    kinds = ", ".join(f"U+{ord(c):04X} ×{found.count(c)}" for c in sorted(set(found)))
    return _CONTROLS.sub("", text), [
        f"{path}: {len(found)} control character(s) removed ({kinds}; the first on line L{line})"
    ]


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
