"""Golden tests: jiangan-2024-final.md 公开01–05表 (values typed from the source file)."""

import dataclasses
from decimal import Decimal as D

import pytest

from generator.model import Kind, Line
from generator.normalize.functional import parse_expenditure, parse_general_budget, parse_income
from generator.normalize.summary import parse_fiscal_summary, parse_summary
from tests.source_golden_support import assert_total_basic_project, statements_by_kind


@pytest.fixture(scope="module")
def statements():
    return statements_by_kind("jiangan-2024-final.md")


# code, total, basic, project — 公开03表 / 05表 (blank cell = 0)
EXPENDITURE = [
    ("208", "14.12", "14.12", "0"),
    ("20805", "13.98", "13.98", "0"),
    ("2080505", "13.98", "13.98", "0"),
    ("20899", "0.14", "0.14", "0"),
    ("2089999", "0.14", "0.14", "0"),
    ("210", "1589.41", "151.90", "1437.51"),
    ("21004", "49.43", "0", "49.43"),
    ("2100410", "49.43", "0", "49.43"),
    ("21011", "14.52", "13.78", "0.74"),
    ("2101101", "6.32", "6.32", "0"),
    ("2101103", "8.20", "7.46", "0.74"),
    ("21013", "1360.03", "0", "1360.03"),
    ("2101301", "1360.03", "0", "1360.03"),
    ("21015", "165.43", "138.12", "27.31"),
    ("2101501", "138.12", "138.12", "0"),
    ("2101502", "27.31", "0", "27.31"),
    ("221", "23.64", "23.64", "0"),
    ("22102", "23.64", "23.64", "0"),
    ("2210201", "15.64", "15.64", "0"),
    ("2210202", "2.87", "2.87", "0"),
    ("2210203", "5.13", "5.13", "0"),
]


def test_summary_01(statements):
    rows = parse_summary(statements[Kind.SUMMARY])
    assert all(r.statement == "overall" for r in rows)
    income = {r.item_key: r.amount for r in rows if r.side == "income"}
    assert income == {
        "general_budget_appropriation": D("1627.17"),
        "gov_fund_appropriation": 0,
        "state_capital_appropriation": 0,
        "upper_subsidy": 0,
        "business_income": 0,
        "operating_income": 0,
        "affiliated_income": 0,
        "other_income": 0,
        "income_subtotal": D("1627.17"),
        "non_fiscal_balance_used": 0,
        "opening_balance": 0,
        "income_total": D("1627.17"),
    }
    classes = {r.code: r.amount for r in rows if r.item_key == "function_class"}
    # the 26 printed classes (一 … 二十六); only three carry amounts
    assert len(classes) == 26
    assert {c for c, v in classes.items() if v} == {"208", "210", "221"}
    assert (classes["208"], classes["210"], classes["221"]) == (D("14.12"), D("1589.41"), D("23.64"))
    assert set(classes) >= {"201", "224", "229", "231", "232", "234"}
    other = {r.item_key: r.amount for r in rows if r.side == "expenditure" and r.item_key != "function_class"}
    assert other == {
        "expenditure_subtotal": D("1627.17"),
        "surplus_distribution": 0,
        "closing_balance": 0,
        "expenditure_total": D("1627.17"),
    }
    by_key = {r.item_key: r for r in rows if r.side == "income"}
    assert by_key["general_budget_appropriation"].source_ref == "T01:L77"


def test_income_02(statements):
    problems: list[str] = []
    rows = parse_income(statements[Kind.INCOME], problems=problems)
    assert [r.code for r in rows] == ["total"] + [e[0] for e in EXPENDITURE]
    expected = {"total": "1627.17", **{e[0]: e[1] for e in EXPENDITURE}}
    for r in rows:
        assert r.total == D(expected[r.code]), r.code
        assert r.fiscal_appropriation == D(expected[r.code]), r.code
        others = (r.upper_subsidy, r.business_income, r.operating_income, r.affiliated_income, r.other_income)
        assert others == (0, 0, 0, 0, 0), r.code
    assert rows[0].level == 0 and rows[1].level == 1 and rows[3].level == 3
    assert rows[3].name == "机关事业单位基本养老保险缴费支出"  # OCR space removed
    assert rows[1].source_ref == "T02:L124"
    assert any("L145" in p for p in problems)  # the stray "1 1 1" line is reported, not read


def test_expenditure_03_without_codes(statements):
    problems: list[str] = []
    income = parse_income(statements[Kind.INCOME])
    reference = [(r.code, r.name) for r in income if r.code != "total"]
    rows = parse_expenditure(statements[Kind.EXPENDITURE], reference_rows=reference, problems=problems)
    total = rows[0]
    assert total.code == "total" and total.level == 0
    # the 合计 total is lost from L159 but reprinted in the garbage line L181
    # ("合计 1,627.17 189.66 1,437.51", whose parts equal L159's)
    assert total.total == D("1627.17")
    assert total.source_ref == "T03:L159+L181"
    assert (total.basic, total.project) == (D("189.66"), D("1437.51"))
    assert_total_basic_project(rows[1:], EXPENDITURE)
    for r in rows[1:]:
        assert (r.upper_payment, r.operating, r.affiliated_subsidy) == (0, 0, 0), r.code
    assert any("L159" in p and "lost" in p and "reprint" in p and "L181" in p for p in problems)
    assert any("L181" in p and "garbled" in p for p in problems)
    assert any("no codes printed" in p for p in problems)


def test_expenditure_03_codes_from_national_list(statements):
    """Without the 02 table, names alone (depth-first order) give the same codes."""
    rows = parse_expenditure(statements[Kind.EXPENDITURE])
    assert [r.code for r in rows[1:]] == [e[0] for e in EXPENDITURE]


def test_fiscal_summary_04_garbled(statements):
    """公开04表 run into one line (L189) plus loose 总计 lines (L191–L201): recovered from the
    template's token order, since every figure then fits the table's sums."""
    problems: list[str] = []
    rows = parse_fiscal_summary(statements[Kind.FISCAL_SUMMARY], problems=problems)
    assert all(r.statement == "fiscal" for r in rows)
    g = D("1627.17")
    nonzero = {(r.side, r.item_key, r.code): (r.amount, r.general_budget, r.gov_fund, r.state_capital) for r in rows if r.amount}
    assert nonzero == {
        ("income", "general_budget_appropriation", ""): (g, None, None, None),
        ("income", "income_subtotal", ""): (g, None, None, None),
        ("income", "income_total", ""): (g, None, None, None),
        ("expenditure", "function_class", "208"): (D("14.12"), D("14.12"), 0, 0),
        ("expenditure", "function_class", "210"): (D("1589.41"), D("1589.41"), 0, 0),
        ("expenditure", "function_class", "221"): (D("23.64"), D("23.64"), 0, 0),
        ("expenditure", "expenditure_subtotal", ""): (g, g, 0, 0),
        ("expenditure", "expenditure_total", ""): (g, g, 0, 0),
    }
    income = [r.item_key for r in rows if r.side == "income"]
    assert income == [
        "general_budget_appropriation", "gov_fund_appropriation", "state_capital_appropriation", "income_subtotal",
        "opening_balance", "opening_balance_general_budget", "opening_balance_gov_fund", "opening_balance_state_capital",
        "income_total",
    ]
    closing = [r.item_key for r in rows if r.side == "expenditure" and r.item_key.startswith("closing")]
    assert closing == ["closing_balance", "closing_balance_general_budget", "closing_balance_gov_fund", "closing_balance_state_capital"]
    assert len([r for r in rows if r.item_key == "function_class"]) == 26
    assert all(r.amount == 0 for r in rows if not r.amount)
    assert {r.source_ref for r in rows} == {"T04:L189", "T04:L191-L201"}
    # what the text lost is said: the line numbers of 年初/年末结转 (28, 60) and three classes
    assert any("garbled" in p and "28, 37, 49, 53, 60" in p for p in problems)


def test_fiscal_summary_04_garbled_falls_back_when_sums_fail(statements):
    """A token order that breaks the table's sums is not trusted: only the subtotals are read."""
    st = statements[Kind.FISCAL_SUMMARY]
    garbled = next(ln for ln in st.lines if "本年收入合计" in ln.text)
    broken = Line(garbled.text.replace("23.64 23.64", "32.64 32.64"), garbled.ref, garbled.cells)
    lines = [broken if ln is garbled else ln for ln in st.lines]
    problems: list[str] = []
    rows = parse_fiscal_summary(dataclasses.replace(st, lines=lines), problems=problems)
    assert [(r.item_key, r.amount) for r in rows] == [("income_subtotal", D("1627.17")), ("expenditure_subtotal", D("1627.17"))]
    assert any("cannot be placed reliably" in p for p in problems)


def test_general_budget_05(statements):
    rows = parse_general_budget(statements[Kind.GENERAL_BUDGET])
    assert (rows[0].code, rows[0].total, rows[0].basic, rows[0].project) == ("total", D("1627.17"), D("189.66"), D("1437.51"))
    assert_total_basic_project(rows[1:], EXPENDITURE)
    typo = next(r for r in rows if r.code == "21013")
    assert typo.name == "医疗教助"  # the source's wording is kept, the code is right
