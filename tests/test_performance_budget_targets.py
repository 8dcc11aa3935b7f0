"""Golden tests: target tables of the budgets (shanhaiguan 绩效目标表, huaxian 预算11表/12表)."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from generator.performance import DEPARTMENT, extract_performance
from generator.read import read_document

SOURCES = Path(__file__).resolve().parent.parent / "sources"


@pytest.fixture(scope="module")
def shg():
    return extract_performance(read_document(SOURCES / "shanhaiguan-2024-budget.txt"))


@pytest.fixture(scope="module")
def hx():
    return extract_performance(read_document(SOURCES / "huaxian-2024-budget.txt"))


def _ind(result, project):
    return [
        (i.level1, i.level2, i.level3, i.operator, i.target, i.unit, i.actual, i.weight, i.score)
        for i in result.indicators
        if i.project == project
    ]


def test_shanhaiguan_projects(shg):
    assert [(p.project_code, p.name, p.amount, p.source_ref, p.kind) for p in shg.projects] == [
        ("13030324P000001101934", "基金专项审计及业务费", D("8.00"), "L1608", "targets"),
        ("13030324P00000110194P", "全民参保业务经费", D("3.00"), "L1695", "targets"),
        ("13030324P000001101909", "人事代理专项补助", D("21.10"), "L1782", "targets"),
        ("13030324P00000110192G", "医保业务经费", D("32.00"), "L1869", "targets"),
        ("13030324P00000110196Y", "意外伤害险核查费", D("10.00"), "L1956", "targets"),
        ("13030324P00000110191W", "专项补助", D("102.50"), "L2044", "targets"),
    ]
    # 项目支出 of the budget tables (L426 etc.) is 176.60
    assert sum(p.amount for p in shg.projects) == D("176.60")


def test_shanhaiguan_indicators(shg):
    assert _ind(shg, "基金专项审计及业务费") == [
        ("产出指标", "数量指标", "完成率", "", "按时支付费用", "", "", None, None),
        ("产出指标", "质量指标", "完成质量", "", "足额支付费用", "", "", None, None),
        ("产出指标", "时效指标", "资金支付及时率", "≥", "95", "%", "", None, None),
        ("产出指标", "成本指标", "控制在预算资金内", "", "按要求控制在预算内", "", "", None, None),
        ("效益指标", "经济效益指标", "保障工作完成", "", "进一步保障", "", "", None, None),
        ("满意度指标", "服务对象满意度指标", "职工满意度", "≥", "95", "%", "", None, None),
    ]
    assert _ind(shg, "人事代理专项补助") == [
        ("产出指标", "数量指标", "支付工资及保险人员数量", "", "100", "%", "", None, None),
        ("产出指标", "质量指标", "工资及保险发放准确率", "", "100", "%", "", None, None),
        ("产出指标", "时效指标", "资金支付及时率", "", "100", "%", "", None, None),
        ("产出指标", "成本指标", "控制在预算资金内", "", "控制在预算资金内", "", "", None, None),
        ("效益指标", "经济效益指标", "资金使用效益", "", "提高工作效率", "", "", None, None),
        ("满意度指标", "服务对象满意度指标", "职工满意度", "≥", "95", "%", "", None, None),
    ]
    assert [sum(1 for i in shg.indicators if i.project == p.name) for p in shg.projects] == [6] * 6
    problems = "\n".join(shg.problems)
    assert "'专项补助': 资金支出计划 12月底 112.00 differs from 预算数 102.50" in problems


HX_PROJECTS = [
    ("410526240000000006004", "2024年离休干部医疗费", "250.00", "L1068"),
    ("410526240000000006005", "2024年国家公务员医疗补助", "6500.00", "L1145"),
    ("410526240000000006006", "2024年资助困难群众城乡居民医疗保险参保费", "576.36", "L1237"),
    ("410526240000000006007", "2024年城乡医疗救助资助困难群众参保费", "693.85", "L1340"),
    ("410526240000000006010", "2024年滑县城乡居民基本医疗保险县财政补助", "8321.40", "L1433"),
    ("410526240000000006011", "2024年城乡医疗救助县级补助资金", "1800.00", "L1573"),
    ("410526240000000006409", "2024年特殊病种保险", "950.00", "L1748"),
    ("410526240000000046002", "提前下达2024年医疗服务与保障能力提升补助资金", "41.00", "L1857"),
    ("410526240000000048403", "2024年中央和省级财政医疗救助补助资金城乡医疗救助资金", "3041.00", "L2027"),
    ("410526240000000074039", "2023医疗保障与服务能力提升补助资金(预算安排)", "45.00", "L2206"),
    ("410526240000000074415", "2023年医疗服务与保障能力提升补助资金项目中央资金(预算安排)", "30.32", "L2370"),
    ("410526240000000074442", "预拨新冠患者救治费用中央和省级财政补助资金(预算安排)", "232.00", "L2537"),
]


def test_huaxian_projects(hx):
    assert [(p.project_code, p.name, p.amount, p.source_ref) for p in hx.projects] == [
        (c, n, D(a), ref) for c, n, a, ref in HX_PROJECTS
    ]
    # 12 projects (narrative L236: 预算项目共 12 个, 资金总额 22480.92); the printed amounts add up
    # to 22480.93: reported, not forced
    assert sum(p.amount for p in hx.projects) == D("22480.93")
    assert any("sum to 22480.93, the table total is 22480.92" in p for p in hx.problems)
    # 12表 indicators are all placed: nothing kept raw
    assert hx.raw_lines == []


def test_huaxian_department_indicators(hx):
    dept = [i for i in hx.indicators if i.project == DEPARTMENT]
    rows = [(i.level1, i.level2, i.level3, i.operator, i.target, i.unit) for i in dept]
    assert all(i.actual == "" for i in dept)
    assert len(rows) == 30
    assert rows[:8] == [
        ("投入管理指标", "工作目标管理", "年度履职目标相关性", "", "相关", ""),
        ("投入管理指标", "工作目标管理", "工作任务科学性", "", "科学", ""),
        ("投入管理指标", "工作目标管理", "绩效指标合理性", "", "合理", ""),
        ("投入管理指标", "预算和财务管理", "预算编制完整性", "", "完整", ""),
        ("投入管理指标", "预算和财务管理", "专项资金细化率", "≥", "90", "%"),
        ("投入管理指标", "预算和财务管理", "预算执行率", "≥", "90", "%"),
        ("投入管理指标", "预算和财务管理", "预算调整率", "≤", "10", "%"),
        ("投入管理指标", "预算和财务管理", "结转结余率", "≤", "20", "%"),
    ]
    assert rows[15:] == [
        ("投入管理指标", "绩效管理", "绩效目标编制完成率", "", "100", "%"),
        ("投入管理指标", "绩效管理", "绩效监控完成率", "", "100", "%"),
        ("投入管理指标", "绩效管理", "绩效自评完成率", "", "100", "%"),
        ("投入管理指标", "绩效管理", "部门绩效评价完成率", "", "100", "%"),
        ("投入管理指标", "绩效管理", "评价结果应用率", "", "100", "%"),
        ("产出指标", "重点工作任务完成", "规范完善医疗保障待遇制度措施", "", "按要求完成目标任务", ""),
        (
            "产出指标",
            "重点工作任务完成",
            "提升医保经办管理服务水平",
            "",
            "增强优质服务、岗位练兵全员参与,成绩优异",
            "",
        ),
        (
            "产出指标",
            "重点工作任务完成",
            "健全完善基金监管安全体系",
            "",
            "基金监管常态化、交叉检查力争全覆盖",
            "",
        ),
        (
            "产出指标",
            "重点工作任务完成",
            "深入推进医药价格改革",
            "",
            "推进所有中选药品耗材落地使用、做好医药价格检测",
            "",
        ),
        ("产出指标", "重点工作任务完成", "加强和完善医药服务管理", "", "按国家要求稳步推进", ""),
        (
            "产出指标",
            "重点工作任务完成",
            "持续加强医保法治、信息化建设和规划落实工作",
            "",
            "深入推进,稳步落实",
            "",
        ),
        (
            "产出指标",
            "履职目标实现",
            "全面深化医保信息化标准化建设、深入推进支付方式改革、推进集采改革提速扩面、织密织实医保基金监管网、",
            "",
            "按要求完成目标任务",
            "",
        ),
        ("效益指标", "履职效益", "基金实现结余、参保群众满意", "", "按要求完成目标任务", ""),
        ("满意度", "", "参保群众满意度", "≥", "95", "%"),
        ("满意度", "", "服务对象满意度", "≥", "95", "%"),
    ]
