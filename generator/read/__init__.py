"""Readers: one per export style, all producing model.Document with line provenance."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Document, InputError
from .detect import detect_format, load_text, strip_controls
from .docx_text import read_docx_text
from .markdown import read_markdown
from .plaintext import read_plaintext

TEXT_READERS = {
    "markdown": read_markdown,
    "text": read_plaintext,
    "docx-text": read_docx_text,
}


def read_document(path: Path, fmt: str | None = None) -> Document:
    """Read any supported disclosure file; raises InputError naming the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    fmt = fmt or detect_format(path, data)
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "pdf":
        from .pdf import read_pdf  # pdfplumber is heavy: import only for PDFs

        doc = read_pdf(path, data)
    else:
        reader = TEXT_READERS.get(fmt)
        if reader is None:
            raise InputError(f"{path}: unsupported format {fmt!r}")
        text, problems = strip_controls(path, load_text(path, data))
        doc = reader(path, text)
        doc.problems.extend(problems)
    doc.sha256 = sha
    if not doc.lines:
        raise InputError(f"{path}: no text could be read from the file")
    return doc
