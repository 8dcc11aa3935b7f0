"""Golden budget_execution rows of jiangan-2023-final.txt (plain text, L893–L975)."""

from decimal import Decimal

from generator.narrative.execution import execution_rows
from tests.test_facts_common import load

D = Decimal
EXPECTED = [
    ("2080505", "机关事业单位基本养老保险缴费支出", D("10.05"), D("18.69"), D("186.0")),
    ("2089999", "其他社会保障和就业支出", D("0"), D("0.09"), None),
    ("2101101", "行政单位医疗", D("5.14"), D("4.84"), D("94.2")),
    ("2101103", "公务员医疗补助", D("8.55"), D("9.03"), D("105.6")),
    ("2101301", "城乡医疗救助", D("1368"), D("966.29"), D("70.6")),
    ("2101501", "行政运行", D("136.78"), D("132.18"), D("96.6")),
    ("2101502", "一般行政管理事务", D("78.64"), D("76.74"), D("97.6")),
    ("2210201", "住房公积金", D("16.51"), D("15.65"), D("94.8")),
    ("2210202", "提租补贴", D("3.06"), D("2.88"), D("94.1")),
    ("2210203", "购房补贴", D("7.62"), D("7.68"), D("100.8")),
]


def test_rows():
    rows, problems = execution_rows(load("jiangan-2023-final.txt"))
    assert problems == []
    assert [(r.code, r.name, r.initial_budget, r.final, r.completion_rate) for r in rows] == EXPECTED


def test_reasons_and_totals():
    rows, _ = execution_rows(load("jiangan-2023-final.txt"))
    assert rows[1].reason == "追加了工伤保险缴费支出"
    assert rows[4].reason.startswith("医疗救助经费增加,因医保系统升级改造")
    assert rows[4].reason.endswith("2023年予以拨付")
    assert rows[5].reason == ""
    assert sum(r.initial_budget for r in rows) == D("1634.35")
    assert sum(r.final for r in rows) == D("1234.07")
