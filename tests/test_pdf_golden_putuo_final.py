"""Golden values of putuo-caizhengju-2024-final.pdf (上海市普陀区财政局 2024 决算, ONLYOFFICE) and of
its edited copy with planted errors, typed from the printed pages (pp. 6–15 / 7–12).

Quirks covered: split 类/款/项 code columns; the 合计 line printed on the 类|款|项 header row
(02/03) or at the bottom (05); tables continued on the next page; 04 with fund columns.
Source inconsistency kept as printed: 01/04 say 社会保障和就业支出 326.71, 02/03/05 say 326.72.
"""

from __future__ import annotations

from generator.model import Kind
from generator.narrative.facts import extract_facts
from generator.normalize.functional import parse_expenditure, parse_general_budget, parse_income
from generator.normalize.summary import parse_fiscal_summary, parse_summary
from generator.read import read_document
from tests.pdf_golden_support import REAL, D, amounts, coded, needs_real, statement, statements, summary_map

FINAL = "putuo-caizhengju-2024-final.pdf"
PLANTED = "putuo-caizhengju-2024-final-planted-errors.pdf"
Z = D("0")

SUMMARY_INCOME = {
    "general_budget_appropriation": D("2940.05"),
    "gov_fund_appropriation": Z,
    "state_capital_appropriation": Z,
    "upper_subsidy": Z,
    "business_income": Z,
    "operating_income": Z,
    "affiliated_income": Z,
    "other_income": D("6.20"),
    "income_subtotal": D("2946.25"),
    "non_fiscal_balance_used": Z,
    "opening_balance": D("49.14"),
    "income_total": D("2995.39"),
}
CLASSES = ["201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
           "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234"]
CLASS_AMOUNTS = {"201": D("2106.66"), "208": D("326.71"), "210": D("60.99"), "221": D("445.69")}
SUMMARY_EXPENDITURE = {
    "expenditure_subtotal": D("2940.05"),
    "surplus_distribution": Z,
    "closing_balance": D("55.34"),
    "expenditure_total": D("2995.39"),
}

# 02 收入决算表: 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入
INCOME = {
    "total": "2,946.25 2,940.05 - - - - 6.20",
    "201": "2,112.86 2,106.66 - - - - 6.20",
    "20106": "2,112.86 2,106.66 - - - - 6.20",
    "2010601": "1,511.90 1,511.89 - - - - 0.01",
    "2010602": "16.19 10.00 - - - - 6.19",
    "2010607": "135.25 135.25 - - - - -",
    "2010608": "449.52 449.52 - - - - -",
    "208": "326.72 326.72 - - - - -",
    "20805": "326.72 326.72 - - - - -",
    "2080501": "84.65 84.65 - - - - -",
    "2080505": "160.75 160.75 - - - - -",
    "2080506": "80.38 80.38 - - - - -",
    "2080599": "0.94 0.94 - - - - -",
    "210": "60.99 60.99 - - - - -",
    "21011": "60.99 60.99 - - - - -",
    "2101101": "60.99 60.99 - - - - -",
    "221": "445.69 445.69 - - - - -",
    "22102": "445.69 445.69 - - - - -",
    "2210201": "187.19 187.19 - - - - -",
    "2210203": "258.50 258.50 - - - - -",
}
# 03 支出决算表 / 05 (first three columns): 合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
EXPENDITURE = {
    "total": "2,940.05 2,336.91 603.14 - - -",
    "201": "2,106.66 1,503.52 603.14 - - -",
    "20106": "2,106.66 1,503.52 603.14 - - -",
    "2010601": "1,511.89 1,503.52 8.37 - - -",
    "2010602": "10.00 - 10.00 - - -",
    "2010607": "135.25 - 135.25 - - -",
    "2010608": "449.52 - 449.52 - - -",
    "208": "326.72 326.72 - - - -",
    "20805": "326.72 326.72 - - - -",
    "2080501": "84.65 84.65 - - - -",
    "2080505": "160.75 160.75 - - - -",
    "2080506": "80.38 80.38 - - - -",
    "2080599": "0.94 0.94 - - - -",
    "210": "60.99 60.99 - - - -",
    "21011": "60.99 60.99 - - - -",
    "2101101": "60.99 60.99 - - - -",
    "221": "445.69 445.69 - - - -",
    "22102": "445.69 445.69 - - - -",
    "2210201": "187.19 187.19 - - - -",
    "2210203": "258.50 258.50 - - - -",
}
INCOME_FIELDS = ("total", "fiscal_appropriation", "upper_subsidy", "business_income", "operating_income",
                 "affiliated_income", "other_income")
EXPENDITURE_FIELDS = ("total", "basic", "project", "upper_payment", "operating", "affiliated_subsidy")


def _check_summary(name: str) -> None:
    problems: list[str] = []
    got = summary_map(parse_summary(statement(name, Kind.SUMMARY), problems))
    want = {("income", k, ""): v for k, v in SUMMARY_INCOME.items()}
    want |= {("expenditure", "function_class", c): CLASS_AMOUNTS.get(c, Z) for c in CLASSES}
    want |= {("expenditure", k, ""): v for k, v in SUMMARY_EXPENDITURE.items()}
    assert got == want
    assert problems == []


def _check_income(name: str) -> None:
    problems: list[str] = []
    rows = parse_income(statement(name, Kind.INCOME), problems=problems)
    assert coded(rows, INCOME_FIELDS) == {k: amounts(v) for k, v in INCOME.items()}
    assert all(r.carryover is None for r in rows)  # the 决算 table has no 上年结转 column
    assert {r.code: r.level for r in rows}["2010601"] == 3
    assert [r.source_ref for r in rows if r.code == "2210203"] == ["income:p9"]  # continued on p9
    assert problems == []


def _check_fiscal(name: str) -> None:
    problems: list[str] = []
    got = summary_map(parse_fiscal_summary(statement(name, Kind.FISCAL_SUMMARY), problems), funds=True)
    want: dict = {
        ("income", "general_budget_appropriation", ""): D("2940.05"),
        ("income", "gov_fund_appropriation", ""): Z,
        ("income", "state_capital_appropriation", ""): Z,
        ("income", "income_subtotal", ""): D("2940.05"),
        ("income", "opening_balance", ""): D("21.63"),
        ("income", "opening_balance_general_budget", ""): D("21.63"),
        ("income", "opening_balance_gov_fund", ""): Z,
        ("income", "opening_balance_state_capital", ""): Z,
        ("income", "income_total", ""): D("2961.68"),
    }
    for c in CLASSES:
        v = CLASS_AMOUNTS.get(c, Z)
        want[("expenditure", "function_class", c)] = (v, v, Z, Z)
    want[("expenditure", "expenditure_subtotal", "")] = (D("2940.05"), D("2940.05"), Z, Z)
    want[("expenditure", "closing_balance", "")] = (D("21.63"), D("21.63"), Z, Z)
    want[("expenditure", "expenditure_total", "")] = (D("2961.68"), D("2961.68"), Z, Z)
    assert got == want
    assert problems == []


def _check_general_budget(name: str) -> None:
    problems: list[str] = []
    rows = parse_general_budget(statement(name, Kind.GENERAL_BUDGET), problems=problems)
    assert coded(rows, ("total", "basic", "project")) == {k: amounts(v)[:3] for k, v in EXPENDITURE.items()}
    assert rows[-1].code == "total"  # printed at the bottom
    assert problems == []


@needs_real
def test_final_summary():
    _check_summary(FINAL)


@needs_real
def test_final_income():
    _check_income(FINAL)


@needs_real
def test_final_expenditure():
    problems: list[str] = []
    rows = parse_expenditure(statement(FINAL, Kind.EXPENDITURE), problems=problems)
    assert coded(rows, EXPENDITURE_FIELDS) == {k: amounts(v) for k, v in EXPENDITURE.items()}
    assert [r.source_ref for r in rows if r.code == "2080599"] == ["expenditure:p11"]
    assert problems == []


@needs_real
def test_final_fiscal_summary():
    _check_fiscal(FINAL)


@needs_real
def test_final_general_budget():
    _check_general_budget(FINAL)


@needs_real
def test_final_procurement_by_kind_from_the_narrative():
    # p24 十一、(二): 政府采购金额…251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元
    doc = read_document(REAL / FINAL)
    got = {f.topic_key: f.value for f in extract_facts(doc, "final", 2024)}
    assert got["procurement_total"] == D("251.25")
    assert (got["procurement_goods"], got["procurement_works"], got["procurement_services"]) == (D("4.79"), Z, D("246.47"))


# ---------------------------------------------------------------- the copy with planted errors
# Compared with the original: the 第二部分 heading says "上海市普陀区XX局"; the 支出决算表 (03) is
# missing although the table of contents lists it (三、支出决算表); the 三公 table prints no amounts
# (original: 合计 预算数 0.95, 公务接待费 预算数 0.95). 01, 02, 04 and 05 print the same values.


@needs_real
def test_planted_copy_has_no_expenditure_table():
    kinds = [s.kind for s in statements(PLANTED)]
    assert Kind.EXPENDITURE not in kinds
    assert kinds[:3] == [Kind.SUMMARY, Kind.INCOME, Kind.FISCAL_SUMMARY]


@needs_real
def test_planted_summary():
    _check_summary(PLANTED)


@needs_real
def test_planted_income():
    _check_income(PLANTED)


@needs_real
def test_planted_fiscal_summary():
    _check_fiscal(PLANTED)


@needs_real
def test_planted_general_budget():
    _check_general_budget(PLANTED)
