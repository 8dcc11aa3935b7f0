"""Round trip: each bundled disclosure rendered to PDF (headless Chromium) extracts to the
same packages as its text export.

The PDF text layer carries neither the export's spaces nor its full-width forms, so text
fields are compared after NFKC and without whitespace; every amount must be exactly equal.
Provenance (source_ref) and quotes differ by design (p3 instead of L120).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from generator.catalog import catalog_entries
from generator.model import Document, Line
from generator.normalize.numbers import nfkc
from generator.performance.wrapped_cells import _adjacent, fragments
from generator.pipeline import build_from_document, read
from tests.render_pdf import chromium, document_html, render_pdf

RESOURCES = [
    "summary", "income_by_function", "expenditure_by_function", "general_budget_expenditure",
    "basic_expenditure_economic", "three_public", "facts", "budget_execution", "projects",
    "indicators", "glossary", "profile", "procurement", "spending_plan",
]
ENTRIES = {meta.disclosure_id: (meta, path) for meta, path in catalog_entries()}

# Known differences, each to be fixed in the parser named (strict: a fix makes the mark fail).
KNOWN: dict[tuple[str, str], str] = {}

needs_chromium = pytest.mark.skipif(chromium() is None, reason="chromium not installed (make sysdeps)")


def _norm(value: object) -> str:
    return re.sub(r"\s+", "", nfkc(value)) if isinstance(value, str) else str(value)


def _rows(d, resource: str) -> list[tuple]:
    out = []
    for row in getattr(d, resource):
        fields = dataclasses.asdict(row)
        fields.pop("source_ref", None)
        fields.pop("quote", None)
        out.append(tuple(sorted((k, _norm(v)) for k, v in fields.items())))
    return sorted(out)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    cache: dict[str, tuple] = {}

    def build(disclosure_id: str):
        if disclosure_id not in cache:
            meta, path = ENTRIES[disclosure_id]
            doc = read(path)
            pdf = render_pdf(doc, tmp_path_factory.mktemp(disclosure_id) / f"{disclosure_id}.pdf")
            pdf_doc = read(pdf)
            assert pdf_doc.format == "pdf" and pdf_doc.lines[0].ref.startswith("p")
            cache[disclosure_id] = (build_from_document(meta, doc), build_from_document(meta, pdf_doc))
        return cache[disclosure_id]

    return build


def _cases():
    for resource in RESOURCES:
        for disclosure_id in sorted(ENTRIES):
            reason = KNOWN.get((resource, disclosure_id))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(disclosure_id, resource, marks=marks, id=f"{resource}-{disclosure_id}")


@needs_chromium
@pytest.mark.parametrize("disclosure_id,resource", list(_cases()))
def test_pdf_extracts_to_the_same_rows(builds, disclosure_id, resource):
    text, pdf = builds(disclosure_id)
    expected, actual = _rows(text, resource), _rows(pdf, resource)
    missing = [dict(r) for r in expected if r not in actual]
    extra = [dict(r) for r in actual if r not in expected]
    assert not missing and not extra, f"{resource}: only in text export {missing[:3]}; only in PDF {extra[:3]}"


def test_plain_text_blank_lines_are_rendered():
    # L1 and L3 have a blank line between, L3 and L4 none; several blank lines make one spacer
    lines = [Line("项目总成", "L1"), Line("本", "L3"), Line("≤2", "L4"), Line("500", "L7")]
    page = document_html(Document(path=Path("x.txt"), format="text", lines=lines))
    body = [p for p in page.splitlines() if p.startswith("<p")]
    assert body == ["<p>项目总成</p>", "<p class=blank></p>", "<p>本</p>", "<p>≤2</p>",
                    "<p class=blank></p>", "<p>500</p>"]
    # other formats: blank lines are not part of their layout (Markdown rows are numbered too)
    md = document_html(Document(path=Path("x.md"), format="markdown", lines=lines))
    assert "class=blank" not in md


def _pdf_lines(tops: list[float], page: int = 5) -> list[Line]:
    texts = ["项目总成", "本", "≤2", "500", "元"][: len(tops)]
    return [Line(t, f"p{page}", None, page, top) for t, top in zip(texts, tops, strict=True)]


def test_adjacent_lines_by_line_number_or_position():
    # L1 / L3 / L5 one cell each (blank lines between); L6 printed right below L5: side by side
    texts = ["项目总成", "本", "≤2", "500", "元"]
    text = fragments([Line(t, f"L{n}") for t, n in zip(texts, [1, 3, 5, 6, 8], strict=True)])
    adjacent = [_adjacent(a, b) for a, b in zip(text, text[1:], strict=False)]
    assert adjacent == [False, False, True, False]
    # the same layout in a PDF, at any line pitch: tops two pitches apart where the text has a blank line
    for pitch in (15.67, 22.0):
        tops = [40 + pitch * k for k in (0, 2, 4, 5, 7)]
        pdf = fragments(_pdf_lines(tops))
        assert [_adjacent(a, b) for a, b in zip(pdf, pdf[1:], strict=False)] == adjacent
    # lines on different pages are never adjacent
    end, start, below = fragments(_pdf_lines([40.0], page=5) + _pdf_lines([55.67, 71.34], page=6))
    assert _adjacent(start, below) and not _adjacent(end, start)
