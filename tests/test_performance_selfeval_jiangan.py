"""Golden tests: jiangan self-evaluation tables (values typed from the sources).

2024 (markdown, OCR'd cells): 部门整体绩效自评表 L552, 项目自评表 L592–L729.
2023 (plain text): 部门整体绩效自评表 L1662, 项目(绩效)自评表 L1789, L1926, L2060, L2148.
"""

from decimal import Decimal as D
from pathlib import Path

import pytest

from generator.performance import DEPARTMENT, extract_performance
from generator.performance.levels import LevelRow, assign_levels, equal_split, read_label
from generator.read import read_document

SOURCES = Path(__file__).resolve().parent.parent / "sources"


@pytest.fixture(scope="module")
def r24():
    return extract_performance(read_document(SOURCES / "jiangan-2024-final.md"))


@pytest.fixture(scope="module")
def r23():
    return extract_performance(read_document(SOURCES / "jiangan-2023-final.txt"))


def _projects(result):
    return [
        (p.name, p.adjusted, p.executed, p.execution_rate, p.score, p.source_ref) for p in result.projects
    ]


def _indicators(result, project):
    return [
        (i.level1, i.level2, i.level3, i.target, i.actual, i.score, i.source_ref)
        for i in result.indicators
        if i.project == project
    ]


def test_2024_projects(r24):
    assert _projects(r24) == [
        (DEPARTMENT, D("1627.17"), D("1627.17"), D(100), D(100), "L554"),
        ("部门日常管理经费", D("11.8"), D("11.8"), D(100), D(100), "L592 L386 L473"),  # amounts from the narrative
        ("医保资金监管经费", D("13.25"), D("13.25"), D(100), D(100), "L630 L387 L474"),  # table "13. 2 | 25" unreadable
        ("困难人员零星经费", D("0.07"), D("0.07"), D(100), D(100), "L654"),
        ("医疗救助经费", D("1359.96"), D("1359.96"), D(100), D(100), "L672"),
        ("疫情防控经费", D("49.43"), D("49.43"), D(100), D(100), "L691"),
        ("2024年第二批中央财政医疗服务与保障能力提升补助资金", D(3), D(3), D(100), D(100), "L711"),
    ]
    assert any("L601: 预算数/执行数 not readable" in p for p in r24.problems)
    assert any("L638: 预算数/执行数 not readable" in p for p in r24.problems)


def test_2024_indicators_supervision(r24):
    P, Q, S = "产出指标", "效益指标", "满意度指标"
    assert _indicators(r24, "医保资金监管经费") == [
        (P, "数量指标", "开展打击欺诈骗保维护基金安全政策宣传活动次数", "4次", "4次", D(10), "L640"),
        (P, "数量指标", "聘请第三方机构开展医保资金专项检查次数", "1次", "1次", D(10), "L641"),
        (P, "数量指标", "对辖区医疗机构开展专项检查", ">50家", ">50家", D(10), "L642"),
        (P, "数量指标", "对辖区医保定点药店进行专项检查", ">300家", ">300家", D(10), "L643"),
        (P, "质量指标", "投诉举报处置率、回复率", "100%", "100%", D(8), "L644"),
        (P, "质量指标", "第三方机构专项检查工作考核合格率", "100%", "100%", D(8), "L645"),
        (Q, "社会效益指标", "政策宣传专知晓率", "≥ 90%", "≥ 9 0%", D(8), "L646"),  # OCR as printed
        (Q, "社会效益指标", "减少医保骗保行为", "较上年有所减少", "较上年有所减少", D(8), "L647"),
        (S, "服务对象满意度指标", "举报投诉处置满意率", "≥ 95%", "≥ 95%", D(8), "L648"),
    ]
    # L643/L644 print no 二级指标 (merged cells): the choice is reported
    assert any("L643: 二级指标 not printed; read as 数量指标" in p for p in r24.problems)


def test_2024_indicators_epidemic_and_aid(r24):
    assert _indicators(r24, "疫情防控经费") == [
        (
            "产出指标",
            "数量指标",
            "采购原堤角方舱医院正常运行物资",
            "满足日常需求",
            "满足日常需求",
            D(16),
            "L701",
        ),
        ("产出指标", "质量指标", "采购物资符合相关标准", "100%", "100%", D(16), "L702"),
        ("产出指标", "时效指标", "采购物资配送及时性", "100%", "100%", D(16), "L703"),
        ("效益指标", "社会效益指标", "保障原堤角方舱医院正常运行", "保障", "保障", D(16), "L704"),
        ("满意度指标", "服务对象满意度指标", "利益相目关方满意度", "≥ 95%", "≥ 95%", D(16), "L705"),
    ]
    assert _indicators(r24, "医疗救助经费") == [
        ("成本指标", "经济成本指标", "医疗救助款", "不超过文件标准", "不超过文件标准", D(15), "L682"),
        ("产出指标", "数量指标", "各类医疗费用救助应报尽报率", "100%", "100%", D(15), "L683"),
        ("产出指标", "质量指标", "医疗救助经费拨付准确率", "100%", "100%", D(15), "L684"),
        ("产出指标", "时效指标", "医疗救助数助经费拨付及时率", "100%", "100%", D(15), "L685"),
        ("效益指标", "社会效益指标", "减轻特殊人群就医压力", "减轻", "减轻", D(10), "L686"),
        ("满意度指标", "服务对象满意度指标", "医疗救助对象满意度", "≥ 95%", "≥ 95%", D(10), "L687"),
    ]


def test_2024_department_table(r24):
    rows = _indicators(r24, DEPARTMENT)
    assert len(rows) == 8 + 7 + 7  # 年度目标 1, 2, 3
    assert rows[2] == ("产出指标", "数量指标", "对辖区医保定点药店进行专项检查", "", ">300家", D(5), "L562")
    assert rows[-1] == (
        "满意度指标",
        "服务对象满意度指标",
        "利益相关方满意度",
        "≥ 95%",
        "≥ 95%",
        D(2),
        "L586",
    )
    # 20 (预算执行) + 8×5 + 7×4 + (1+1+2+2+2+2+2) = 100 = 总分: no score problem
    assert not any("scores sum" in p for p in r24.problems)
    assert any("L562: 年初目标值 cell empty/lost" in p for p in r24.problems)


def test_2024_other_projects_counts(r24):
    counts = {p.name: len(_indicators(r24, p.name)) for p in r24.projects}
    assert counts == {
        DEPARTMENT: 22,
        "部门日常管理经费": 19,
        "医保资金监管经费": 9,
        "困难人员零星经费": 4,
        "医疗救助经费": 6,
        "疫情防控经费": 5,
        "2024年第二批中央财政医疗服务与保障能力提升补助资金": 6,
    }
    second = _indicators(r24, "2024年第二批中央财政医疗服务与保障能力提升补助资金")
    assert second[1] == (
        "产出指标",
        "数量指标",
        "城乡居民基本医疗保险参保人数",
        "17.37万人",
        "17.78万人",
        D(15),
        "L722",
    )


def test_2023_projects(r23):
    assert _projects(r23) == [
        (DEPARTMENT, D("1234.07"), D("1234.07"), D(100), D(100), "L1664"),
        ("部门日常管理经费", D("16.84"), D("16.84"), D(100), D(100), "L1791"),
        ("医保资金监管经费", D("59.91"), D("59.91"), D(100), D(100), "L1928"),
        ("困难人员零星经费", D("0.07"), D("0.07"), D(100), D(100), "L2062"),
        ("医疗救助经费", D("966.22"), D("966.22"), D(100), D(100), "L2150"),
    ]
    assert r23.projects[1].department_unit == "江岸区医疗保障局"
    # the narrative (L855) says 16.83: the table value is kept, both reported
    assert any("'部门日常管理经费' executed 16.83 (narrative) differs from 16.84" in p for p in r23.problems)
    assert any("'部门日常管理经费' adjusted 16.83 (narrative) differs from 16.84" in p for p in r23.problems)


def test_2023_indicators_small_projects(r23):
    assert _indicators(r23, "困难人员零星经费") == [
        ("产出指标", "数量指标", "困难人员零星费用应报尽报率", "100%", "100%", D(30), "L2116"),
        ("产出指标", "质量指标", "困难人员零星费用发放准确率", "100%", "100%", D(30), "L2122"),
        ("效益指标", "社会效益指标", "减轻特殊人群就医压力", "减轻", "减轻", D(20), "L2134"),
    ]
    # values printed in shifted rows (L2224, L2233) and a repeated indicator (L2238) are kept as printed
    assert _indicators(r23, "医疗救助经费") == [
        (
            "产出指标",
            "数量指标",
            "各类医疗费用救助应报尽报率",
            "不超过文件标准",
            "不超过文件标准",
            D(15),
            "L2203",
        ),
        ("产出指标", "质量指标", "医疗救助经费拨付准确率", "100%", "100%", D(15), "L2213"),
        ("产出指标", "时效指标", "医疗救助经费拨付及时率", "100%", "100%", D(15), "L2215"),
        ("效益指标", "社会效益指标", "减轻特殊人群就医压力", "100%", "100%", D(15), "L2224"),
        ("满意度指标", "服务对象满意度指标", "医疗救助对象满意度", "减轻", "减轻", D(10), "L2233"),
        ("产出指标", "数量指标", "各类医疗费用救助应报尽报率 (2)", "≥95%", "≥95%", D(10), "L2238"),
    ]


def test_2023_indicators_supervision(r23):
    P = "产出指标"
    assert _indicators(r23, "医保资金监管经费") == [
        (P, "数量指标", "开展打击欺诈骗保维护基金安全政策宣传活动次数", "4次", "4次", D(10), "L1996"),
        (P, "数量指标", "聘请第三方机构开展医保资金专项检查次数", "1次", "1次", D(10), "L2001"),
        (P, "数量指标", "开展医保监管技能培训及业务学习次数", "2次", "2次", D(10), "L2006"),
        (P, "数量指标", "开展医疗救助工作培训次数", "1次", "1次", D(10), "L2011"),
        (P, "质量指标", "投诉举报处置率、回复率", "100%", "100%", D(8), "L2015"),
        (P, "质量指标", "第三方机构专项检查工作考核合格", "合格", "合格", D(8), "L2017"),
        ("效益指标", "社会效益指标", "政策宣传知晓率", "≥90%", "≥90%", D(8), "L2027"),
        ("效益指标", "社会效益指标", "减少医保骗保行为", "较上年有所减少", "较上年有所减少", D(8), "L2032"),
        # no 满意度指标 printed before 服务对象满意度指标 (L2043): published under its template parent
        ("满意度指标", "服务对象满意度指标", "举报投诉处置满意率", "≥95%", "≥95%", D(8), "L2046"),
    ]
    assert any("L2043: 一级指标 not printed before 服务对象满意度指标" in p for p in r23.problems)


def test_2023_daily_and_department(r23):
    daily = _indicators(r23, "部门日常管理经费")
    assert len(daily) == 20 and all(s == D(4) for *_, s, _ in daily)
    assert daily[8] == (
        "产出指标",
        "质量指标",
        "审计报告及成果达到规定深度和要求",
        "有达到",
        "达成预期目标",
        D(4),
        "L1870",
    )
    assert daily[12] == ("成本指标", "经济成本指标", "体检费标准", "≤800元/人", "≤800元/人", D(4), "L1889")
    dept = _indicators(r23, DEPARTMENT)
    assert len(dept) == 8 + 7 + 3
    assert dept[0] == (
        "产出指标",
        "数量指标",
        "开展打击欺诈骗保维护基金安全政策宣传活动次数",
        "4次",
        "4次",
        D(5),
        "L1694",
    )
    assert dept[-1] == (
        "效益指标",
        "社会效益指标",
        "保障部门工作正常运转",
        "有效保障",
        "有效保障",
        D(1),
        "L1775",
    )
    assert not any("scores sum" in p for p in r23.problems)


def test_2024_daily_levels_centred_labels(r24):
    """部门日常管理经费 L603–L621: the OCR prints each merged 二级指标 cell once, on one row of
    its group (L605 数量, L608 质量, L611 时效, L613 经济成本, L616/L617 社会效益, L619/L620
    满意度); the rows between take the label above unless their name says otherwise."""
    P, C, B, S = "产出指标", "成本指标", "效益指标", "满意度指标"
    assert [(i[0], i[1], i[2], i[5], i[6]) for i in _indicators(r24, "部门日常管理经费")] == [
        (P, "数量指标", "聘用后勤服务人员数量", D(4), "L603"),
        (P, "数量指标", "聘用后勤服务人员工作完成率", D(4), "L604"),
        (P, "数量指标", "保障职工体检人数", D(4), "L605"),
        (P, "数量指标", "保障职工就餐人数", D(4), "L606"),
        (P, "数量指标", "完成法律服务范围内的服务", D(4), "L607"),
        (P, "质量指标", "体检标准(规格)合规率", D(4), "L608"),
        (P, "质量指标", "体检项目覆盖率", D(4), "L609"),
        (P, "质量指标", "法律服务响应率", D(4), "L610"),
        (P, "时效指标", "体检工作安排及时率", D(4), "L611"),
        (P, "时效指标", "后勤工作完成及时率", D(4), "L612"),
        (C, "经济成本指标", "体检费标准", D(4), "L613"),
        (C, "经济成本指标", "伙食费标准", D(4), "L614"),
        (C, "经济成本指标", "资金支出控制数", D(4), "L615"),
        (B, "社会效益指标", "保障职工身体健康权益", D(4), "L616"),
        (B, "社会效益指标", "保障职工正常就餐", D(4), "L617"),
        (B, "社会效益指标", "帮助了解职工身体健康状况", D(5), "L618"),
        (S, "服务对象满意度指标", "职工对后勤工作满意度", D(5), "L619"),
        (S, "服务对象满意度指标", "在职人员对体检服务的满意度", D(5), "L620"),
        (S, "服务对象满意度指标", "对法律顾问服务满意度", D(5), "L621"),
    ]
    daily = [p for p in r24.problems if "'部门日常管理经费' L6" in p and "二级指标 not printed" in p]
    # only the rows that neither a name nor a printed 一级 places are reported
    assert [p.split(" ")[3] for p in daily] == ["L607:", "L618:"]


def test_2024_department_third_goal(r24):
    rows = _indicators(r24, DEPARTMENT)[15:]
    assert [(r[1], r[2], r[6]) for r in rows] == [
        ("数量指标", "保障职工体检人数", "L580"),
        ("数量指标", "聘用后勤服务人员数量", "L581"),
        ("数量指标", "保障职工就餐人数", "L582"),
        ("数量指标", "完成法律服务范围内的服务", "L583"),  # 2023's table: under 数量指标 too
        ("时效指标", "当年工作完成及时率", "L584"),
        ("社会效益指标", "保障部门工作正常运转", "L585"),
        ("服务对象满意度指标", "利益相关方满意度", "L586"),
    ]
    assert any("L583: 二级指标 not printed; read as 数量指标" in p for p in r24.problems)


def test_keys_unique(r24, r23):
    for r in (r24, r23):
        keys = [(i.project, i.level1, i.level2, i.level3) for i in r.indicators]
        assert len(keys) == len(set(keys))


def test_helpers():
    assert equal_split(["对辖区医疗机构开展专项检查", ">50", "家", ">50", "家"]) == (1, 3)
    assert equal_split(["聘用后勤服务人员数量", "1人", "1", "人"]) == (1, 2)
    assert equal_split(["有达到", "达成预期目标"]) is None
    assert read_label("满意度指 标").word == "满意度指标"
    label = read_label("经济成本指 标 医疗救助款")
    assert (label.level, label.word, label.rest) == (2, "经济成本指标", "医疗救助款")
    assert read_label("服务对象").partial and read_label("服务对象").word == "服务对象满意度指标"
    assert read_label("社会") is None  # 社会效益指标 or 社会成本指标
    problems: list[str] = []
    rows = [
        LevelRow("L1", "", ""),
        LevelRow("L2", "产出指标", "数量指标"),
        LevelRow("L3", "", ""),
        LevelRow("L4", "", ""),
        LevelRow("L5", "", "质量指标"),
    ]
    # nothing tells where 数量 ends: the unlabeled rows continue the label above, reported
    assert assign_levels(rows, "t", problems) == [("产出指标", "数量指标")] * 4 + [("产出指标", "质量指标")]
    assert len(problems) == 2 and all("continues the label above" in p for p in problems)
    # a name's words move the split (and everything below it)
    problems.clear()
    rows[2] = LevelRow("L3", "", "", "体检项目覆盖率")
    assert (
        assign_levels(rows, "t", problems) == [("产出指标", "数量指标")] * 2 + [("产出指标", "质量指标")] * 3
    )
    assert [p[:5] for p in problems] == ["t L4:"]
    # words matching both labels (or none) decide nothing
    problems.clear()
    rows[2] = LevelRow("L3", "", "", "核查次数覆盖率")
    assert assign_levels(rows, "t", problems)[2] == ("产出指标", "数量指标")


def test_2024_budget_execution_points_are_published(r24):
    # every table prints 预算执行 "得分 (20分*执行率)" with 执行率 100%, e.g. L557 "… 100% 20"
    assert [p.execution_score for p in r24.projects if p.kind == "self_eval"] == [D(20)] * 7
