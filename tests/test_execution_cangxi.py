"""Golden budget_execution rows of cangxi-2024-final.md (五(三), L156–L184): no 年初预算 printed."""

from decimal import Decimal

from generator.narrative.execution import execution_rows, extract_budget_execution
from tests.test_facts_common import load

D = Decimal
EXPECTED = [
    ("2011308", "招商引资", D("1.72"), D("100")),
    ("2080505", "机关事业单位基本养老保险缴费支出", D("47.82"), D("100")),
    ("2080799", "其他就业补助支出", D("1.06"), D("100")),
    ("2101101", "行政单位医疗", D("7.06"), D("100")),
    ("2101102", "事业单位医疗", D("7.5"), D("100")),
    ("2101301", "城乡医疗救助", D("365.96"), D("100")),
    ("2101501", "行政运行", D("214.14"), D("98.7")),
    ("2101502", "一般行政管理事务", D("30.99"), D("35")),
    ("2101503", "机关服务", D("19.97"), D("100")),
    ("2101506", "医疗保障经办事务", D("19.55"), D("23.9")),
    ("2101550", "事业运行", D("137.98"), D("96.5")),
    ("2101599", "其他医疗保障管理事务支出", D("15.29"), D("83.1")),
    ("2101601", "老龄卫生健康事务", D("0"), D("0")),
    ("2130599", "其他巩固脱贫攻坚成果衔接乡村振兴支出", D("2.8"), D("59.3")),
    ("2210201", "住房公积金", D("36.6"), D("100")),
]


def test_rows():
    rows, problems = execution_rows(load("cangxi-2024-final.md"))
    assert problems == []
    assert [(r.code, r.name, r.final, r.completion_rate) for r in rows] == EXPECTED
    assert all(r.initial_budget is None for r in rows)


def test_reasons_and_sum():
    rows = extract_budget_execution(load("cangxi-2024-final.md"))
    assert rows[6].reason == "项目未实施完成"
    assert rows[0].reason == ""  # "决算数与预算数持平": no 主要原因
    assert rows[12].reason == "项目未实施完成"  # "决算数等于0的主要原因是…"
    assert sum(r.final for r in rows) == D("908.44")  # = 一般公共预算财政拨款支出
    assert rows[-1].source_ref == "narrative:L184"
