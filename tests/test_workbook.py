"""The Excel downloads: Chinese sheet names and headers with units, the field names in a second
header row and in a 数据字典 sheet, numbers as numbers, valid sheet names, same bytes every time."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.pages.load import read_package
from generator.pages.workbook import DICTIONARY, sheet_name, write_xlsx

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / "datapackages"
SOURCE = REPO / "sources/jiangan-2024-final.md"

needs_real = pytest.mark.skipif(not (REAL / "jiangan-2024-final" / "datapackage.json").is_file(),
                                reason="real packages not built")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    target = tmp_path_factory.mktemp("xlsx") / "jiangan-2024-final.xlsx"
    write_xlsx(read_package(REAL / "jiangan-2024-final", REAL), target)
    return target


@needs_real
def test_sheets_are_named_by_the_resource_titles(workbook):
    wb = load_workbook(workbook)
    descriptor = json.loads((REAL / "jiangan-2024-final/datapackage.json").read_text(encoding="utf-8"))
    assert wb.sheetnames == [r["title"] for r in descriptor["resources"]] + [DICTIONARY]
    assert "支出表（按功能分类）" in wb.sheetnames and "财政拨款“三公”经费" in wb.sheetnames


@needs_real
def test_header_rows_chinese_with_units_then_field_names_and_values_typed(workbook):
    ws = load_workbook(workbook)["支出表（按功能分类）"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:7] == ("公开编号", "功能分类科目编码", "级次", "科目名称", "合计（万元）", "基本支出（万元）",
                           "项目支出（万元）")
    assert rows[1][:7] == ("disclosure_id", "code", "level", "name", "total", "basic", "project")
    assert ws.freeze_panes == "A3"
    # sources/jiangan-2024-final.md, 03表 (line 181): 合计 1,627.17 = 基本支出 189.66 + 项目支出 1,437.51
    assert "合计       1,627.17       189.66       1,437.51" in SOURCE.read_text(encoding="utf-8")
    total = next(r for r in rows[2:] if r[1] == "total")
    assert [Decimal(str(v)) for v in total[4:7]] == [Decimal("1627.17"), Decimal("189.66"), Decimal("1437.51")]
    cell = next(c for c in ws["E"][2:] if ws.cell(c.row, 2).value == "total")
    assert cell.data_type == "n"  # a number, not text
    assert isinstance(total[2], int) and total[2] == 0  # 级次: an integer


@needs_real
def test_data_dictionary_lists_every_column(workbook):
    wb = load_workbook(workbook)
    rows = list(wb[DICTIONARY].iter_rows(values_only=True))
    assert rows[0] == ("工作表", "资源", "中文名称", "字段名", "类型", "单位", "说明")
    assert rows[1] == ("sheet", "resource", "title", "name", "type", "unit", "description")
    entries = {(r[1], r[3]): r for r in rows[2:]}
    amount = entries[("three_public", "amount")]
    assert amount[:6] == ("财政拨款“三公”经费", "three_public", "金额（万元）", "amount", "数值（number）", "万元")
    assert entries[("budget_execution", "completion_rate")][5] == "%"
    assert entries[("summary", "name")][4:6] == ("文本（string）", None)  # no unit: an empty cell
    # one entry per column of every data sheet, under the sheet's name
    for ws in wb.worksheets[:-1]:
        names = [c.value for c in ws[2]]
        assert [r[3] for r in rows[2:] if r[0] == ws.title] == names


@needs_real
def test_same_package_same_bytes(workbook, tmp_path):
    again = tmp_path / "again.xlsx"
    write_xlsx(read_package(REAL / "jiangan-2024-final", REAL), again)
    assert again.read_bytes() == workbook.read_bytes()


def test_sheet_names_valid_for_excel():
    taken: set[str] = set()
    long_title = "一般公共预算财政拨款基本支出表（按经济分类）及其说明与附注和补充材料清单"
    names = [sheet_name(t, taken) for t in ["收支总表", "收支总表", "a/b:c*d?[e]\\f", long_title, long_title,
                                             "'引号'", "History", "收支總表"]]
    assert names[0] == "收支总表" and names[1] == "收支总表_2"
    assert names[2] == "a_b_c_d__e__f"
    assert names[3] == long_title[:31] and names[4] == long_title[:29] + "_2"
    assert names[5] == "引号" and names[6] == "History_2"  # Excel reserves History
    for n in names:
        assert len(n) <= 31 and not set(n) & set("[]:*?/\\") and not n.startswith("'")
    assert len({n.casefold() for n in names}) == len(names)
