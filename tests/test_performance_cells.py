"""Unit tests of the performance helpers."""

from decimal import Decimal as D

import pytest

from generator.model import IndicatorRow, Line
from generator.performance.cells import clean, make_unique, rate_consistent, split_target
from generator.performance.self_eval_cells import parse_table
from generator.performance.targets_text import _rebuild_amount, _split_by_width


@pytest.mark.parametrize(
    "printed,expected",
    [
        ("≥95%", ("≥", "95", "%")),
        ("≥ 90%", ("≥", "90", "%")),
        ("＞1家", (">", "1", "家")),
        ("≤30 分钟", ("≤", "30", "分钟")),
        ("100%", ("", "100", "%")),
        ("有效保障", ("", "有效保障", "")),
        ("≤预算数", ("≤", "预算数", "")),
        ("印刷资料分数不小于五万份", ("", "印刷资料分数不小于五万份", "")),
    ],
)
def test_split_target(printed, expected):
    t = split_target(printed)
    assert (t.operator, t.target, t.unit) == expected


def test_clean_drops_layout_spaces():
    assert clean("县医疗保障局 2022 年筹资工作经费") == "县医疗保障局2022年筹资工作经费"
    assert clean("（2024）") == "(2024)"


def test_rate_consistent_uses_rounding_intervals():
    assert rate_consistent(D("94.01"), D("1.98"), D("2.10"))  # 1.975/2.105 .. 1.985/2.095
    assert rate_consistent(D("100"), D("11.8"), D("11.8"))
    assert not rate_consistent(D("90.00"), D("1.98"), D("2.10"))


def test_make_unique_suffixes_repeats():
    rows = [IndicatorRow("p", "a", "b", "c", "", "1", "", "", None, None, f"L{i}") for i in range(3)]
    problems: list[str] = []
    out = make_unique(rows, problems, "f")
    assert [r.level3 for r in out] == ["c", "c (2)", "c (3)"]
    assert len(problems) == 2


def test_rebuild_broken_amount():
    # 12表: "22,480.92" printed as "22,48" + "0.92"; "250.00" as "250.0" + "0"
    assert _rebuild_amount(["22,48", "0.92", "x"], 0) == (D("22480.92"), 2)
    assert _rebuild_amount(["250.0", "0"], 0) == (D("250.00"), 2)
    assert _rebuild_amount(["项目总成"], 0) == (None, 0)


def test_split_by_width():
    assert _split_by_width(["基金实现结余、参保群众", "满意", "按要求完成", "目标任务"]) == (
        "基金实现结余、参保群众满意",
        "按要求完成目标任务",
    )


def _row(ref, *cells):
    return Line(" ".join(c for c in cells if c), ref, tuple(cells))


def test_self_eval_table_minimal_and_rate_problem():
    lines = [
        _row("L1", "项目名称", "", "123456789012345-测试项目"),
        _row("L2", "主管部门", "某局", "实施单位", "某单位"),
        _row(
            "L3",
            "预算执行情况",
            "年度预算数（万元）",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
        ),
        _row("L4", "", "总额", "1.00", "2.00", "1.00", "90.00%", "10", "9"),
        _row(
            "L5",
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
        ),
        _row("L6", "", "产出指标", "数量指标", "人数", "≥", "3", "人", "3人", "90", "90"),
        _row("L7", "", "", "合计", "", "", "", "", "", "100", "99"),
    ]
    parsed = parse_table(lines, "t.md")
    assert parsed.understood
    p = parsed.project
    assert (p.project_code, p.name, p.amount, p.adjusted, p.executed, p.execution_rate, p.score) == (
        "123456789012345",
        "测试项目",
        D("1.00"),
        D("2.00"),
        D("1.00"),
        D("90.00"),
        D(99),
    )
    assert p.department_unit == "某单位"
    text = "\n".join(parsed.problems)
    assert "预算执行率 90.00% does not follow" in text
    assert "scores sum to 99" not in text  # 9 + 90 = 99 matches


def test_self_eval_table_not_understood():
    parsed = parse_table([_row("L1", "项目名称", "x"), _row("L2", "a", "b")], "t.md")
    assert not parsed.understood and "not understood" in parsed.reason
