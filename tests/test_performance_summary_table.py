"""Golden tests: huaxian 预算12表 项目绩效目标汇总表 indicators (L994-L2612) and shanhaiguan
绩效目标表 资金支出计划 / 财政资金 / 其他资金. Values typed from the sources."""

from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import pytest

from generator.model import Line
from generator.performance import DEPARTMENT, extract_performance
from generator.performance.wrapped_cells import fragments, place_indicators
from generator.read import read_document

SOURCES = Path(__file__).resolve().parent.parent / "sources"
COLUMNS = ["成本指标", "产出指标", "效益指标", "满意度指标"]  # header L1016


@pytest.fixture(scope="module")
def hx():
    return extract_performance(read_document(SOURCES / "huaxian-2024-budget.txt"))


@pytest.fixture(scope="module")
def shg():
    return extract_performance(read_document(SOURCES / "shanhaiguan-2024-budget.txt"))


def _ind(result, project):
    return [
        (i.source_ref, i.level1, i.level2, i.level3, i.operator, i.target, i.unit)
        for i in result.indicators
        if i.project == project
    ]


def test_lixiu_ganbu(hx):
    # L1091-L1143: row 1 has all four columns, then three more 产出 rows
    assert _ind(hx, "2024年离休干部医疗费") == [
        ("L1091", "成本指标", "", "项目总成本", "≤", "2500000", "元"),
        ("L1103", "产出指标", "", "离休干部应保尽保", "", "100", "%"),
        ("L1108", "效益指标", "", "对离休干部医疗待遇持续保障情况", "", "有效保障", ""),
        ("L1122", "满意度指标", "", "保障对象满意度", "≥", "90", "%"),
        ("L1130", "产出指标", "", "定点医药机构协议管理签约率", "", "100", "%"),
        ("L1138", "产出指标", "", "基金滚存结余可支付月数", "≥", "2", "月"),
        ("L1143", "产出指标", "", "预算执行进度", "≥", "90", "%"),
    ]


def test_row_broken_by_a_page(hx):
    # L1288-L1301: "的满意" / "≥90%" / page break / " 0600" "6" / "险参保费 度"
    rows = _ind(hx, "2024年资助困难群众城乡居民医疗保险参保费")
    assert rows[:4] == [
        ("L1258", "成本指标", "", "项目总成本", "≤", "5763580", "元"),
        ("L1270", "产出指标", "", "资助参保人次数", "≥", "30000", "人次"),
        ("L1280", "效益指标", "", "困难群众救助覆盖率", "", "100", "%"),
        ("L1288", "满意度指标", "", "资助对象对资助工作的满意度", "≥", "90", "%"),
    ]
    assert rows[4:] == [
        ("L1303", "产出指标", "", "救助覆盖面", "", "100", "%"),
        ("L1305", "效益指标", "", "保障救助对象的基本医疗权益", "", "有效", ""),
        ("L1317", "产出指标", "", "资金累计结余率", "≤", "10", "%"),
        ("L1322", "产出指标", "", "违规截留、挤占、挪用基金发生率", "", "0", "%"),
        ("L1330", "产出指标", "", "资金规范管理情况", "", "规范", ""),
        ("L1335", "产出指标", "", "资助困难群众及时率", "≥", "95", "%"),
    ]


def test_county_medical_aid(hx):
    # L1598-L1746: two narrow (效益, 满意度) indicators per row in rows 1-2; a name's last line
    # printed after its centred value (L1722 "基金累计结余 ≤15%" / L1723 " 率")
    assert _ind(hx, "2024年城乡医疗救助县级补助资金") == [
        ("L1598", "成本指标", "", "项目总成本", "≤", "18000000", "元"),
        ("L1610", "产出指标", "", "资助参保人次数", "≥", "30000", "人次"),
        ("L1620", "效益指标", "", "困难群众救助覆盖率", "", "100", "%"),
        ("L1628", "满意度指标", "", "医疗救助对象政策知晓率", "≥", "85", "%"),
        ("L1638", "产出指标", "", "住院救助人次数", "≥", "10000", "人次"),
        ("L1648", "效益指标", "", "政策范围内个人负担比例", "", "较去年降低", ""),
        ("L1660", "满意度指标", "", "医疗救助对象对医疗救助工作满意度", "≥", "85", "%"),
        ("L1674", "产出指标", "", "门诊救助人次数", "≥", "10000", "人次"),
        ("L1684", "效益指标", "", "困难群众医疗费用救助结算便捷情况", "", "明显提高", ""),
        ("L1700", "产出指标", "", "救助覆盖面", "", "100", "%"),
        ("L1702", "效益指标", "", "困难群众就医负担", "", "有效缓解", ""),
        ("L1712", "产出指标", "", "门诊合规医疗费用救助比例", "≥", "30", "%"),
        ("L1717", "产出指标", "", "住院医疗费用救助比例", "≥", "65", "%"),
        ("L1722", "产出指标", "", "基金累计结余率", "≤", "15", "%"),
        ("L1725", "产出指标", "", "违规报销、截留、挤占、挪用基金发生率", "", "0", "%"),
        ("L1733", "产出指标", "", "预算执行率", "≥", "90", "%"),
        ("L1735", "产出指标", "", "基金规范管理情况", "", "规范", ""),
        ("L1740", "产出指标", "", "“一站式”即时结算覆盖地区", "≥", "90", "%"),
    ]


def test_wrapped_numbers_and_values(hx):
    rows = {(i.project, i.level3): (i.operator, i.target, i.unit) for i in hx.indicators}
    # L1472-L1478 "≥118" / "0000" / "人"; L1464-L1470 "≤8" "321" "400" "0 元"
    assert rows["2024年滑县城乡居民基本医疗保险县财政补助", "参保人数"] == ("≥", "1180000", "人")
    assert rows["2024年滑县城乡居民基本医疗保险县财政补助", "项目总成本"] == ("≤", "83214000", "元")
    # L1565-L1571 "各级财政补助" / "到位时限" / "一年" / "内"
    assert rows["2024年滑县城乡居民基本医疗保险县财政补助", "各级财政补助到位时限"] == ("", "一年内", "")
    # L1509-L1512: "改革执行情况" and "是" on adjacent lines are two cells
    assert rows["2024年滑县城乡居民基本医疗保险县财政补助", "开展门诊统筹改革执行情况"] == ("", "是", "")
    # L1783-L1786 "住院救助人次" / "≥100" / "0人次"
    assert rows["2024年特殊病种保险", "住院救助人次"] == ("≥", "1000", "人次")
    assert rows["2024年特殊病种保险", "项目总金额"] == ("≤", "9500000", "元")
    # L1959-L1963 "医保业务骨干" / "网络正常运行" / "≥90%" / " 率"
    assert rows["提前下达2024年医疗服务与保障能力提升补助资金", "医保业务骨干网络正常运行率"] == (
        "≥",
        "90",
        "%",
    )
    assert rows["提前下达2024年医疗服务与保障能力提升补助资金", "医保信息系统及骨干网络运行维护时间"] == (
        "≤",
        "30",
        "分钟",
    )
    # L2172-L2173 "住院医疗救助 ≥65%" / " 费用救助比例"
    assert rows["2024年中央和省级财政医疗救助补助资金城乡医疗救助资金", "住院医疗救助费用救助比例"] == (
        "≥",
        "65",
        "%",
    )
    # L2568-L2580 "≤2" "320" "000" ".00" "元"
    assert rows["预拨新冠患者救治费用中央和省级财政补助资金(预算安排)", "项目总金额"] == (
        "≤",
        "2320000.00",
        "元",
    )


def test_counts(hx):
    projects = [i for i in hx.indicators if i.project != DEPARTMENT]
    per_project = Counter(i.project for i in projects)
    assert len(per_project) == 12 and all(p.name in per_project for p in hx.projects)
    assert sum(per_project.values()) == 147
    assert per_project["2024年离休干部医疗费"] == 7
    assert per_project["2024年国家公务员医疗补助"] == 8
    assert per_project["2023医疗保障与服务能力提升补助资金(预算安排)"] == 15
    # one 成本 indicator per project
    by_level1 = Counter(i.level1 for i in projects)
    assert by_level1["成本指标"] == 12
    # 满意度: one per project, two in 滑县城乡居民 (L1488, L1501), 县级 (L1628, L1660), 中央和省级 (L2088, L2120)
    assert by_level1 == {"成本指标": 12, "产出指标": 94, "效益指标": 26, "满意度指标": 15}
    assert all(i.level2 == "" and i.actual == "" for i in projects)


def test_problems(hx):
    # the 成本 target of L2400 (≤300000元 = 30万元) does not cover the project's 30.32万元
    assert any("L2400: 成本指标" in p and "30.32" in p for p in hx.problems)
    # the other 11 cost targets fit the amount (printed to 0.01万元: ≤5763580元 for 576.36)
    assert sum("成本指标 '" in p for p in hx.problems) == 1
    assert any("placed by name" in p for p in hx.problems)


def _lines(*texts: tuple[int, str]) -> list[Line]:
    return [Line(t, f"L{n}") for n, t in texts]


def test_unplaceable_is_reported():
    # a value without a name (hand-made): reported, nothing published for the project
    frags = fragments(_lines((1, "项目总成"), (3, "本"), (5, "≤2"), (7, "元"), (9, "≥90%")))
    rows, problems, _, ok = place_indicators("P", frags, COLUMNS, "x.txt")
    assert not ok and any("value '≥90%' without a 三级指标" in p for p in problems)


def test_shanhaiguan_funds(shg):
    # L1613 预算数 8.00, 其中：财政资金 8.00, 其他资金 (blank); L2050 专项补助 102.50
    funds = {p.name: (p.amount, p.fiscal_funds, p.other_funds) for p in shg.projects}
    assert funds["基金专项审计及业务费"] == (D("8.00"), D("8.00"), D("0"))
    assert funds["专项补助"] == (D("102.50"), D("102.50"), D("0"))
    assert all(f == a and o == 0 for a, f, o in funds.values())


def test_shanhaiguan_spending_plan(shg):
    plan = [(r.project, r.period, r.amount, r.unit, r.source_ref) for r in shg.spending_plan]
    assert len(plan) == 24
    # L1624-L1634: 3月底 blank, 6月底 4.00, 10月底 blank, 12月底 8.00; the header prints （%） but
    # 8.00 is the 预算数 8.00 万元 (L1608), not 100: amounts in 万元, never published with unit %
    assert plan[:4] == [
        ("基金专项审计及业务费", "3月底", None, "万元", "L1630"),
        ("基金专项审计及业务费", "6月底", D("4.00"), "万元", "L1630"),
        ("基金专项审计及业务费", "10月底", None, "万元", "L1630"),
        ("基金专项审计及业务费", "12月底", D("8.00"), "万元", "L1630"),
    ]
    # L2066: 28.00 56.00 84.00 112.00 (预算数 102.50): neither 100 nor the budget, but the same
    # document's other plans are amounts: 万元 too (the check P.plan reports it above the budget)
    assert [r[2] for r in plan if r[0] == "专项补助"] == [D("28.00"), D("56.00"), D("84.00"), D("112.00")]
    assert {r[3] for r in plan} == {"万元"}
    # the % header contradicts the values: reported per table
    assert sum("资金支出计划 header prints the unit %" in p for p in shg.problems) == 6
    assert sum("published with unit 万元" in p for p in shg.problems) == 6
    assert any(
        "L2044 '专项补助': 资金支出计划 12月底 112.00 differs from 预算数 102.50" in p for p in shg.problems
    )
