"""Golden values of putuo-shangwuwei-2025-budget.pdf (上海市普陀区商务委员会 2025 预算, WPS export),
typed from the printed pages 9–16. Amounts are printed in 元 and published in 万元.

Quirks covered: Shanghai budget template names (部门财务收支预算总表 …), 一、财政拨款收入 heading
over 1. 一般公共预算资金 / 2. 政府性基金 / 3. 国有资本经营预算, a 收入预算 table with only 合计 /
财政拨款收入 / 事业收入 / 事业单位经营收入 / 其他收入, and the 05 table's header repeated on p16.
"""

from __future__ import annotations

from generator.model import Kind
from generator.normalize.functional import parse_expenditure, parse_general_budget, parse_income
from generator.normalize.summary import parse_fiscal_summary, parse_summary
from generator.pipeline import build_from_document, infer_meta, read_all
from tests.pdf_golden_support import REAL, D, amounts, coded, needs_real, statement, summary_map

NAME = "putuo-shangwuwei-2025-budget.pdf"
YUAN = D(10000)
Z = D("0")


def wan(text: str) -> D:
    return D(text.replace(",", "")) / YUAN


CLASSES = {
    "201": "21,601,733.00",
    "206": "17,200,000.00",
    "208": "3,808,085.00",
    "210": "881,803.00",
    "215": "293,810,000.00",
    "216": "31,364,000.00",
    "221": "2,849,034.00",
}
# 03 部门支出预算总表 and 05 一般公共预算支出功能分类预算表: 合计 基本支出 项目支出
EXPENDITURE = {
    "201": "21,601,733.00 12,291,733.00 9,310,000.00",
    "20113": "21,601,733.00 12,291,733.00 9,310,000.00",
    "2011301": "9,389,913.00 9,389,913.00 -",
    "2011302": "4,545,000.00 - 4,545,000.00",
    "2011350": "2,901,820.00 2,901,820.00 -",
    "2011399": "4,765,000.00 - 4,765,000.00",
    "206": "17,200,000.00 - 17,200,000.00",
    "20605": "17,200,000.00 - 17,200,000.00",
    "2060503": "17,200,000.00 - 17,200,000.00",
    "208": "3,808,085.00 3,808,085.00 -",
    "20805": "3,808,085.00 3,808,085.00 -",
    "2080501": "1,661,216.00 1,661,216.00 -",
    "2080502": "17,280.00 17,280.00 -",
    "2080505": "1,410,886.00 1,410,886.00 -",
    "2080506": "705,443.00 705,443.00 -",
    "2080599": "13,260.00 13,260.00 -",
    "210": "881,803.00 881,803.00 -",
    "21011": "881,803.00 881,803.00 -",
    "2101101": "631,941.00 631,941.00 -",
    "2101102": "249,862.00 249,862.00 -",
    "215": "293,810,000.00 - 293,810,000.00",
    "21508": "293,810,000.00 - 293,810,000.00",
    "2150899": "293,810,000.00 - 293,810,000.00",
    "216": "31,364,000.00 - 31,364,000.00",
    "21699": "31,364,000.00 - 31,364,000.00",
    "2169999": "31,364,000.00 - 31,364,000.00",
    "221": "2,849,034.00 2,849,034.00 -",
    "22102": "2,849,034.00 2,849,034.00 -",
    "2210201": "1,361,034.00 1,361,034.00 -",
    "2210203": "1,488,000.00 1,488,000.00 -",
    "total": "371,514,655.00 19,830,655.00 351,684,000.00",
}


@needs_real
def test_units():
    assert statement(NAME, Kind.SUMMARY).unit == "元"
    assert statement(NAME, Kind.GENERAL_BUDGET).unit == "元"


@needs_real
def test_summary():
    problems: list[str] = []
    got = summary_map(parse_summary(statement(NAME, Kind.SUMMARY), problems))
    want = {
        ("income", "fiscal_appropriation", ""): wan("371,514,655.00"),
        ("income", "general_budget_appropriation", ""): wan("371,514,655.00"),
        ("income", "gov_fund_appropriation", ""): Z,
        ("income", "state_capital_appropriation", ""): Z,
        ("income", "business_income", ""): Z,
        ("income", "operating_income", ""): Z,
        ("income", "other_income", ""): Z,
        ("income", "income_total", ""): wan("371,514,655.00"),
        ("expenditure", "expenditure_total", ""): wan("371,514,655.00"),
    }
    want |= {("expenditure", "function_class", c): wan(v) for c, v in CLASSES.items()}
    assert got == want
    assert got[("income", "income_total", "")] == D("37151.4655")
    assert problems == []


@needs_real
def test_income():
    problems: list[str] = []
    rows = parse_income(statement(NAME, Kind.INCOME), problems=problems)
    # 合计 = 财政拨款收入 in every row; 事业收入, 事业单位经营收入, 其他收入 are blank
    want = {k: amounts(f"{v.split()[0]} {v.split()[0]} - - -", YUAN) for k, v in EXPENDITURE.items()}
    assert coded(rows, ("total", "fiscal_appropriation", "business_income", "operating_income", "other_income")) == want
    # columns the template does not print are not reported (None), not zero
    assert all(r.upper_subsidy is None and r.affiliated_income is None and r.carryover is None for r in rows)
    assert problems == []


@needs_real
def test_expenditure():
    problems: list[str] = []
    rows = parse_expenditure(statement(NAME, Kind.EXPENDITURE), problems=problems)
    assert coded(rows, ("total", "basic", "project")) == {k: amounts(v, YUAN) for k, v in EXPENDITURE.items()}
    assert all(r.upper_payment is None and r.operating is None and r.affiliated_subsidy is None for r in rows)
    assert problems == []


@needs_real
def test_fiscal_summary():
    problems: list[str] = []
    got = summary_map(parse_fiscal_summary(statement(NAME, Kind.FISCAL_SUMMARY), problems), funds=True)
    want: dict = {
        ("income", "general_budget_appropriation", ""): wan("371,514,655.00"),
        ("income", "gov_fund_appropriation", ""): Z,
        ("income", "state_capital_appropriation", ""): Z,
        ("income", "income_total", ""): wan("371,514,655.00"),
        ("expenditure", "expenditure_total", ""): (wan("371,514,655.00"), wan("371,514,655.00"), Z, Z),
    }
    want |= {("expenditure", "function_class", c): (wan(v), wan(v), Z, Z) for c, v in CLASSES.items()}
    assert got == want
    assert problems == []


@needs_real
def test_general_budget_with_repeated_header():
    problems: list[str] = []
    rows = parse_general_budget(statement(NAME, Kind.GENERAL_BUDGET), problems=problems)
    assert coded(rows, ("total", "basic", "project")) == {k: amounts(v, YUAN) for k, v in EXPENDITURE.items()}
    assert [r.source_ref for r in rows if r.code in ("2080506", "2080599")] == ["general_budget:p15", "general_budget:p16"]
    assert problems == []


@needs_real
def test_narrative_of_a_template_without_parts() -> None:
    # No 第X部分 headings: 四、部门预算编制说明 (p7–8) and 六、其他相关情况说明 (p22) are the narrative
    doc = read_all([REAL / NAME])
    d = build_from_document(infer_meta(doc, REAL / NAME), doc)
    facts = {f.topic_key: f.value for f in d.facts}
    # p7: 1. “一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元; p8: 13. “资源勘探工业信息等支出（类）
    # 支持中小企业发展和管理支出（款)其他支持中小企业发展和管理支出（项）”29,381.00万元
    assert facts["item_amount:2011301"] == D("938.99")
    assert facts["item_amount:2150899"] == D("29381.00")
    # p7: 政府性基金拨款支出预算0万元; p22: “三公”经费预算数为1.00万元, 机关运行经费预算为171.01万元,
    # 政府采购预算38.20万元，其中：政府采购货物预算7.80万元、政府采购工程预算0万元、政府采购服务预算30.40万元
    assert facts["gov_fund_expenditure"] == Z
    assert facts["three_public_total_budget"] == D("1.00")
    assert facts["operating_cost"] == D("171.01")
    assert (facts["procurement_total"], facts["procurement_goods"], facts["procurement_services"]) == (
        D("38.20"), D("7.80"), D("30.40"))
    status = {c.check_id: str(c.status) for c in d.checks}
    # 05表 p15: 2011302 一般行政管理事务 4,545,000.00 元; 2011301 行政运行 9,389,913.00 元, quoted correctly
    # rounded as 938.99万元: a pass, not a rounding difference
    assert status["N.facts.item_amount:2011302"] == "pass"
    assert status["N.facts.item_amount:2011301"] == "pass"
    assert [c.check_id for c in d.checks if str(c.status) == "warn"] == []
    assert status["N.facts.three_public_total_budget"] == "pass"
