"""Golden budget_execution rows of jiangan-2024-final.md (五(三), L396–L411)."""

from decimal import Decimal

from generator.narrative.execution import execution_rows
from tests.test_facts_common import load

D = Decimal
# (code, name, 年初预算, 决算, 完成率, reason starts with)
EXPECTED = [
    ("2080505", "机关事业单位基本养老保险缴费支出", D("13.96"), D("13.98"), D("100.1"), "在职人员正常调整机关事业单位基本养老保险缴费基数"),
    ("2089999", "其他社会保障和就业支出", D("0.09"), D("0.14"), D("155.6"), "在职人员正常调整工伤保险缴费基数"),
    ("2100410", "突发公共卫生事件应急处置支出", D("0"), D("49.43"), None, "追加了突发公共卫生事件应急处置支出预算"),
    ("2101101", "行政单位医疗", D("5.03"), D("6.32"), D("125.6"), "在职人员正常调整行政单位医疗保险缴费基数"),
    ("2101103", "公务员医疗补助", D("0"), D("8.2"), None, "追加了公务员医疗补助支出预算"),
    ("2101301", "城乡医疗救助", D("1363"), D("1360.03"), D("99.8"), ""),
    ("2101501", "行政运行", D("117.03"), D("138.12"), D("118.0"), "追加了在职人员工资福利支出相关预算"),
    ("2101502", "一般行政管理事务", D("9.46"), D("27.31"), D("288.7"), "追加了医保资金监管等项目支出预算"),
    ("2210201", "住房公积金", D("15.75"), D("15.64"), D("99.3"), ""),
    ("2210202", "提租补贴", D("2.88"), D("2.87"), D("99.7"), ""),
    ("2210203", "购房补贴", D("0"), D("5.13"), None, "追加了购房补贴预算"),
]


def test_rows():
    rows, problems = execution_rows(load("jiangan-2024-final.md"))
    assert problems == []
    got = [(r.code, r.name, r.initial_budget, r.final, r.completion_rate, r.reason) for r in rows]
    assert got == EXPECTED


def test_refs_and_totals():
    rows, _ = execution_rows(load("jiangan-2024-final.md"))
    assert rows[0].source_ref == "narrative:L396"
    assert rows[7].source_ref == "narrative:L405"  # "8. 卫生健康支出(类)…一般行政" / "管理事务(项)。…"
    # the items add up to the stated 年初预算 1527.2 and 决算 1627.17
    assert sum(r.initial_budget for r in rows) == D("1527.20")
    assert sum(r.final for r in rows) == D("1627.17")
