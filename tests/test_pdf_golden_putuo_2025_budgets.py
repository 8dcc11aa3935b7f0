"""Golden values of three Shanghai Putuo 2025 预算 PDFs, typed from the printed pages (元, published
in 万元), read through the pipeline up to the rows (no package validation):

- putuo-zhengfuban-2025-budget.pdf (上海市普陀区人民政府办公室, 部门预算): 01 p8, 02 pp9–10, 03 pp11–12,
  05 pp14–15, 三公 p20;
- putuo-zhengfuban-2025-unit-budget.pdf (the same office's 单位预算; cover names the 预算单位): the same
  figures on the same pages (03 pp11–12, 05 pp14–15, 三公 p20), 01 with 基本支出 人员经费/公用经费 and
  项目支出 columns (p8);
- putuo-shangwuwei-2025-unit-budget.pdf (上海市普陀区商务委员会 单位预算): 03 pp12–13 and 05 pp15–16 print
  the figures of the 部门预算 (tests/test_pdf_golden_shangwuwei_budget.py), 01 p9 with the extra
  columns, 三公 p21.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from generator.model import Disclosure
from generator.normalize.numbers import nfkc
from generator.pipeline import build_from_document, infer_meta, read_all
from tests.pdf_golden_support import REAL, D, amounts, needs_real
from tests.test_pdf_golden_shangwuwei_budget import CLASSES as SW_CLASSES
from tests.test_pdf_golden_shangwuwei_budget import EXPENDITURE as SW_EXPENDITURE

pytestmark = [needs_real, pytest.mark.realpdf]

ZF = "putuo-zhengfuban-2025-budget.pdf"
ZF_UNIT = "putuo-zhengfuban-2025-unit-budget.pdf"
SW_UNIT = "putuo-shangwuwei-2025-unit-budget.pdf"
YUAN = D(10000)
Z = D(0)


def wan(text: str) -> Decimal:
    return D(text.replace(",", "")) / YUAN


@cache
def disclosure(name: str) -> Disclosure:
    doc = read_all(REAL / name)
    return build_from_document(infer_meta(doc, REAL / name), doc)


# 03 部门支出预算总表 / 05 一般公共预算支出功能分类预算表 of the 人民政府办公室: code, name, 合计 基本支出 项目支出
ZF_EXPENDITURE = {
    "201": ("一般公共服务支出", "82,096,797.42 15,686,797.42 66,410,000.00"),
    "20103": ("政府办公厅（室）及相关机构事务", "82,096,797.42 15,686,797.42 66,410,000.00"),
    "2010301": ("行政运行", "12,029,501.84 11,919,501.84 110,000.00"),
    "2010302": ("一般行政管理事务", "46,140,000.00 - 46,140,000.00"),
    "2010350": ("事业运行", "3,807,295.58 3,767,295.58 40,000.00"),
    "2010399": ("其他政府办公厅（室）及相关机构事务支出", "20,120,000.00 - 20,120,000.00"),
    "208": ("社会保障和就业支出", "4,213,779.28 4,213,779.28 -"),
    "20805": ("行政事业单位养老支出", "4,213,779.28 4,213,779.28 -"),
    "2080501": ("行政单位离退休", "1,554,220.00 1,554,220.00 -"),
    "2080505": ("机关事业单位基本养老保险缴费支出", "1,763,159.52 1,763,159.52 -"),
    "2080506": ("机关事业单位职业年金缴费支出", "881,579.76 881,579.76 -"),
    "2080599": ("其他行政事业单位养老支出", "14,820.00 14,820.00 -"),
    "210": ("卫生健康支出", "1,097,073.43 1,097,073.43 -"),
    "21011": ("行政事业单位医疗", "1,097,073.43 1,097,073.43 -"),
    "2101101": ("行政单位医疗", "782,855.28 782,855.28 -"),
    "2101102": ("事业单位医疗", "314,218.15 314,218.15 -"),
    "221": ("住房保障支出", "3,609,125.22 3,609,125.22 -"),
    "22102": ("住房改革支出", "3,609,125.22 3,609,125.22 -"),
    "2210201": ("住房公积金", "1,741,445.22 1,741,445.22 -"),
    "2210203": ("购房补贴", "1,867,680.00 1,867,680.00 -"),
    "total": ("合计", "91,016,775.35 24,606,775.35 66,410,000.00"),
}
ZF_CLASSES = {c: v.split()[0] for c, (_, v) in ZF_EXPENDITURE.items() if len(c) == 3}
ZF_TOTAL = "91,016,775.35"

# the same 03 of the 商务委员会, with the names as printed (amounts: SW_EXPENDITURE)
SW_NAMES = {
    "201": "一般公共服务支出", "20113": "商贸事务", "2011301": "行政运行", "2011302": "一般行政管理事务",
    "2011350": "事业运行", "2011399": "其他商贸事务支出", "206": "科学技术支出", "20605": "科技条件与服务",
    "2060503": "科技条件专项", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休", "2080502": "事业单位离退休", "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出", "2080599": "其他行政事业单位养老支出", "210": "卫生健康支出",
    "21011": "行政事业单位医疗", "2101101": "行政单位医疗", "2101102": "事业单位医疗",
    "215": "资源勘探工业信息等支出", "21508": "支持中小企业发展和管理支出",
    "2150899": "其他支持中小企业发展和管理支出", "216": "商业服务业等支出", "21699": "其他商业服务业等支出",
    "2169999": "其他商业服务业等支出", "221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金",
    "2210203": "购房补贴", "total": "合计",
}
SW_TOTAL = "371,514,655.00"

ZF_CASE = ({c: n for c, (n, _) in ZF_EXPENDITURE.items()}, {c: v for c, (_, v) in ZF_EXPENDITURE.items()},
           ZF_CLASSES, ZF_TOTAL)
CASES = {ZF: ZF_CASE, ZF_UNIT: ZF_CASE, SW_UNIT: (SW_NAMES, SW_EXPENDITURE, SW_CLASSES, SW_TOTAL)}
pdfs = pytest.mark.parametrize("name", list(CASES), ids=[n.removesuffix(".pdf") for n in CASES])


def _rows(rows) -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    for r in rows:
        assert r.code not in out, f"duplicate row {r.code}"
        out[r.code] = (nfkc(r.name).strip(), r.total, r.basic, r.project)
    return out


def _want(name: str) -> dict[str, tuple]:
    names, values, _, _ = CASES[name]
    return {c: (nfkc(names[c]), *amounts(v, YUAN)) for c, v in values.items()}


@pdfs
def test_expenditure_every_row(name: str) -> None:
    d = disclosure(name)
    got = _rows(d.expenditure_by_function)
    assert got == _want(name)
    assert all(r.reserve is None for r in d.expenditure_by_function)  # no 单位预留机动经费 in Shanghai


@pdfs
def test_general_budget_every_row(name: str) -> None:
    got = {c: v[1:] for c, v in _rows(disclosure(name).general_budget_expenditure).items()}
    assert got == {c: v[1:] for c, v in _want(name).items()}


@pdfs
def test_income_every_row(name: str) -> None:
    # 02 收入预算总表: 合计 = 财政拨款收入 in every row; 事业收入, 事业单位经营收入, 其他收入 blank
    _, values, _, _ = CASES[name]
    rows = {r.code: (r.total, r.fiscal_appropriation, r.business_income, r.operating_income, r.other_income)
            for r in disclosure(name).income_by_function}
    assert rows == {c: amounts(f"{v.split()[0]} {v.split()[0]} - - -", YUAN) for c, v in values.items()}


@pdfs
def test_summary_totals_and_classes(name: str) -> None:
    # 01 财务收支预算总表: 一、财政拨款收入 = 1. 一般公共预算资金 = 收入总计 = 支出总计; the 类 lines
    _, _, classes, total = CASES[name]
    got = {(r.side, r.item_key, r.code): r.amount for r in disclosure(name).summary if r.statement == "overall"}
    want = {
        ("income", "fiscal_appropriation", ""): wan(total),
        ("income", "general_budget_appropriation", ""): wan(total),
        ("income", "gov_fund_appropriation", ""): Z,
        ("income", "state_capital_appropriation", ""): Z,
        ("income", "business_income", ""): Z,
        ("income", "operating_income", ""): Z,
        ("income", "other_income", ""): Z,
        ("income", "income_total", ""): wan(total),
        ("expenditure", "expenditure_total", ""): wan(total),
    }
    want |= {("expenditure", "function_class", c): wan(v) for c, v in classes.items()}
    assert got == want


@pytest.mark.parametrize(
    ("name", "figures"),
    [
        # p20: 合计 867.50 | 因公出国(境)费 839.00 | 公务接待费 28.50 | 车 小计/购置费/运行费 blank |
        # 机关运行经费预算数 213.28 (x-positions checked: 839.00 sits under 因公出国(境)费)
        (ZF, ("867.50", "839.00", "28.50", "213.28")),
        (ZF_UNIT, ("867.50", "839.00", "28.50", "213.28")),
        # p21: 合计 1.00 | 因公出国 blank | 公务接待费 1.00 | 车 blank | 机关运行经费 171.01
        (SW_UNIT, ("1.00", "0", "1.00", "171.01")),
    ],
    ids=["zhengfuban", "zhengfuban-unit", "shangwuwei-unit"],
)
def test_three_public_and_operating_cost(name: str, figures: tuple[str, ...]) -> None:
    total, overseas, reception, operating = (D(f) for f in figures)
    d = disclosure(name)
    assert {r.item_key: r.amount for r in d.three_public if r.phase == "budget"} == {
        "total": total, "overseas": overseas, "reception": reception,
        "vehicle": Z, "vehicle_purchase": Z, "vehicle_operation": Z,
    }
    assert {r.source_ref for r in d.three_public} == {f"T09:p{20 if name != SW_UNIT else 21}"}
    # the 机关运行经费 column is a fact of its own, not a 三公 item
    assert [f.value for f in d.facts if f.topic_key == "operating_cost@three_public_table"] == [operating]


@pytest.mark.parametrize("name", [ZF, ZF_UNIT])
def test_narrative_items_named_by_a_dashed_path(name: str) -> None:
    # p6: 1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元;
    # 2. “…-一般行政管理事务”科目4,614万元 — the 05表 lines 2010301 and 2010302
    d = disclosure(name)
    facts = {f.topic_key: f.value for f in d.facts}
    assert facts["item_amount:2010301"] == D("1202.95")
    assert facts["item_amount:2010302"] == D("4614")
    status = {c.check_id: str(c.status) for c in d.checks}
    assert status["N.facts.item_amount:2010302"] == "pass"
