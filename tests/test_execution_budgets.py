"""Budget disclosures state no 年初预算 vs 决算 per item; execution extraction is empty there."""

from pathlib import Path

from generator.model import Document, Line
from generator.narrative.execution import execution_rows, extract_budget_execution
from tests.test_facts_common import load


def test_budget_sources_have_no_rows():
    assert extract_budget_execution(load("huaxian-2024-budget.txt")) == []
    assert extract_budget_execution(load("shanhaiguan-2024-budget.txt")) == []


def test_unknown_names_are_kept_and_reported():
    doc = Document(
        Path("x.md"),
        "markdown",
        [
            Line("第三部分 情况说明", "L1"),
            Line("五、一般公共预算财政拨款支出决算情况说明", "L2"),
            Line("1. 卫生健康支出(类)不存在的款(款)不存在的项(项)。年初预算为1万元,支出决算为2万元,完成年初预算的200%。", "L3"),
        ],
    )
    rows, problems = execution_rows(doc)
    assert [(r.code, r.name, r.completion_rate) for r in rows] == [("", "不存在的项", 200)]
    assert problems and "不存在的款" in problems[0] and "L3" in problems[0]
