"""Tables printed without rulings: an unruled table extracts to the same rows as its ruled twin.

The statement tables of shanhaiguan-2024-budget.txt (with their leading 序号 row-number column,
multi-row headers, blank cells, a table whose header ends one page and whose body starts the
next) are rendered twice by headless Chromium: with rulings, and with none at all (the rulings
are outlines, which take no room, so both twins have the same pages). The ruled twin is read
from pdfplumber's grid; the unruled one only from the words' x-positions (read/word_columns.py).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D
from pathlib import Path

import pytest

from generator.model import DisclosureMeta, Kind
from generator.normalize.statements import normalize
from generator.read import read_document
from generator.read.word_columns import TextLine, Word, table_cells
from generator.recognize import recognize
from tests.render_pdf import chromium, render_html, statements_html

SOURCE = Path(__file__).resolve().parents[1] / "sources" / "shanhaiguan-2024-budget.txt"
KINDS = (Kind.SUMMARY, Kind.INCOME, Kind.EXPENDITURE, Kind.GENERAL_BUDGET, Kind.BASIC_ECONOMIC, Kind.THREE_PUBLIC)
RESOURCES = ("summary", "income_by_function", "expenditure_by_function", "general_budget_expenditure",
             "basic_expenditure_economic", "three_public")
META = DisclosureMeta("shanhaiguan-2024-budget", "shanhaiguan", "山海关区医疗保障局", 2024, "budget", "t", "f", "pdf", "")


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    if chromium() is None:
        pytest.skip("chromium not installed (make sysdeps)")
    found, _ = recognize(read_document(SOURCE))
    statements = [s for s in found if s.kind in KINDS]
    out = {}
    for ruled in (True, False):
        name = "ruled" if ruled else "unruled"
        pdf = render_html(statements_html(statements, ruled=ruled), tmp_path_factory.mktemp(name) / f"{name}.pdf")
        doc = read_document(pdf)
        found_pdf, _ = recognize(doc)
        out[name] = (doc, normalize(found_pdf, META))
    return out


def test_unruled_pdf_has_no_rulings(twins) -> None:
    import pdfplumber

    doc, _ = twins["unruled"]
    with pdfplumber.open(doc.path) as pdf:
        assert all(not p.rects and not p.lines and not p.find_tables() for p in pdf.pages)
    assert sum(1 for line in doc.lines if line.cells is not None) > 100


@pytest.mark.parametrize("resource", RESOURCES)
def test_unruled_table_gives_the_rows_of_its_ruled_twin(twins, resource: str) -> None:
    ruled = [dataclasses.astuple(r) for r in getattr(twins["ruled"][1], resource)]
    unruled = [dataclasses.astuple(r) for r in getattr(twins["unruled"][1], resource)]
    assert ruled and unruled == ruled


def test_unruled_values_as_printed(twins) -> None:
    """Figures typed from the source's 一般公共预算财政拨款基本支出表 (L1186–L1189): 合计 260.06, 人员经费
    245.69, 公用经费 14.37; the 序号 column (L1185: 1) is not read as a figure."""
    d = twins["unruled"][1]
    amounts = {r.code: r.amount for r in d.basic_expenditure_economic}
    assert (amounts["total"], amounts["total_personnel"], amounts["total_public"]) == (
        D("260.06"), D("245.69"), D("14.37"))
    assert "1" not in amounts
    assert twins["unruled"][1].problems == twins["ruled"][1].problems


def _line(top: float, *cells: tuple[float, str]) -> TextLine:
    return TextLine(top, top + 9, 9.0, tuple(Word(x, x + 4.5 * len(t), t) for x, t in cells))


def test_cells_by_column_not_by_spaces() -> None:
    """A blank cell keeps its place: the figure goes to the column it is printed in."""
    lines = [
        _line(100, (10, "科目名称"), (100, "合计"), (160, "基本支出"), (220, "项目支出")),
        _line(112, (10, "合计"), (100, "30.00"), (160, "10.00"), (220, "20.00")),
        _line(124, (10, "行政运行"), (100, "10.00"), (160, "10.00")),
        _line(136, (10, "一般行政管理事务"), (100, "20.00"), (220, "20.00")),
    ]
    assert table_cells(lines) == [
        ("科目名称", "合计", "基本支出", "项目支出"),
        ("合计", "30.00", "10.00", "20.00"),
        ("行政运行", "10.00", "10.00", ""),
        ("一般行政管理事务", "20.00", "", "20.00"),
    ]


def test_justified_narrative_is_no_table() -> None:
    """Wide gaps around the figures of a justified paragraph do not make it a table."""
    lines = [
        _line(100, (10, "支出预算"), (80, "17981.68"), (130, "万元,与上年相比增加"), (260, "1454.35")),
        _line(112, (10, "8.8%。主要原因是员额制检察官工资改革增加、退休干警及住房")),
        _line(124, (10, "人员经费"), (120, "9710.42"), (170, "万元。主要包括:基本工资"), (300, "21")),
    ]
    assert table_cells(lines) == [None, None, None]
