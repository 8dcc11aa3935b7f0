"""Golden tests: jiangan-2023-final.txt 公开01–05表 (plain text: blank cells vanished)."""

from decimal import Decimal as D

import pytest

from generator.model import Kind
from generator.normalize.functional import parse_expenditure, parse_general_budget, parse_income
from generator.normalize.summary import parse_fiscal_summary, parse_summary
from generator.normalize.summary_lines import expenditure_columns_from_summary, income_columns_from_summary
from tests.source_golden_support import assert_total_basic_project, statements_by_kind

# code, total, basic, project — as printed in 公开03表 and 05表 (blank = 0)
EXPENDITURE = [
    ("total", "1234.07", "191.04", "1043.03"),
    ("208", "18.78", "18.78", "0"),
    ("20805", "18.69", "18.69", "0"),
    ("2080505", "18.69", "18.69", "0"),
    ("20899", "0.09", "0.09", "0"),
    ("2089999", "0.09", "0.09", "0"),
    ("210", "1189.08", "146.05", "1043.03"),
    ("21011", "13.87", "13.87", "0"),
    ("2101101", "4.84", "4.84", "0"),
    ("2101103", "9.03", "9.03", "0"),
    ("21013", "966.29", "0", "966.29"),
    ("2101301", "966.29", "0", "966.29"),
    ("21015", "208.92", "132.18", "76.74"),
    ("2101501", "132.18", "132.18", "0"),
    ("2101502", "76.74", "0", "76.74"),
    ("221", "26.21", "26.21", "0"),
    ("22102", "26.21", "26.21", "0"),
    ("2210201", "15.65", "15.65", "0"),
    ("2210202", "2.88", "2.88", "0"),
    ("2210203", "7.68", "7.68", "0"),
]


@pytest.fixture(scope="module")
def statements():
    return statements_by_kind("jiangan-2023-final.txt")


@pytest.fixture(scope="module")
def summary(statements):
    return parse_summary(statements[Kind.SUMMARY])


def test_summary_01(summary):
    nonzero = {(r.side, r.item_key, r.code): r.amount for r in summary if r.amount}
    assert nonzero == {
        ("income", "general_budget_appropriation", ""): D("1234.07"),
        ("income", "income_subtotal", ""): D("1234.07"),
        ("income", "income_total", ""): D("1234.07"),
        ("expenditure", "function_class", "208"): D("18.78"),
        ("expenditure", "function_class", "210"): D("1189.08"),
        ("expenditure", "function_class", "221"): D("26.21"),
        ("expenditure", "expenditure_subtotal", ""): D("1234.07"),
        ("expenditure", "expenditure_total", ""): D("1234.07"),
    }
    assert all(r.amount == 0 for r in summary if not r.amount)  # every other printed line is 0, not None
    assert len([r for r in summary if r.item_key == "function_class"]) == 26
    assert len([r for r in summary if r.side == "income"]) == 12
    assert next(r for r in summary if r.code == "210").source_ref == "T01:L88"


def test_income_02(statements, summary):
    rows = parse_income(statements[Kind.INCOME], active_columns=income_columns_from_summary(summary))
    assert [r.code for r in rows] == [e[0] for e in EXPENDITURE]
    for r, e in zip(rows, EXPENDITURE, strict=True):
        assert (r.total, r.fiscal_appropriation) == (D(e[1]), D(e[1])), r.code
        assert (r.upper_subsidy, r.business_income, r.operating_income, r.affiliated_income, r.other_income) == (0,) * 5
    # "2080505" / "机关事业单位基本养老保险缴" / "费支出" / "18.69 18.69" is one row
    row = rows[3]
    assert (row.name, row.source_ref) == ("机关事业单位基本养老保险缴费支出", "T02:L189")


def test_income_02_without_hints_is_not_guessed(statements):
    problems: list[str] = []
    rows = parse_income(statements[Kind.INCOME], problems=problems)
    assert rows[0].total == D("1234.07") and rows[0].fiscal_appropriation is None
    assert any("cannot tell which columns" in p for p in problems)


def test_expenditure_03(statements, summary):
    problems: list[str] = []
    rows = parse_expenditure(
        statements[Kind.EXPENDITURE], active_columns=expenditure_columns_from_summary(summary), problems=problems
    )
    assert_total_basic_project(rows, EXPENDITURE)
    for r in rows:
        assert (r.upper_payment, r.operating, r.affiliated_subsidy) == (0, 0, 0), r.code
    assert problems == []


def test_expenditure_03_ambiguity_reported(statements):
    problems: list[str] = []
    rows = parse_expenditure(statements[Kind.EXPENDITURE], problems=problems)
    assert rows[0].basic is None and rows[0].total == D("1234.07")
    assert any("cannot tell which columns" in p for p in problems)


def test_fiscal_summary_04(statements):
    rows = parse_fiscal_summary(statements[Kind.FISCAL_SUMMARY])
    nonzero = {(r.side, r.item_key, r.code): (r.amount, r.general_budget, r.gov_fund, r.state_capital) for r in rows if r.amount}
    g = D("1234.07")
    assert nonzero == {
        ("income", "general_budget_appropriation", ""): (g, None, None, None),
        ("income", "income_subtotal", ""): (g, None, None, None),
        ("income", "income_total", ""): (g, None, None, None),
        ("expenditure", "function_class", "208"): (D("18.78"), D("18.78"), 0, 0),
        ("expenditure", "function_class", "210"): (D("1189.08"), D("1189.08"), 0, 0),
        ("expenditure", "function_class", "221"): (D("26.21"), D("26.21"), 0, 0),
        ("expenditure", "expenditure_subtotal", ""): (g, g, 0, 0),
        ("expenditure", "expenditure_total", ""): (g, g, 0, 0),
    }
    keys = [r.item_key for r in rows if r.side == "income"]
    assert keys == [
        "general_budget_appropriation", "gov_fund_appropriation", "state_capital_appropriation", "income_subtotal",
        "opening_balance", "opening_balance_general_budget", "opening_balance_gov_fund", "opening_balance_state_capital",
        "income_total",
    ]
    assert all(r.amount == 0 for r in rows if not r.amount)
    assert len([r for r in rows if r.item_key == "function_class"]) == 26
    # L406–L410 "一般公共预算财政拨款 29 61": one label, a line number for each side
    closing = [(r.item_key, r.amount, r.source_ref) for r in rows if r.side == "expenditure" and r.item_key.startswith("closing")]
    assert closing == [
        ("closing_balance", 0, "T04:L404"),
        ("closing_balance_general_budget", 0, "T04:L406"),
        ("closing_balance_gov_fund", 0, "T04:L408"),
        ("closing_balance_state_capital", 0, "T04:L410"),
    ]


def test_general_budget_05(statements):
    rows = parse_general_budget(statements[Kind.GENERAL_BUDGET])
    assert_total_basic_project(rows, EXPENDITURE)
