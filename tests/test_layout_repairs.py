"""Reading-edge repairs that make unseen layouts ordinary: inline table numbers, wrapped titles,
page numbers in the margins, Chinese statement numerals, documents in several files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.model import Document, Kind, Line
from generator.read.combine import combine_documents
from generator.read.pdf import drop_page_numbers
from generator.recognize.statements import _numeral, recognize


def _pdf_lines(texts: list[str], page: int = 1) -> list[Line]:
    return [Line(t, f"p{page}", None, page, 100.0 + 20 * i) for i, t in enumerate(texts)]


def _doc(lines: list[Line]) -> Document:
    return Document(Path("x.pdf"), "pdf", lines, "ab", pages=max(ln.page or 1 for ln in lines))


def test_inline_number_and_wrapped_title() -> None:
    body = ["部门:某局 单位:万元", "合计 1.00 2.00", "一、基本支出 1.00"]
    lines = _pdf_lines(["公开 09 表:一般公共预算“三公”经费、会议费、培训费", "支出预算表", *body])
    (found,), raw = recognize(_doc(lines))
    assert raw == []
    assert (found.kind, found.number, found.title) == (Kind.THREE_PUBLIC, "09", "一般公共预算“三公”经费、会议费、培训费支出预算表")


def test_a_heading_above_a_title_is_not_its_first_half() -> None:
    lines = _pdf_lines(["结果应用方案", "2023年度项目绩效自评表", "单位:万元", "项目名称 某项目"])
    (found,), _ = recognize(_doc(lines))
    assert found.title == "2023年度项目绩效自评表"


@given(st.integers(min_value=1, max_value=29))
def test_chinese_statement_numerals(n: int) -> None:
    digits = "一二三四五六七八九"
    text = digits[n - 1] if n < 10 else (digits[n // 10 - 1] if n >= 20 else "") + "十" + (digits[n % 10 - 1] if n % 10 else "")
    assert _numeral(text) == n
    assert _numeral(str(n)) == n


def test_page_numbers_that_run_with_the_pages_are_dropped() -> None:
    height = 800.0
    pages = []
    for i in range(3):
        lines = _pdf_lines([f"row {i}", "2010101 行政运行 6,372.32"], page=i + 1)
        lines.append(Line(str(13 + i), f"p{i + 1}", None, i + 1, 780.0))
        pages.append(lines)
    kept = drop_page_numbers(pages, [height] * 3)
    assert [ln.text for ln in kept if ln.text.isdigit()] == []
    assert len(kept) == 6


@pytest.mark.parametrize("folio", ["{n}", "- {n} -", "─{n}─", "— {n} —", "第{n}页", "第 {n} 页 共 32 页", "{n}/32"])
def test_page_numbers_in_any_dress_are_dropped(folio: str) -> None:
    # js-renda-2019-budget.pdf prints "─7─" (box-drawing dashes): kept, it was glued into the sentence
    pages = [_pdf_lines(["与上年相比增加(减少)"], page=i + 1) + [Line(folio.format(n=7 + i), f"p{i + 1}", None, i + 1, 780.0)]
             for i in range(2)]
    kept = drop_page_numbers(pages, [800.0, 800.0])
    assert [ln.text for ln in kept] == ["与上年相比增加(减少)"] * 2


def test_a_lone_figure_on_one_page_is_kept() -> None:
    # a wrapped cell or a figure at the foot of one page does not run with the pages: kept
    pages = [_pdf_lines(["text"], page=1) + [Line("006", "p1", None, 1, 780.0)], _pdf_lines(["more"], page=2)]
    kept = drop_page_numbers(pages, [800.0, 800.0])
    assert "006" in [ln.text for ln in kept]


def test_files_of_one_disclosure_keep_their_own_refs() -> None:
    text = Document(Path("a.pdf"), "pdf", _pdf_lines(["封面"], page=1) + _pdf_lines(["说明"], page=2), "s1", pages=2)
    tables = Document(Path("b.pdf"), "pdf", _pdf_lines(["收支预算总表"], page=1), "s2", pages=1)
    doc = combine_documents([text, tables])
    assert [(ln.ref, ln.page) for ln in doc.lines] == [("p1", 1), ("p2", 2), ("f2:p1", 3)]
    assert (doc.sha256, doc.pages) == ("s1", 3)
