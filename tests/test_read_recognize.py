"""Readers and statement recognition on the five bundled disclosures."""

from pathlib import Path

import pytest

from generator.model import InputError, Kind
from generator.read import read_document
from generator.recognize import classify_title, recognize

SOURCES = Path(__file__).resolve().parent.parent / "sources"
K = Kind

EXPECTED = {
    "jiangan-2024-final.md": (
        "markdown",
        [K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GENERAL_BUDGET, K.BASIC_ECONOMIC,
         K.GOV_FUND, K.STATE_CAPITAL, K.THREE_PUBLIC, K.PERFORMANCE_SELF_EVAL, K.PERFORMANCE_SELF_EVAL],
    ),
    "jiangan-2023-final.txt": (
        "text",
        [K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GENERAL_BUDGET, K.BASIC_ECONOMIC,
         K.GOV_FUND, K.STATE_CAPITAL, K.THREE_PUBLIC] + [K.PERFORMANCE_SELF_EVAL] * 5,
    ),
    "cangxi-2024-final.md": ("markdown", [K.PERFORMANCE_SELF_EVAL] * 14),
    "huaxian-2024-budget.txt": (
        "text",
        [K.SUMMARY, K.BASIC_ECONOMIC, K.GOV_FUND, K.PERFORMANCE_TARGETS, K.PERFORMANCE_TARGETS],
    ),
    "shanhaiguan-2024-budget.txt": (
        "docx-text",
        [K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GENERAL_BUDGET, K.BASIC_ECONOMIC,
         K.GOV_FUND, K.STATE_CAPITAL, K.THREE_PUBLIC] + [K.PERFORMANCE_TARGETS] * 6 + [K.PROCUREMENT],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_statements_found_in_order(name):
    fmt, kinds = EXPECTED[name]
    doc = read_document(SOURCES / name)
    assert doc.format == fmt
    statements, _ = recognize(doc)
    assert [s.kind for s in statements] == kinds


def test_numbers_units_and_empty_notes():
    statements, raw = recognize(read_document(SOURCES / "jiangan-2023-final.txt"))
    assert [s.number for s in statements[:9]] == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    assert all(s.unit == "万元" for s in statements)
    gov = statements[6]
    assert gov.ref == "L588" and gov.empty_note == "本单位无政府性基金预算财政拨款收入及支出"
    huaxian, _ = recognize(read_document(SOURCES / "huaxian-2024-budget.txt"))
    assert [s.number for s in huaxian] == ["01", "06", "09", "11", "12"]
    assert huaxian[0].title == "2024年部门收支总体情况表"
    assert "我单位没有政府性基金安排的支出预算" in huaxian[2].empty_note


def test_unrecognized_table_is_kept_raw():
    statements, raw = recognize(read_document(SOURCES / "shanhaiguan-2024-budget.txt"))
    # a caption without 表 above a ruled table is recognized too (L2129 部门政府采购预算, now a
    # procurement statement; L2259 部门固定资产占用情况表 stays unclassified)
    assert [(r.title, r.ref) for r in raw] == [("部门固定资产占用情况表", "L2259")]
    [proc] = [s for s in statements if s.kind is K.PROCUREMENT]
    assert (proc.title, proc.ref) == ("部门政府采购预算", "L2129")
    assert proc.lines[0].cells[:2] == ("450医保部门", "单位：万元")


def test_docx_rows_keep_blank_cells():
    doc = read_document(SOURCES / "shanhaiguan-2024-budget.txt")
    row = next(line for line in doc.lines if line.cells and line.cells[:1] == ("1",))
    assert row.ref == "L22"
    assert row.cells == ("1", "一、一般公共预算拨款收入", "436.66", "一、一般公共服务支出", "")


def test_markdown_tab_rows_have_cells():
    doc = read_document(SOURCES / "jiangan-2024-final.md")
    row = next(line for line in doc.lines if line.cells and line.cells[0] == "2101501")
    assert row.cells[1:4] == ("行政运行", "138. 12", "138. 12")  # OCR spaces kept verbatim


@pytest.mark.parametrize(
    "title,kind",
    [
        ("2024年度收入支出决算总表", K.SUMMARY),
        ("部门财务收支预算总表", K.SUMMARY),
        ("2024年部门收支总体情况表", K.SUMMARY),
        ("财政拨款收支预算总表", K.FISCAL_SUMMARY),
        ("部门收入预算表", K.INCOME),
        ("部门支出预算表", K.EXPENDITURE),
        ("一般公共预算支出功能分类预算表", K.GENERAL_BUDGET),
        ("财政拨款支出预算表(功能科目)", K.FISCAL_EXPENDITURE),
        ("财政拨款基本支出预算表(经济科目)", K.FISCAL_BASIC_ECONOMIC),
        ("一般公共预算机关运行经费支出预算表", K.OPERATING_COST),
        ("一般公共预算基本支出经济分类预算表", K.BASIC_ECONOMIC),
        ("2024年度财政拨款“三公”经费支出决算表", K.THREE_PUBLIC),
        ("部门预算项目绩效目标汇总表", K.PERFORMANCE_TARGETS),
        ("部门固定资产占用情况表", K.OTHER),
    ],
)
def test_classify_title(title, kind):
    assert classify_title(title) is kind


def test_bad_input(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("")
    with pytest.raises(InputError, match="empty"):
        read_document(empty)
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02abc")
    with pytest.raises(InputError, match="binary"):
        read_document(binary)
    odd = tmp_path / "x.xls"
    odd.write_text("a")
    with pytest.raises(InputError, match="unsupported file type"):
        read_document(odd)
    fake = tmp_path / "x.pdf"
    fake.write_text("hello")
    with pytest.raises(InputError, match="not a PDF"):
        read_document(fake)
    with pytest.raises(InputError, match="not found"):
        read_document(tmp_path / "missing.md")
