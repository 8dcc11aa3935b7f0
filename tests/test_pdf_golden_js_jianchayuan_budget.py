"""Golden values of js-jianchayuan-2019-budget.pdf (江苏省人民检察院 2019 预算, Word export), typed
from the printed pages 14–18; plus the empty template and the narrative-only PDF.

Quirks covered (Jiangsu template): 收支预算总表 with income by fund type and expenditure in two
panels (功能分类 and 支出用途: 基本支出 / 项目支出 / 单位预留机动经费), wrapped label cells split
into rows by the extraction (2.政府性基金预 / 算, 三、单位预留机动经 / 费 with its amount on the
middle row), subtotal rows printed across both expenditure panels; 收入预算总表 as a vertical fund
list and 支出预算总表 as one row of totals (only the 合计 line of 02/03 exists); 财政拨款收支预算总表
by purpose only; 一般公共预算支出预算表(功能科目) with one 金额 column in ragged cells.
"""

from __future__ import annotations

import pytest

from generator.model import InputError, Kind
from generator.normalize.functional import parse_expenditure, parse_general_budget, parse_income
from generator.normalize.summary import parse_fiscal_summary, parse_summary
from tests.pdf_golden_support import D, coded, needs_real, statement, statements, summary_map

NAME = "js-jianchayuan-2019-budget.pdf"
Z = D("0")
TOTAL = D("24169.74")


@needs_real
def test_summary():
    problems: list[str] = []
    got = summary_map(parse_summary(statement(NAME, Kind.SUMMARY), problems))
    want = {
        ("income", "fiscal_appropriation", ""): TOTAL,
        ("income", "general_budget_appropriation", ""): TOTAL,
        ("income", "gov_fund_appropriation", ""): Z,
        ("income", "special_account_income", ""): Z,
        ("income", "other_funds", ""): Z,
        ("income", "income_subtotal", ""): TOTAL,
        ("income", "opening_balance", ""): Z,
        ("income", "income_total", ""): TOTAL,
        ("expenditure", "basic_expenditure", ""): D("15844.04"),
        ("expenditure", "project_expenditure", ""): D("4335.30"),
        ("expenditure", "reserve_expenditure", ""): D("3990.40"),
        ("expenditure", "expenditure_subtotal", ""): TOTAL,
        ("expenditure", "closing_balance", ""): Z,
        ("expenditure", "expenditure_total", ""): TOTAL,
    }
    amounts = {"204": D("16593.12"), "208": D("1890.27"), "221": D("5686.35")}
    # the 2019 list of 类: 二十一 classes, 自然资源海洋气象等 (220) after 金融 (217)
    for c in ("201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
              "216", "217", "220", "221", "222", "224", "229"):
        want[("expenditure", "function_class", c)] = amounts.get(c, Z)
    assert got == want
    names = {r.item_key: r.name for r in parse_summary(statement(NAME, Kind.SUMMARY))}
    assert names["gov_fund_appropriation"] == "2.政府性基金预算"  # joined from two extracted rows
    assert names["reserve_expenditure"] == "三、单位预留机动经费"
    assert problems == []


@needs_real
def test_income_fund_list_is_the_total_row():
    problems: list[str] = []
    (row,) = parse_income(statement(NAME, Kind.INCOME), problems=problems)
    assert (row.code, row.level) == ("total", 0)
    assert (row.total, row.fiscal_appropriation, row.special_account_income) == (TOTAL, TOTAL, Z)
    assert (row.business_income, row.operating_income, row.other_income, row.carryover) == (Z, Z, Z, Z)
    assert row.upper_subsidy is None and row.affiliated_income is None  # not in this template
    # 公共财政拨款(补助)资金 24169.74 is the only part of 一般公共预算资金 (小计 24169.74): nothing lost
    assert problems == []


@needs_real
def test_expenditure_totals_row():
    problems: list[str] = []
    (row,) = parse_expenditure(statement(NAME, Kind.EXPENDITURE), problems=problems)
    assert (row.code, row.total, row.basic, row.project) == ("total", TOTAL, D("15844.04"), D("4335.30"))
    assert row.reserve == D("3990.40")  # 单位预留机动经费, its own column
    assert problems == []


@needs_real
def test_fiscal_summary_by_purpose():
    problems: list[str] = []
    got = summary_map(parse_fiscal_summary(statement(NAME, Kind.FISCAL_SUMMARY), problems))
    assert got == {
        ("income", "general_budget_appropriation", ""): TOTAL,
        ("income", "gov_fund_appropriation", ""): Z,
        ("income", "income_total", ""): TOTAL,
        ("expenditure", "basic_expenditure", ""): D("15844.04"),
        ("expenditure", "project_expenditure", ""): D("4335.3"),
        ("expenditure", "reserve_expenditure", ""): D("3990.4"),
        ("expenditure", "expenditure_total", ""): TOTAL,
    }
    assert problems == []


@needs_real
def test_general_budget_one_amount_column():
    problems: list[str] = []
    rows = parse_general_budget(statement(NAME, Kind.GENERAL_BUDGET), problems=problems)
    want = {
        "total": "24,169.74", "204": "16,593.12", "20404": "16,593.12", "2040401": "12,268.62",
        "2040402": "2,354.40", "2040410": "1,185.60", "2040450": "315.00", "2040499": "469.50",
        "208": "1,890.27", "20805": "1,890.27", "2080504": "400.02", "2080505": "1,064.46",
        "2080506": "425.79", "221": "5,686.35", "22102": "5,686.35", "2210201": "1,442.74", "2210202": "4,243.61",
    }
    assert coded(rows, ("total", "basic", "project")) == {k: (D(v.replace(",", "")), None, None) for k, v in want.items()}
    assert problems == []


# ---------------------------------------------------------------- no data


@needs_real
@pytest.mark.parametrize(
    "kind, parser",
    [(Kind.SUMMARY, parse_summary), (Kind.FISCAL_SUMMARY, parse_fiscal_summary), (Kind.INCOME, parse_income),
     (Kind.EXPENDITURE, parse_expenditure), (Kind.GENERAL_BUDGET, parse_general_budget)],
)
def test_empty_template_is_reported(kind, parser):
    with pytest.raises(InputError, match="empty template"):
        parser(statement("template-final.pdf", kind))


@needs_real
def test_narrative_only_pdf_has_no_statements():
    assert statements("js-renda-2019-budget.pdf") == ()
