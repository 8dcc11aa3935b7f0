"""Readers: one per export style, all producing model.Document with line provenance."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Document, InputError
from .detect import detect_format, load_text, strip_controls
from .docx_text import read_docx_text
from .markdown import read_markdown
from .plaintext import read_plaintext

# Input size limits (bytes). A disclosure's text export is well under 1 MB and its PDF under
# 50 MB; beyond these a file is almost surely something else, and reading it would take minutes.
# `--max-size MB` (set_size_limit) raises both for one run.
LIMITS = {"pdf": 200_000_000, "text": 20_000_000}


def set_size_limit(megabytes: float) -> None:
    """One limit for every format, for this process and the workers it forks."""
    if megabytes <= 0:
        raise InputError(f"--max-size {megabytes:g}: give a positive number of MB")
    for kind in LIMITS:
        LIMITS[kind] = int(megabytes * 1_000_000)


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
    size = path.stat().st_size
    limit = max(LIMITS.values())
    if size > limit:
        raise InputError(f"{path}: {size / 1e6:.1f} MB is over the {limit / 1e6:g} MB input limit; "
                         "give --max-size MB to read it anyway")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    fmt = fmt or detect_format(path, data)
    limit = LIMITS["pdf" if fmt == "pdf" else "text"]
    if size > limit:
        raise InputError(f"{path}: {size / 1e6:.1f} MB is over the {limit / 1e6:g} MB limit for a {fmt} file; "
                         "give --max-size MB to read it anyway")
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
