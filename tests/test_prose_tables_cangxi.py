"""Statement rows read from cangxi's narrative (its appendix tables are missing).

Expected values were typed by reading sources/cangxi-2024-final.md, 第二部分
2024年度部门决算情况说明 (L92–L250) — not the 绩效评价报告 of the annex.
"""

from decimal import Decimal as D
from pathlib import Path

import pytest

from generator.model import Document, Kind, Line
from generator.narrative.prose_tables import ProseTables, tables_from_prose
from generator.read import read_document

SOURCES = Path(__file__).resolve().parent.parent / "sources"
ALL_KINDS = {
    Kind.SUMMARY, Kind.INCOME, Kind.EXPENDITURE, Kind.FISCAL_SUMMARY, Kind.GENERAL_BUDGET,
    Kind.BASIC_ECONOMIC, Kind.GOV_FUND, Kind.STATE_CAPITAL, Kind.THREE_PUBLIC,
}  # fmt: skip
RESOURCES = (
    "summary", "income_by_function", "expenditure_by_function", "general_budget_expenditure",
    "basic_expenditure_economic", "three_public", "facts",
)  # fmt: skip


@pytest.fixture(scope="module")
def cangxi() -> ProseTables:
    doc = read_document(SOURCES / "cangxi-2024-final.md")
    return tables_from_prose(doc, "final", set())


def test_summary(cangxi: ProseTables) -> None:
    got = [(r.statement, r.side, r.item_key, r.code, r.name, r.amount, r.source_ref) for r in cangxi.summary]
    assert got == [
        # L96 收入、支出总计均为949.22万元 (not the 23278.10 of another document)
        ("overall", "income", "income_total", "", "收入总计", D("949.22"), "narrative:L96"),
        ("overall", "expenditure", "expenditure_total", "", "支出总计", D("949.22"), "narrative:L96"),
        # L105 本年收入合计949.13万元 … 一般公共预算财政拨款收入908.44万元 … 其他收入40.68万元
        ("overall", "income", "income_subtotal", "", "本年收入合计", D("949.13"), "narrative:L105"),
        ("overall", "income", "general_budget_appropriation", "", "一般公共预算财政拨款收入", D("908.44"),
         "narrative:L105"),
        ("overall", "income", "other_income", "", "其他收入", D("40.68"), "narrative:L105"),
        # L114 本年支出合计913.19万元
        ("overall", "expenditure", "expenditure_subtotal", "", "本年支出合计", D("913.19"), "narrative:L114"),
        # L123 财政拨款收入、支出总计均为908.44万元
        ("fiscal", "income", "income_total", "", "财政拨款收入总计", D("908.44"), "narrative:L123"),
        ("fiscal", "expenditure", "expenditure_total", "", "财政拨款支出总计", D("908.44"), "narrative:L123"),
        # annex 1 (绩效评价报告) L381: 2024 年年末结转结余为 36.03 万元
        ("overall", "expenditure", "closing_balance", "", "年末结转结余", D("36.03"), "narrative:L381"),
    ]
    # nothing stated for 年初结转和结余: no row (not derived)
    assert not any(r.item_key == "opening_balance" for r in cangxi.summary)


def test_closing_balance_from_the_evaluation_report(cangxi: ProseTables) -> None:
    """The 情况说明 does not state 年末结转和结余; the 绩效评价报告 (annex 1) does, as the year-end
    balance: L381 "2024 年年末结转结余为 36.03 万元" (L361 "决算报表结转36.03万元" agrees)."""
    [row] = [r for r in cangxi.summary if r.item_key == "closing_balance"]
    assert (row.statement, row.side, row.code, row.name, row.amount, row.source_ref) == (
        "overall", "expenditure", "", "年末结转结余", D("36.03"), "narrative:L381",
    )


def test_income_and_expenditure_totals(cangxi: ProseTables) -> None:
    [inc] = cangxi.income_by_function
    assert (inc.code, inc.level, inc.name, inc.source_ref) == ("total", 0, "本年收入合计", "narrative:L105")
    assert (inc.total, inc.fiscal_appropriation, inc.other_income) == (D("949.13"), D("908.44"), D("40.68"))
    # not stated → None, not 0
    assert inc.upper_subsidy is inc.business_income is inc.operating_income is None
    assert inc.affiliated_income is inc.carryover is None

    [exp] = cangxi.expenditure_by_function
    assert (exp.code, exp.level, exp.name, exp.source_ref) == ("total", 0, "本年支出合计", "narrative:L114")
    assert (exp.total, exp.basic, exp.project) == (D("913.19"), D("471.07"), D("442.12"))
    assert exp.upper_payment is exp.operating is exp.affiliated_subsidy is None


def test_general_budget_expenditure(cangxi: ProseTables) -> None:
    got = [(r.code, r.level, r.name, r.total, r.basic, r.project, r.source_ref)
           for r in cangxi.general_budget_expenditure]
    assert got == [
        # L136 总体 908.44; basic 471.07 from L188 (一般公共预算财政拨款基本支出); project not stated
        ("total", 0, "一般公共预算财政拨款支出", D("908.44"), D("471.07"), None, "narrative:L136"),
        # L145 结构 (类)
        ("201", 1, "一般公共服务支出", D("1.72"), None, None, "narrative:L145"),
        ("208", 1, "社会保障和就业支出", D("48.88"), None, None, "narrative:L145"),
        ("210", 1, "卫生健康支出", D("818.44"), None, None, "narrative:L145"),
        ("221", 1, "住房保障支出", D("36.6"), None, None, "narrative:L145"),
        ("213", 1, "农林水支出", D("2.8"), None, None, "narrative:L145"),
        # L156–L184 具体 (项); no 款 amounts are stated, so no 款 rows
        ("2011308", 3, "招商引资", D("1.72"), None, None, "narrative:L156"),
        ("2080505", 3, "机关事业单位基本养老保险缴费支出", D("47.82"), None, None, "narrative:L158"),
        ("2080799", 3, "其他就业补助支出", D("1.06"), None, None, "narrative:L160"),
        ("2101101", 3, "行政单位医疗", D("7.06"), None, None, "narrative:L162"),
        ("2101102", 3, "事业单位医疗", D("7.5"), None, None, "narrative:L164"),
        ("2101301", 3, "城乡医疗救助", D("365.96"), None, None, "narrative:L166"),
        ("2101501", 3, "行政运行", D("214.14"), None, None, "narrative:L168"),
        ("2101502", 3, "一般行政管理事务", D("30.99"), None, None, "narrative:L170"),
        ("2101503", 3, "机关服务", D("19.97"), None, None, "narrative:L172"),
        ("2101506", 3, "医疗保障经办事务", D("19.55"), None, None, "narrative:L174"),
        ("2101550", 3, "事业运行", D("137.98"), None, None, "narrative:L176"),
        ("2101599", 3, "其他医疗保障管理事务支出", D("15.29"), None, None, "narrative:L178"),
        ("2101601", 3, "老龄卫生健康事务", D("0"), None, None, "narrative:L180"),
        ("2130599", 3, "其他巩固脱贫攻坚成果衔接乡村振兴支出", D("2.8"), None, None, "narrative:L182"),
        ("2210201", 3, "住房公积金", D("36.6"), None, None, "narrative:L184"),
    ]
    assert not any(r.level == 2 for r in cangxi.general_budget_expenditure)


def test_basic_expenditure_economic(cangxi: ProseTables) -> None:
    got = [(r.code, r.level, r.name, r.category, r.amount, r.source_ref)
           for r in cangxi.basic_expenditure_economic]
    p, u = "personnel", "public"
    personnel = [
        ("30101", "基本工资", "125.51"), ("30102", "津贴补贴", "41.97"), ("30103", "奖金", "108.54"),
        ("30107", "绩效工资", "42.87"), ("30108", "机关事业单位基本养老保险缴费", "47.82"),
        ("30110", "职工基本医疗保险缴费", "14.57"), ("30112", "其他社会保障缴费", "6.79"),
        ("30113", "住房公积金", "36.6"), ("30305", "生活补助", "2.52"), ("30309", "奖励金", "3.57"),
        ("30399", "其他对个人和家庭补助", "0.2"),
    ]  # fmt: skip
    public = [
        ("30201", "办公费", "5.03"), ("30202", "印刷费", "1.06"), ("30203", "咨询费", "0.6"),
        ("30205", "水费", "0.31"), ("30206", "电费", "6.7"), ("30207", "邮电费", "3.13"),
        ("30209", "物业管理费", "2.64"), ("30211", "差旅费", "2.54"), ("30213", "维修（护）费", "0.72"),
        ("30216", "培训费", "0.46"), ("30217", "公务接待费", "0.56"), ("30226", "劳务费", "2.13"),
        ("30227", "委托业务费", "0.16"), ("30228", "工会经费", "1.2"), ("30239", "其他交通费", "12.09"),
        ("30299", "其他商品和服务支出", "0.78"),
    ]  # fmt: skip
    assert got == (
        [("total_personnel", 0, "人员经费", p, D("430.96"), "narrative:L192")]
        + [(c, 2, n, p, D(a), "narrative:L192") for c, n, a in personnel]
        + [("total_public", 0, "公用经费", u, D("40.11"), "narrative:L194")]
        + [(c, 2, n, u, D(a), "narrative:L194") for c, n, a in public]
    )


def test_three_public(cangxi: ProseTables) -> None:
    got = [(r.phase, r.item_key, r.name, r.amount, r.source_ref) for r in cangxi.three_public]
    assert got == [
        ("final", "total", "“三公”经费财政拨款支出", D("0.56"), "narrative:L200"),
        ("final", "overseas", "因公出国（境）费支出", D("0"), "narrative:L204"),
        # "…支出决算0" (L204) / "万元" (L206): the figure is split over two lines
        ("final", "vehicle", "公务用车购置及运行维护费支出", D("0"), "narrative:L204"),
        ("final", "reception", "公务接待费支出", D("0.56"), "narrative:L206"),
        # L213 "年初未安排预算"
        ("budget", "overseas", "因公出国（境）经费", D("0"), "narrative:L213"),
        ("final", "vehicle_purchase", "公务用车购置支出", D("0"), "narrative:L216"),
        ("final", "vehicle_operation", "公务用车运行维护费支出", D("0"), "narrative:L218"),
    ]
    # 完成预算35% is a rate: the budget amount is not stated, so no budget total/reception row
    assert not any(r.phase == "budget" and r.item_key in ("total", "reception") for r in cangxi.three_public)


def test_facts(cangxi: ProseTables) -> None:
    got = {f.topic_key: (f.value, f.unit, f.source_ref) for f in cangxi.facts}
    assert got == {
        "vehicles_purchased": (D("0"), "辆", "narrative:L216"),
        "vehicles_owned": (D("0"), "辆", "narrative:L216"),
        "reception_domestic": (D("0.56"), "万元", "narrative:L222"),
        "reception_domestic_batches": (D("5"), "批次", "narrative:L222"),
        "reception_domestic_persons": (D("65"), "人次", "narrative:L222"),
        "reception_foreign": (D("0"), "万元", "narrative:L222"),
        "reception_foreign_batches": (D("0"), "批次", "narrative:L222"),
        "reception_foreign_persons": (D("0"), "人次", "narrative:L222"),
        "gov_fund_expenditure": (D("0"), "万元", "narrative:L226"),
        "state_capital_expenditure": (D("0"), "万元", "narrative:L230"),
    }
    quote = next(f.quote for f in cangxi.facts if f.topic_key == "gov_fund_expenditure")
    assert quote == "2024年度政府性基金预算财政拨款支出0万元，占本年支出合计的0%。"


def test_no_problems_and_counts(cangxi: ProseTables) -> None:
    assert cangxi.problems == []
    counts = {name: len(getattr(cangxi, name)) for name in RESOURCES}
    assert counts == {
        "summary": 9, "income_by_function": 1, "expenditure_by_function": 1,
        "general_budget_expenditure": 21, "basic_expenditure_economic": 29, "three_public": 7, "facts": 10,
    }  # fmt: skip
    assert len(cangxi.rows()) == sum(counts.values())


def test_annex_report_is_not_read(cangxi: ProseTables) -> None:
    # the 绩效评价报告 (L318…) states 898.62 (年初预算) / 1054.04 (部门预算总金额): not statement rows;
    # only its 年末结转结余 36.03 is (document_figures, above)
    amounts = {getattr(r, "amount", None) for r in cangxi.rows()} | {getattr(r, "total", None) for r in cangxi.rows()}
    assert not amounts & {D("898.62"), D("1054.04")}
    assert [r.item_key for r in cangxi.rows() if getattr(r, "amount", None) == D("36.03")] == ["closing_balance"]


def test_document_figure_conflict_and_stage() -> None:
    lines = ("第二部分 2024年度部门决算情况说明", "一、收入支出决算总体情况说明", "收入、支出总计均为10万元。",
             "第四部分 附件", "2024年年末结转结余为1.5万元。", "年末结转结余为2.5万元。")
    t = tables_from_prose(_doc(*lines), "final", set())
    assert not any(r.item_key == "closing_balance" for r in t.summary)
    assert len(t.problems) == 1 and "1.5 at L5" in t.problems[0] and "2.5 at L6" in t.problems[0]
    t = tables_from_prose(_doc(*lines[:5]), "final", set())
    assert [(r.amount, r.source_ref) for r in t.summary if r.item_key == "closing_balance"] == [(D("1.5"), "narrative:L5")]
    # a budget's 年末结转结余 is a plan, not the 决算 line: not read
    t = tables_from_prose(_doc(*lines[:5]), "budget", set())
    assert not any(r.item_key == "closing_balance" for r in t.summary)


def test_only_missing_kinds_are_filled() -> None:
    doc = read_document(SOURCES / "cangxi-2024-final.md")
    t = tables_from_prose(doc, "final", {Kind.SUMMARY, Kind.GENERAL_BUDGET, Kind.THREE_PUBLIC})
    assert t.summary and all(r.statement == "fiscal" for r in t.summary)
    assert t.general_budget_expenditure == [] and t.three_public == []
    assert len(t.basic_expenditure_economic) == 29 and len(t.income_by_function) == 1
    assert {f.topic_key for f in t.facts} == {"gov_fund_expenditure", "state_capital_expenditure"}


@pytest.mark.parametrize("name", ["jiangan-2024-final.md", "jiangan-2023-final.txt"])
def test_documents_with_tables_yield_nothing(name: str) -> None:
    doc = read_document(SOURCES / name)
    t = tables_from_prose(doc, "final", set(ALL_KINDS))
    assert t.rows() == [] and t.problems == []


@pytest.mark.parametrize(
    "name", ["jiangan-2024-final.md", "jiangan-2023-final.txt", "huaxian-2024-budget.txt", "shanhaiguan-2024-budget.txt"]
)
def test_other_documents_never_raise(name: str) -> None:
    stage = "budget" if "budget" in name else "final"
    t = tables_from_prose(read_document(SOURCES / name), stage, set())
    assert all(r.source_ref.startswith("narrative:L") for r in t.rows())


def _doc(*texts: str) -> Document:
    return Document(Path("x.md"), "markdown", [Line(t, f"L{i}") for i, t in enumerate(texts, start=1)])


def test_unplaced_figure_is_a_problem_not_a_row() -> None:
    doc = _doc("第二部分 2024年度部门决算情况说明", "二、收入决算情况说明",
               "2024年度本年收入合计10.5万元，其中：神秘收入3万元。")
    t = tables_from_prose(doc, "final", set())
    assert [r.item_key for r in t.summary] == ["income_subtotal"]
    assert len(t.problems) == 1 and "L3" in t.problems[0] and "神秘收入" in t.problems[0]


def test_conflicting_restatement_is_reported() -> None:
    doc = _doc("第二部分 2024年度部门决算情况说明", "五、一般公共预算财政拨款支出决算情况说明",
               "2024年度一般公共预算财政拨款支出10万元。", "2024年度一般公共预算财政拨款支出11万元。")
    t = tables_from_prose(doc, "final", set())
    assert [r.total for r in t.general_budget_expenditure] == [D("10")]
    assert len(t.problems) == 1 and "L4" in t.problems[0]


def test_no_narrative_part() -> None:
    t = tables_from_prose(_doc("随便一行 5万元"), "final", set())
    assert t.rows() == [] and len(t.problems) == 1
