"""Golden tests: cangxi-2024-final.md, 14 部门预算项目支出绩效自评表 (values typed from the source)."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from generator.performance import extract_performance
from generator.read import read_document

SOURCE = Path(__file__).resolve().parent.parent / "sources" / "cangxi-2024-final.md"


@pytest.fixture(scope="module")
def result():
    return extract_performance(read_document(SOURCE))


# code, name, 年初预算, 调整后预算数, 预算执行数, 执行率, 总分, ref
PROJECTS = [
    (
        "51082422T000005557900",
        "川财社〔2021〕149号提前下达中央和省级财政城乡医疗救助补助资金",
        "0.00",
        "4.96",
        "4.96",
        "100.00",
        "100",
        "L478",
    ),
    (
        "51082422Y000005716207",
        "县医疗保障局城乡医疗救助审核发放管理经费",
        "0.00",
        "2.10",
        "1.98",
        "94.01",
        "99",
        "L499",
    ),
    (
        "51082422Y000005716286",
        "县医疗保障局医保转移、医保异地报销邮寄费及基金收支银行手续费",
        "0.00",
        "0.91",
        "0.91",
        "100.00",
        "100",
        "L527",
    ),
    (
        "51082422Y00005716448",
        "县医疗保障局医保基金报账及监督管理工作经费",
        "0.00",
        "2.06",
        "1.24",
        "60.00",
        "96",
        "L555",
    ),
    ("51082423T000008557907", "县医保局驻村帮扶经费", "0.00", "1.41", "1.02", "71.99", "99", "L582"),
    (
        "51082423T000009750293",
        "县医疗保障局2022年筹资工作经费",
        "0.00",
        "1.72",
        "1.72",
        "100.00",
        "100",
        "L609",
    ),
    ("51082424T000010970722", "县医保局驻村帮扶经费(2024)", "3.00", "3.31", "1.79", "54.10", "98", "L633"),
    (
        "51082424T000011353840",
        "县医保局城乡医疗救助(2024)",
        "361.00",
        "361.00",
        "361.00",
        "100.00",
        "100",
        "L661",
    ),
    (
        "51082424T000011355077",
        "县医保局建国初期老干部医疗照顾资金(2024)",
        "13.00",
        "13.00",
        "0.00",
        "0.00",
        "70",
        "L687",
    ),
    (
        "51082424T000011457448",
        "县医保局医疗监管财政代管资金(2024)",
        "0.00",
        "40.78",
        "4.75",
        "11.64",
        "91",
        "L713",
    ),
    (
        "51082424T000011510867",
        "县医保局电子医保推广与移动支付建设经费(2024)",
        "0.00",
        "20.50",
        "15.11",
        "73.73",
        "97",
        "L739",
    ),
    (
        "51082424T000011740487",
        "县医保局医疗服务与保障能力提升补助资金(2024)",
        "0.00",
        "16.00",
        "15.88",
        "99.26",
        "100",
        "L768",
    ),
    (
        "51082424Y000011101136",
        "县医保局医疗保障业务经办专项经费(2024)",
        "36.00",
        "36.00",
        "15.42",
        "42.83",
        "95",
        "L800",
    ),
    (
        "51082425T000012445089",
        "县医保局医疗服务与保障能力提升建设(2024)",
        "0.00",
        "52.00",
        "0.00",
        "0.00",
        "74",
        "L827",
    ),
]


def test_every_project_row(result):
    got = [
        (p.project_code, p.name, p.amount, p.adjusted, p.executed, p.execution_rate, p.score, p.source_ref)
        for p in result.projects
    ]
    expected = [(c, n, D(a), D(b), D(e), D(r), D(s), ref) for c, n, a, b, e, r, s, ref in PROJECTS]
    assert got == expected
    assert all(p.kind == "self_eval" and p.department_unit == "苍溪县医疗保障局" for p in result.projects)


def test_project_execution_total_matches_narrative_project_spending(result):
    # 情况说明 L114: 项目支出442.12万元; the 14 tables' 预算执行数 add up to less (reported, not forced)
    total = sum(p.executed for p in result.projects)
    assert total == D("425.78")  # 4.96+1.98+0.91+1.24+1.02+1.72+1.79+361+0+4.75+15.11+15.88+15.42+0


def _ind(result, project):
    return [
        (i.level1, i.level2, i.level3, i.operator, i.target, i.unit, i.actual, i.weight, i.score)
        for i in result.indicators
        if i.project == project
    ]


def test_indicators_first_project(result):
    assert _ind(result, PROJECTS[0][1]) == [
        ("产出指标", "时效指标", "“一站式”即时结算覆盖率", "=", "100", "%", "100%", D(50), D(50)),
        ("效益指标", "经济效益指标", "困难群众医疗费用减轻程度", "≥", "90", "%", "90%", D(30), D(30)),
        ("满意度指标", "服务对象满意度指标", "帮扶对象满意度", "≥", "95", "%", "95%", D(10), D(10)),
    ]


def test_indicators_merged_labels_and_no_score_column(result):
    # L582 table: blank 一级/二级 cells continue the row above; the table has no 得分 column
    assert _ind(result, "县医保局驻村帮扶经费") == [
        ("产出指标", "数量指标", "驻村干部人数", "=", "3", "人", "3人", D(10), None),
        ("产出指标", "数量指标", "费用支付合规性", "", "好", "", "好", D(10), None),
        ("产出指标", "质量指标", "按月发放补助", "=", "100", "%", "100%", D(10), None),
        ("产出指标", "质量指标", "出勤率", "≥", "96", "%", "96%", D(10), None),
        ("效益指标", "经济效益指标", "带动帮扶村增收", "", "好", "", "好", D(10), None),
        ("效益指标", "社会效益指标", "驻村工作队带动帮扶村发展", "", "好", "", "好", D(15), None),
        ("满意度指标", "帮扶对象满意度指标", "群众认可度", "≥", "90", "%", "90%", D(5), None),
        ("成本指标", "经济成本指标", "生活补助", "=", "25", "元/天", "25元/天", D(10), None),
        ("成本指标", "经济成本指标", "通讯补助", "=", "15", "元/天", "15元/天", D(10), None),
    ]


def test_indicators_weight_and_score_in_one_cell(result):
    # L853-856: "5 0" = 权重 5, 得分 0; actual printed as 0
    rows = _ind(result, "县医保局医疗服务与保障能力提升建设(2024)")
    assert rows[-4:] == [
        ("成本指标", "经济成本指标", "信息化标准化", "=", "26", "万元", "0", D(5), D(0)),
        ("成本指标", "经济成本指标", "宣传培训", "=", "7", "万元", "0", D(3), D(0)),
        ("成本指标", "经济成本指标", "基金监管", "=", "15", "万元", "0", D(3), D(0)),
        ("成本指标", "经济成本指标", "经办管理", "=", "20", "万元", "0", D(3), D(0)),
    ]
    assert rows[0] == ("产出指标", "数量指标", "基本医保参保人数", "≥", "57.08", "万人", "50万人", D(3), D(3))


def test_indicator_counts(result):
    counts = [sum(1 for i in result.indicators if i.project == p[1]) for p in PROJECTS]
    assert counts == [3, 9, 9, 9, 9, 5, 9, 8, 7, 7, 9, 15, 8, 19]
    keys = [(i.project, i.level1, i.level2, i.level3) for i in result.indicators]
    assert len(keys) == len(set(keys))


def test_shifted_cells(result):
    by_ref = {i.source_ref: i for i in result.indicators}
    # L544 prints the operator as ≡
    assert (by_ref["L544"].operator, by_ref["L544"].target) == ("=", "100")
    # L819: "评价 结论 | 项目负责人：| 经济成本指标 | 成本控制": the form's labels are dropped
    assert (by_ref["L819"].level1, by_ref["L819"].level2, by_ref["L819"].level3) == (
        "成本指标",
        "经济成本指标",
        "成本控制",
    )
    # L514: 成本指标 in the 二级指标 column of an older-template table
    assert (by_ref["L514"].level1, by_ref["L514"].level2) == ("产出指标", "成本指标")
    # L700: the lone 0 stands in the 权重 column of a table without a 得分 column
    assert (by_ref["L700"].level3, by_ref["L700"].actual, by_ref["L700"].weight, by_ref["L700"].score) == (
        "门诊补助完成率",
        "",
        D(0),
        None,
    )


def test_inconsistencies_reported(result):
    text = "\n".join(result.problems)
    assert "L609 '县医疗保障局2022年筹资工作经费': weights sum to 110" in text
    assert "L687 '县医保局建国初期老干部医疗照顾资金(2024)': weights sum to 90" in text
    # L700 "门诊补助完成率 = 100 % (完成值 empty) 0": the table has no 得分 column (header ends
    # at 权重, L698), so the 0 is published as the weight it is positioned as, and reported
    assert "L700: 权重 column prints 0 for '门诊补助完成率'" in text
    assert "a 权重 of 10 would make the weights sum to 100" in text
    assert "L827 '县医保局医疗服务与保障能力提升建设(2024)': weights sum to 98" in text
    assert "total score 91 taken from 评价结论" in text
    # every printed 执行率 fits its rounded 执行数/预算数
    assert "预算执行率" not in text
    assert result.raw_lines == []
