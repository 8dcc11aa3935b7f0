"""One disclosure published as several files (Jiangsu: the narrative and the tables as two PDFs).

The documents are read one by one and joined into one Document in the order given, so every later
stage sees one disclosure: a statement listed in the text file's 目录 and printed in the tables file
is found. Lines of the second and later files get refs prefixed with the file's number (`f2:p5`: page
5 of the second file) and page numbers counted on from the previous files, so pages stay distinct.
"""

from __future__ import annotations

import dataclasses

from ..model import Document


def file_prefix(index: int) -> str:
    """The ref prefix of the index-th file (0-based): none for the first."""
    return "" if index == 0 else f"f{index + 1}:"


def combine_documents(docs: list[Document]) -> Document:
    if len(docs) == 1:
        return docs[0]
    lines = []
    offset = 0
    for index, doc in enumerate(docs):
        prefix = file_prefix(index)
        for line in doc.lines:
            page = None if line.page is None else line.page + offset
            lines.append(dataclasses.replace(line, ref=prefix + line.ref, page=page))
        offset += doc.pages or max((ln.page or 0 for ln in doc.lines), default=0)
    # the first file speaks for the disclosure (format, sha256); the others are listed in its metadata
    return Document(
        path=docs[0].path, format=docs[0].format, lines=lines, sha256=docs[0].sha256,
        pages=sum(doc.pages or 0 for doc in docs) or None, problems=[p for doc in docs for p in doc.problems],
    )
