"""Shanghai 单位预算 PDFs: the 财务收支预算总表 splits each expenditure line by purpose (合计 | 基本支出
人员经费 / 公用经费 | 项目支出). Values typed from the printed pages (in 元; ../shared/real-pdfs)."""

from __future__ import annotations

import pytest

from generator.model import Kind
from generator.normalize.summary import parse_summary
from tests.pdf_golden_support import amounts, needs_real, statement

pytestmark = [needs_real, pytest.mark.realpdf]
WAN = amounts("10000")[0]


def _rows(name: str) -> tuple[list, list[str]]:
    problems: list[str] = []
    return parse_summary(statement(name, Kind.SUMMARY), problems), problems


def test_purpose_columns_zhengfuban() -> None:
    """putuo-zhengfuban-2025-unit-budget.pdf p8 2025年预算单位财务收支预算总表."""
    rows, problems = _rows("putuo-zhengfuban-2025-unit-budget.pdf")
    assert problems == []
    got = {(r.side, r.item_key, r.code): (r.amount, r.personnel, r.public, r.project) for r in rows}
    printed = {
        ("expenditure", "function_class", "201"): "82,096,797.42 13,819,399.88 1,867,397.54 66,410,000.00",
        ("expenditure", "function_class", "208"): "4,213,779.28 3,948,399.28 265,380.00 -",
        ("expenditure", "function_class", "210"): "1,097,073.43 1,097,073.43 - -",
        ("expenditure", "function_class", "221"): "3,609,125.22 3,609,125.22 - -",
        ("expenditure", "expenditure_total", ""): "91,016,775.35 22,473,997.81 2,132,777.54 66,410,000.00",
    }
    for key, text in printed.items():
        assert got[key] == amounts(text, WAN), key
    # income lines have one amount column: no split
    assert got[("income", "general_budget_appropriation", "")] == (amounts("91,016,775.35", WAN)[0], None, None, None)


def test_purpose_columns_shangwuwei() -> None:
    """putuo-shangwuwei-2025-unit-budget.pdf p9: 一般公共服务支出 21,601,733.00 = 10,823,891.00 +
    1,467,842.00 + 9,310,000.00; 支出总计 371,514,655.00 = 18,120,593.00 + 1,710,062.00 + 351,684,000.00."""
    rows, problems = _rows("putuo-shangwuwei-2025-unit-budget.pdf")
    assert problems == []
    got = {(r.item_key, r.code): (r.amount, r.personnel, r.public, r.project) for r in rows if r.side == "expenditure"}
    assert got[("function_class", "201")] == amounts("21,601,733.00 10,823,891.00 1,467,842.00 9,310,000.00", WAN)
    assert got[("expenditure_total", "")] == amounts("371,514,655.00 18,120,593.00 1,710,062.00 351,684,000.00", WAN)
    assert len(got) == 8
