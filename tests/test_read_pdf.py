"""The PDF reader: real disclosures (../shared/real-pdfs) and bad input."""

from pathlib import Path

import pytest

from generator.model import InputError, Kind
from generator.read import read_document
from generator.read.pdf_cells import clean_cell, merge_split_codes
from generator.recognize import recognize
from tests.pdf_fixtures import encrypted_pdf, image_pdf, text_pdf

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-pdfs"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-pdfs not present")
K = Kind


def test_clean_cell_joins_wrapped_and_spaced_cjk():
    assert clean_cell("机关事业单位基本养老保险\n缴费支出") == "机关事业单位基本养老保险缴费支出"
    assert clean_cell("因 公 出 国 （ 境 ） 费\n用") == "因公出国(境)费用"
    assert clean_cell(None) == ""
    assert clean_cell("2,946.25") == "2,946.25"


def test_merge_split_codes_and_carry_over():
    rows = [
        ["项目", "", "", "", "合计"],
        ["类", "款", "项", "合计", "2,946.25"],
        ["201", "", "", "一般公共服务支出", "2,112.86"],
        ["201", "06", "", "财政事务", "2,112.86"],
        ["201", "06", "01", "行政运行", "1,511.90"],
    ]
    merged, groups = merge_split_codes(rows)
    assert [r[0] for r in merged[1:]] == ["科目编码", "201", "20106", "2010601"]
    assert merged[4] == ["2010601", "行政运行", "1,511.90"]
    nxt, _ = merge_split_codes([["221", "02", "01", "住房公积金", "187.19"]], groups)
    assert nxt == [["2210201", "住房公积金", "187.19"]]
    # a table without split codes on the next page is left alone
    other, _ = merge_split_codes([["一、一般公共预算财政拨款", "2,940.05", "x", "1", "2"]], groups)
    assert other == [["一、一般公共预算财政拨款", "2,940.05", "x", "1", "2"]]


@needs_real
def test_shanghai_final_statements_and_pages():
    doc = read_document(REAL / "putuo-caizhengju-2024-final.pdf")
    assert doc.format == "pdf" and doc.pages == 25
    statements, _ = recognize(doc)
    assert [s.kind for s in statements] == [
        K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GENERAL_BUDGET,
        K.BASIC_ECONOMIC, K.THREE_PUBLIC, K.GOV_FUND, K.STATE_CAPITAL,
    ]
    income = statements[1]
    assert income.ref == "p8"
    rows = {line.cells[0]: line.cells for line in income.lines if line.cells}
    # split 类/款/项 columns joined; the table continues on page 9
    assert rows["2010601"][1:4] == ("行政运行", "1,511.90", "1,511.89")
    assert rows["2210203"][1:3] == ("购房补贴", "258.50")
    assert [line.page for line in income.lines if line.cells and line.cells[0] == "2210203"] == [9]


@needs_real
def test_budget_in_yuan_and_jiangsu_numbering():
    statements, raw = recognize(read_document(REAL / "putuo-shangwuwei-2025-budget.pdf"))
    units = {s.kind: s.unit for s in statements}
    assert units[K.SUMMARY] == "元" and units[K.THREE_PUBLIC] == "万元"
    js, raw = recognize(read_document(REAL / "js-jianchayuan-2019-budget.pdf"))
    assert [(s.kind, s.number) for s in js][:4] == [
        (K.SUMMARY, "01"), (K.INCOME, "02"), (K.EXPENDITURE, "03"), (K.FISCAL_SUMMARY, "04")
    ]
    assert raw == []  # 机关运行经费 and the 财政拨款 tables are statement kinds of their own
    assert [(s.kind, s.number) for s in js if s.kind is K.OPERATING_COST] == [(K.OPERATING_COST, "11")]
    # 政府采购 tables are a statement kind (parsed where the layout fits, else kept raw by normalize)
    assert [(s.kind, s.title) for s in js if s.kind is K.PROCUREMENT] == [(K.PROCUREMENT, "政府采购支出预算表")]


def _write(tmp_path, name, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_scanned_pdf_asks_for_ocr(tmp_path):
    with pytest.raises(InputError, match="no text layer.*OCR"):
        read_document(_write(tmp_path, "scan.pdf", image_pdf()))


def test_encrypted_pdf(tmp_path):
    with pytest.raises(InputError, match="encrypted"):
        read_document(_write(tmp_path, "locked.pdf", encrypted_pdf()))


def test_truncated_pdf(tmp_path):
    data = text_pdf(["hello"])
    with pytest.raises(InputError, match="corrupt or truncated|no text|cannot be opened"):
        read_document(_write(tmp_path, "cut.pdf", data[: len(data) // 3]))


def test_not_a_pdf(tmp_path):
    with pytest.raises(InputError, match="not a PDF"):
        read_document(_write(tmp_path, "fake.pdf", b"GIF89a not really"))


def test_text_pdf_reads(tmp_path):
    doc = read_document(_write(tmp_path, "hello.pdf", text_pdf(["Hello world", "second line"])))
    assert [line.text for line in doc.lines] == ["Hello world", "second line"]
    assert doc.lines[0].ref == "p1"
    assert recognize(doc) == ([], [])
    # each line's top on the page: the fixture sets its lines 14pt apart (TL 14)
    first, second = doc.lines
    assert first.top is not None and second.top == pytest.approx(first.top + 14, abs=0.5)


@needs_real
def test_empty_table_note_variants():
    # js-jianchayuan p20 prints "此表为空" under the headers of its 政府性基金 table
    statements, _ = recognize(read_document(REAL / "js-jianchayuan-2019-budget.pdf"))
    gov_fund = next(s for s in statements if s.kind is K.GOV_FUND)
    assert gov_fund.empty_note == "此表为空"
