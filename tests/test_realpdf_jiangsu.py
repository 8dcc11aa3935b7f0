"""Jiangsu 预算 PDFs the generator had never seen: layouts, vocabulary and metadata, with values typed
from the printed pages (../shared/real-pdfs; skipped when absent).

Read through the pipeline up to the rows (no package validation), so these tests are about reading."""

from __future__ import annotations

from functools import cache

import pytest

from generator.model import Disclosure
from generator.pipeline import build_from_document, infer_meta, read_all
from tests.pdf_golden_support import REAL, D, needs_real

pytestmark = [needs_real, pytest.mark.realpdf]


@cache
def disclosure(*names: str) -> Disclosure:
    paths = [REAL / n for n in names]
    doc = read_all(paths)
    return build_from_document(infer_meta(doc, paths[0]), doc)


def summary(d: Disclosure, side: str, key: str, code: str = "") -> D | None:
    rows = [r for r in d.summary if r.statement == "overall" and r.side == side and r.item_key == key
            and (not code or r.code == code)]
    assert len(rows) == 1, (side, key, code, rows)
    return rows[0].amount


@pytest.mark.parametrize(
    ("name", "department", "year"),
    [
        ("js-jianchayuan-2017-budget.pdf", "江苏省人民检察院", 2017),
        ("js-jianchayuan-2018-budget.pdf", "江苏省人民检察院", 2018),
        ("js-renda-2018-budget.pdf", "江苏省人大常委会办公厅", 2018),  # cover "…办公厅2018年度部门" / "预算公开"
        ("js-renda-2019-budget-tables.pdf", "江苏省人大常委会办公厅", 2019),  # year only in 2019年政府采购预算表
        ("putuo-shangwuwei-2025-budget.pdf", "上海市普陀区商务委员会", 2025),  # 预算主管部门：
        ("putuo-zhengfuban-2025-unit-budget.pdf", "上海市普陀区人民政府办公室", 2025),  # 预算单位：
    ],
)
def test_department_and_year_from_the_cover_or_the_tables(name: str, department: str, year: int) -> None:
    doc = read_all(REAL / name)
    meta = infer_meta(doc, REAL / name)
    assert (meta.department, meta.year, meta.stage) == (department, year, "budget")


def test_inline_numbered_titles_and_a_wrapped_title() -> None:
    # 公开01表:收支预算总表 … 公开 09 表:一般公共预算“三公”经费、会议费、培训费 / 支出预算表 (p19)
    d = disclosure("js-jianchayuan-2018-budget.pdf")
    numbered = {st.number: st.title for st in d.statements}
    assert numbered["01"] == "收支预算总表"
    assert numbered["09"] == "一般公共预算“三公”经费、会议费、培训费支出预算表"
    assert numbered["11"] == "一般公共预算机关运行经费支出预算表"
    assert len(d.statements) == 12


def test_summary_read_through_cell_shading() -> None:
    # p13: Word paints a white box behind every text line; the rows are the printed ones
    d = disclosure("js-jianchayuan-2018-budget.pdf")
    assert summary(d, "income", "fiscal_appropriation") == D("21940.96")
    assert summary(d, "income", "general_budget_appropriation") == D("21940.96")
    assert summary(d, "income", "other_funds") == D("14.39")
    assert summary(d, "income", "income_subtotal") == D("21955.35")
    assert summary(d, "expenditure", "function_class", "204") == D("16458.75")
    assert summary(d, "expenditure", "function_class", "208") == D("1836.22")
    assert summary(d, "expenditure", "function_class", "221") == D("3660.38")
    assert summary(d, "expenditure", "basic_expenditure") == D("13994.31")
    assert summary(d, "expenditure", "project_expenditure") == D("5573.00")
    assert summary(d, "expenditure", "reserve_expenditure") == D("2388.04")
    assert summary(d, "expenditure", "expenditure_total") == D("21955.35")


def test_income_fund_list_and_expenditure_reserve() -> None:
    d = disclosure("js-jianchayuan-2018-budget.pdf")
    (income,) = d.income_by_function
    assert (income.total, income.fiscal_appropriation, income.other_income) == (D("21955.35"), D("21940.96"), D("14.39"))
    (spending,) = d.expenditure_by_function
    assert (spending.total, spending.basic, spending.project, spending.reserve) == (
        D("21955.35"), D("13994.31"), D("5573.00"), D("2388.04"))
    assert not [c for c in d.checks if c.check_id in ("T03.total=basic+project", "T01.income_subtotal")
                and c.status == "fail"]


def test_three_public_with_meetings_and_training() -> None:
    d = disclosure("js-jianchayuan-2018-budget.pdf")
    got = {r.item_key: r.amount for r in d.three_public}
    assert got["grand_total"] == D("1384.74")
    assert (got["total"], got["overseas"], got["vehicle"], got["reception"]) == (
        D("484.30"), D("100.00"), D("267.80"), D("116.50"))
    assert (got["vehicle_operation"], got["meeting"], got["training"]) == (D("267.80"), D("200.44"), D("700.00"))


def test_fiscal_tables_and_operating_cost_have_their_own_resources() -> None:
    d = disclosure("js-jianchayuan-2018-budget.pdf")
    # 公开05表 财政拨款支出预算表 (p15–16)
    fiscal = {r.code: r.total for r in d.fiscal_expenditure_by_function}
    assert fiscal["total"] == D("21940.96")
    assert (fiscal["204"], fiscal["2040401"], fiscal["2210202"]) == (D("16444.36"), D("10883.36"), D("2586.61"))
    # 公开06表 财政拨款基本支出预算表 (p16–17)
    basic = {r.code: r.amount for r in d.fiscal_basic_expenditure_economic}
    assert (basic["301"], basic["30101"], basic["30309"]) == (D("10204.52"), D("2117.68"), D("1.04"))
    # 公开11表 一般公共预算机关运行经费支出预算表 (p20)
    cost = {r.code: r.amount for r in d.operating_cost_economic}
    assert (cost["302"], cost["30201"], cost["30211"]) == (D("2722.57"), D("130.00"), D("45.00"))


def test_page_numbers_are_not_rows() -> None:
    # js-renda-2018 p13: the page number 13 sits under the last row of 公开07表
    d = disclosure("js-renda-2018-budget.pdf")
    rows = {r.code: r.total for r in d.general_budget_expenditure}
    assert rows["total"] == D("15897.44") and rows["2010101"] == D("6372.32") and rows["2210202"] == D("1549.82")
    assert not any("13" == (r.name or "").strip() for r in d.general_budget_expenditure)


def test_text_and_tables_files_are_one_disclosure() -> None:
    d = disclosure("js-renda-2019-budget.pdf", "js-renda-2019-budget-tables.pdf")
    assert (d.meta.department, d.meta.year, d.meta.stage) == ("江苏省人大常委会办公厅", 2019, "budget")
    # the tables come from the second file: refs name it
    assert {st.ref for st in d.statements if st.number == "01"} == {"f2:p1"}
    assert summary(d, "expenditure", "function_class", "201") == D("13907.78")
    assert summary(d, "expenditure", "reserve_expenditure") == D("2557.89")
    (spending,) = d.expenditure_by_function
    assert (spending.total, spending.basic, spending.project, spending.reserve) == (
        D("18330.37"), D("9312.90"), D("6459.58"), D("2557.89"))
    # a statement listed in the text file's 目录 and printed in the tables file is not missing
    text_only = disclosure("js-renda-2019-budget.pdf")
    assert "T01.absent" in {c.check_id for c in text_only.checks}
    assert not [c.check_id for c in d.checks if c.check_id.endswith(".absent")]



def _checks(d: Disclosure) -> dict[str, tuple[str, D | None]]:
    return {c.check_id: (str(c.status), c.actual) for c in d.checks}


def test_item_statements_of_the_narrative_are_read_and_checked() -> None:
    # js-renda-2018 p24: 1.人大事务（款）行政运行（项）支出6372.32万元，与上年相比增加1826.38万元，增长40.18%;
    # the 财政拨款支出表 (p11) prints 2010101 行政运行 6,372.32
    d = disclosure("js-renda-2018-budget.pdf")
    facts = {f.topic_key: f.value for f in d.facts}
    assert facts["item_amount:2010101"] == D("6372.32")
    assert facts["item_amount:2010101_change"] == D("1826.38")
    assert facts["item_amount:2010101_change_pct"] == D("40.18")
    # p25: 住房改革支出（类）住房公积金（项）572.56万元 — the 款 22102 printed as 类
    assert facts["item_amount:2210201"] == D("572.56")
    checks = _checks(d)
    assert checks["N.facts.item_amount:2010101"] == ("pass", D("6372.32"))
    assert checks["N.facts.item_amount:2010101_change_pct"] == ("pass", D("40.18"))
    # p24: 财政拨款预算支出15897.44万元，占本年支出合计的100%
    assert checks["N.facts.fiscal_expenditure"] == ("pass", D("15897.44"))
    assert checks["N.facts.fiscal_expenditure_share_pct"] == ("pass", D("100"))


def test_an_item_name_is_looked_up_in_the_code_list_of_its_year() -> None:
    # js-jianchayuan-2018 p26: 公诉、审判、侦查、执行等检察监督支出（项）1,895万元 is 2040405 in 2018
    # (2040410 检察监督 from 2019 on)
    facts = {f.topic_key: f.value for f in disclosure("js-jianchayuan-2018-budget.pdf").facts}
    assert facts["item_amount:2040405"] == D("1895")
    assert "item_amount:2040410" not in facts


def test_a_class_change_rate_is_checked_against_the_table_its_level_restates() -> None:
    # js-jianchayuan-2018 p24: 公共安全（类）支出16,458.75万元 (03表, all funds) … 增加2,802.41万元，增长20.52%:
    # 2802.41 ÷ (16458.75 − 2802.41) = 20.52% (against 05表's 16,444.36 it would be 20.54%)
    checks = _checks(disclosure("js-jianchayuan-2018-budget.pdf"))
    assert checks["N.facts.class_amount:204_change_pct"] == ("pass", D("20.52"))
