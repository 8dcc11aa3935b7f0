"""Golden tests: shanhaiguan-2024-budget.txt (DOCX export, budget tables without numbers)."""

from decimal import Decimal as D

import pytest

from generator.model import Kind
from generator.normalize.functional import parse_expenditure, parse_general_budget, parse_income
from generator.normalize.summary import parse_fiscal_summary, parse_summary
from tests.source_golden_support import assert_total_basic_project, statements_by_kind

# code, total, basic, project — 部门预算支出总表 and 一般公共预算财政拨款支出表
ROWS = [
    ("total", "436.66", "260.06", "176.60"),
    ("208", "28.94", "28.94", "0"),
    ("20805", "28.94", "28.94", "0"),
    ("2080501", "2.79", "2.79", "0"),
    ("2080505", "26.15", "26.15", "0"),
    ("210", "387.61", "211.01", "176.60"),
    ("21011", "14.70", "14.70", "0"),
    ("2101101", "11.17", "11.17", "0"),
    ("2101103", "3.53", "3.53", "0"),
    ("21015", "372.92", "196.32", "176.60"),
    ("2101501", "196.32", "196.32", "0"),
    ("2101599", "176.60", "0", "176.60"),
    ("221", "20.11", "20.11", "0"),
    ("22102", "20.11", "20.11", "0"),
    ("2210201", "20.11", "20.11", "0"),
]


@pytest.fixture(scope="module")
def statements():
    return statements_by_kind("shanhaiguan-2024-budget.txt")


def test_summary(statements):
    problems: list[str] = []
    rows = parse_summary(statements[Kind.SUMMARY], problems=problems)
    income = [(r.item_key, r.amount) for r in rows if r.side == "income"]
    assert income == [
        ("general_budget_appropriation", D("436.66")),
        ("gov_fund_appropriation", 0),
        ("state_capital_appropriation", 0),
        ("special_account_income", 0),
        ("unit_funds", 0),  # 五、单位资金
        ("income_subtotal", D("436.66")),
        ("opening_balance", 0),
        ("income_total", D("436.66")),
    ]
    exp = [(r.item_key, r.code, r.amount) for r in rows if r.side == "expenditure"]
    classes = {c: a for k, c, a in exp if k == "function_class"}
    assert len(classes) == 30
    assert {c: a for c, a in classes.items() if a} == {"208": D("28.94"), "210": D("387.61"), "221": D("20.11")}
    assert [(k, a) for k, c, a in exp if k != "function_class"] == [
        ("unclassified", 0),  # 三十一、人行科目: not a national class
        ("expenditure_subtotal", D("436.66")),
        ("closing_balance", 0),
        ("expenditure_total", D("436.66")),
    ]
    assert any("人行科目" in p for p in problems)
    assert rows[0].source_ref == "summary:L22"


def test_income(statements):
    rows = parse_income(statements[Kind.INCOME])
    assert [r.code for r in rows] == [e[0] for e in ROWS]
    for r, (code, total, _, _) in zip(rows, ROWS, strict=True):
        assert (r.total, r.income_subtotal, r.fiscal_appropriation) == (D(total),) * 3, code
        assert (
            r.special_account_income, r.business_income, r.operating_income, r.upper_subsidy,
            r.affiliated_income, r.other_income, r.carryover,
        ) == (0,) * 7, code
    assert rows[3].name == "行政单位离退休"


def test_expenditure(statements):
    rows = parse_expenditure(statements[Kind.EXPENDITURE])
    assert_total_basic_project(rows, ROWS)
    for r in rows:
        assert (r.operating, r.upper_payment, r.affiliated_subsidy) == (0, 0, 0), r.code


def test_fiscal_summary(statements):
    rows = parse_fiscal_summary(statements[Kind.FISCAL_SUMMARY])
    income = [(r.item_key, r.amount) for r in rows if r.side == "income"]
    assert income == [
        ("general_budget_appropriation", D("436.66")),
        ("gov_fund_appropriation", 0),
        ("state_capital_appropriation", 0),
        ("income_subtotal", D("436.66")),
        ("opening_balance", 0),
        ("opening_balance_general_budget", 0),  # 一、一般公共预算拨款 under 年初财政拨款结转和结余
        ("opening_balance_gov_fund", 0),
        ("opening_balance_state_capital", 0),
        ("income_total", D("436.66")),
    ]
    exp = {(r.item_key, r.code): (r.amount, r.general_budget, r.gov_fund, r.state_capital) for r in rows if r.side == "expenditure"}
    assert exp[("function_class", "208")] == (D("28.94"), D("28.94"), 0, 0)
    assert exp[("function_class", "210")] == (D("387.61"), D("387.61"), 0, 0)
    assert exp[("function_class", "221")] == (D("20.11"), D("20.11"), 0, 0)
    assert exp[("expenditure_subtotal", "")] == (D("436.66"), D("436.66"), 0, 0)
    assert exp[("expenditure_total", "")] == (D("436.66"), D("436.66"), 0, 0)
    assert exp[("closing_balance", "")] == (0, 0, 0, 0)
    others = [v for k, v in exp.items() if k[0] == "function_class" and k[1] not in ("208", "210", "221")]
    assert len(others) == 27 and all(v == (0, 0, 0, 0) for v in others)


def test_general_budget(statements):
    rows = parse_general_budget(statements[Kind.GENERAL_BUDGET])
    assert_total_basic_project(rows, ROWS)
