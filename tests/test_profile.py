"""部门概况: duties, organization, units and key work — golden values typed from each source.

Expected strings are typed as printed (full-width punctuation where the source has it)
and compared after nfkc(): the extractor returns NFKC text, lines joined without spaces.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Document, Line, ProfileItem
from generator.narrative.profile import extract_profile
from generator.normalize.numbers import nfkc
from generator.read import read_document

SOURCES = Path(__file__).resolve().parent.parent / "sources"
REAL = Path(__file__).resolve().parents[2] / "shared" / "real-pdfs"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-pdfs not present")


def profile(path: Path) -> dict[str, list[ProfileItem]]:
    out: dict[str, list[ProfileItem]] = {"duties": [], "organization": [], "units": [], "key_work": []}
    for item in extract_profile(read_document(path)):
        out[item.section].append(item)
    for items in out.values():
        assert [i.seq for i in items] == list(range(1, len(items) + 1))
    return out


def texts(items: list[ProfileItem]) -> list[str]:
    return [i.text for i in items]


def test_jiangan_2024() -> None:
    p = profile(SOURCES / "jiangan-2024-final.md")
    duties = p["duties"]
    assert len(duties) == 7
    assert duties[0].text == (
        "负责本行政区域内医疗保障工作,贯彻执行国家、省、市关于医疗保险、生育保险、长期护理险、职工大额医疗保险、"
        "居民大病保险、医疗救助等医疗保障制度的法律法规和政策规定。"
    )
    assert duties[0].source_ref == "L54"
    # OCR spaces inside ("定点医 药机构", "信用 评价")
    assert duties[4].text == (
        "按照属地管理要求,负责监督管理本辖区医保定点医药机构的医疗服务行为和医疗费用,"
        "建立健全医疗保障信用评价体系和信息披露制度。"
    )
    assert duties[-1].text == "完成上级交办的其他工作任务。"
    statement = "从单位构成看,江岸区医保局部门决算由实行独立核算的江岸区医保局本级决算组成。"
    assert texts(p["organization"]) == [statement]  # the tables that follow are not read
    assert texts(p["units"]) == [statement]
    key = p["key_work"]
    assert len(key) == 6  # the summary table "序号 重要事项…" repeating them is not read
    assert key[0].text == (
        "对符合困难群众医疗救助政策对象进行医疗救助。\n"
        "扎实开展医疗救助,建立信息定期交流机制,累计按季度向民政部门推送176611人次因病致贫重病预警人员信息,"
        '新增困难群众920人,督促及时参保。统筹推进医疗救助"一站式"结算和医后救助,2024年,救助24763人次,'
        "拨付医疗救助款1359.96万元。"
    )
    assert key[0].source_ref == "L489"
    assert (
        key[4].text.split("\n")[0] == "积极引入有资质的第三方机构参与医保基金监管。"
    )  # "#### 五、…" heading
    # item 3's body is cut by a page break after "强化大数据赋能,"
    assert "强化大数据赋能,比对排查未缴费困难群众名单" in key[2].text
    assert key[-1].text.startswith(
        "严厉打击医保定点医药机构欺诈骗保行为,开展专项整治工作,发现问题查处率100%、结案率100%。\n"
    )


def test_jiangan_2023_plain_text() -> None:
    p = profile(SOURCES / "jiangan-2023-final.txt")
    duties = p["duties"]
    assert len(duties) == 7
    assert duties[0].text == nfkc(
        "负责本行政区域内医疗保障工作，贯彻执行国家、省、市关于医疗保险、生育保险、长期护理险、职工大额医疗保险、"
        "居民大病保险、医疗救助等医疗保障制度的法律法规和政策规定。"
    )
    assert duties[0].source_ref == "L5"
    assert duties[5].text == nfkc(  # three wrapped lines
        "按规定承担全面从严治党、国家安全、意识形态、综治维稳、精神文明建设、安全生产、生态环境保护、保密等主体责任。"
    )
    assert duties[-1].text == nfkc("完成上级交办的其他工作任务。")
    statement = nfkc("从单位构成看，江岸区医保局部门决算由实行独立核算的江岸区医保局本级决算组成。")
    assert texts(p["organization"]) == [statement]
    assert texts(p["units"]) == [statement]
    key = p["key_work"]
    assert len(key) == 6
    # the title wraps onto a short second line ("救助工作"): the paragraph break after it
    assert key[0].text == nfkc(
        "积极衔接区民政、各街道，开展好困难群众的医疗救助工作\n"
        "2023年，我局共救助困难群众2.9214万人次，拨付医疗救助款966.22万元。其中：住院救助1.3955万人次，"
        "救助金额729.30万元；门诊救助1.5259万人次，救助金额236.92万元。"
    )
    assert key[4].text == nfkc(
        "持续深入推进DRG支付方式改革，提升医保支付效能\n"
        "完成辖区定点医疗机构DRG付费100%覆盖，实现DRG付费医疗机构病组全面覆盖，保持整体入组率在90%以上。"
    )
    assert key[-1].text.startswith(nfkc("落实武汉市职工基本医疗保险门诊共济保障政策，推动配套措施落地\n"))
    assert key[-1].text.endswith(nfkc("推动门诊统筹配套便民措施落地。"))  # not the table's copy


def test_cangxi_2024() -> None:
    p = profile(SOURCES / "cangxi-2024-final.md")
    duties = p["duties"]
    assert len(duties) == 13
    assert duties[0].text == nfkc(
        "负责贯彻执行国家、省、市、县有关医疗保险、生育保险、医疗救助、长期护理保险等医疗保障政策制度。"
    )
    assert duties[5].text.endswith(
        nfkc("推动建立市场主导的社会医药服务价格形成机制；建立价格信息监测和信息发布制度。")
    )
    assert duties[-1].text == "完成县委和县政府交办的其他任务。"
    assert duties[-1].source_ref == "L68"
    assert texts(p["organization"]) == [
        nfkc(
            "苍溪县医疗保障局下属预算单位1个，其中行政单位1个，参照公务员法管理的事业单位0个，其他事业单位0个。"
        ),
        nfkc("纳入2024年度部门决算编制范围的预算单位包括：苍溪县医疗保障局"),
    ]
    assert texts(p["units"]) == ["苍溪县医疗保障局"]
    key = p["key_work"]
    assert len(key) == 5  # "（二）2024年重点工作完成情况。" inside 一、部门职责
    assert key[0].text.startswith(nfkc("高点谋划，精细管理，以新思路引领新发展。"))
    assert nfkc("深入学习贯彻党的二十大和二十届二中、三中全会精神") in key[0].text  # across a blank line
    assert key[-1].text.endswith(nfkc("落实分类资助参保政策及待遇保障政策。"))
    # the 附件 绩效评价报告 repeats the duties under "(二) 机构职能。": not read twice
    assert len([d for d in duties if d.text.startswith("负责贯彻执行国家")]) == 1


def test_huaxian_2024() -> None:
    p = profile(SOURCES / "huaxian-2024-budget.txt")
    duties = p["duties"]
    assert len(duties) == 9  # （一)…（九), after the lead-in "单位的主要职责是："
    assert duties[0].text == nfkc(
        "贯彻执行国家,省医疗保障法律,法规,政策;拟订全县医疗保险,生育保险,离休人员医疗保障、医疗救助等"
        "医疗保制度的规划、政策,落实省医疗保障局地方性法规、政策、规划、标准、规程并组织实施。"
    )
    assert duties[-1].text == nfkc("完成县委、县政府交办的其他任务。")
    assert texts(p["organization"]) == [
        nfkc(
            "滑县医疗保障局机关及归口预算管理单位共有编制81人，机关下设15个职能科室，分别是办公室、财务股、"
            "法规规划股、待遇保障股、特殊病种管理股、稽核内控股、基金监管股、基金核算股、医药服务管理股、行政审批股、"
            "城乡居民医保股、城镇职工医疗保险股、医疗保险关系股、医药价格和招标采购股、医保统计分析中心。"
            "在职职工81人，离退休人员6人。"
        )
    ]
    assert texts(p["units"]) == [nfkc("部门预算由滑县医疗保障局本级预算构成，无二级预算单位。")]
    assert p["key_work"] == []


def test_shanhaiguan_2024() -> None:
    p = profile(SOURCES / "shanhaiguan-2024-budget.txt")
    assert p["duties"] == []  # "部门职责：" is followed by nothing in the source
    assert texts(p["organization"]) == [
        "单位名称:医保部门秦皇岛市山海关区医疗保障局本级;单位性质:行政;单位规格:正科级;经费保障形式:财政拨款"
    ]
    assert texts(p["units"]) == ["医保部门秦皇岛市山海关区医疗保障局本级"]
    assert p["units"][0].source_ref == "L1564"
    assert p["key_work"] == []  # （三）工作保障措施 is not 重点工作


@needs_real
def test_js_renda_2019_pdf() -> None:
    p = profile(REAL / "js-renda-2019-budget.pdf")
    duties = p["duties"]
    assert len(duties) == 15  # (一)…(十五), across the page footer "─ 1 ─"
    assert (
        duties[0].text
        == "在本省行政区域内,保证宪法、法律、行政法规和上级人民代表大会及其常务委员会决议的遵守和执行;"
    )
    assert duties[0].source_ref == "p3"
    assert duties[8].text == "撤销本级人民政府的不适当的决定和命令;"
    assert duties[-1].text == "决定授予地方的荣誉称号。"
    org = p["organization"]
    assert len(org) == 2
    assert org[1].text == (
        "从预算单位构成看,纳入本部门2018年部门汇总预算编制范围的预算单位共计一家,具体包括:江苏省人大常委会办公厅部门本级。"
    )
    assert texts(p["units"]) == ["江苏省人大常委会办公厅部门本级"]
    key = p["key_work"]
    assert len(key) == 12  # 三、2019年部门主要工作任务及目标
    assert key[-1].text.startswith("以提高履职能力为重点加强自身建设。")


def test_unnumbered_sections_and_lead_in() -> None:
    d = Document(
        Path("x.md"),
        "markdown",
        [
            Line(t, f"L{i}")
            for i, t in enumerate(
                [
                    "一、主要职能",
                    "主要职能是：",
                    "（一）制定政策；",
                    "（二）监督执行。",
                    "二、机构设置",
                    "本局内设3个科室。",
                    "纳入本部门预算编制范围的单位包括：甲局本级、乙中心。",
                    "第二部分 部门预算表",
                ],
                start=1,
            )
        ],
    )
    items = [(i.section, i.seq, i.text, i.source_ref) for i in extract_profile(d)]
    assert items == [
        ("duties", 1, "制定政策;", "L3"),
        ("duties", 2, "监督执行。", "L4"),
        ("organization", 1, "本局内设3个科室。", "L6"),
        ("organization", 2, "纳入本部门预算编制范围的单位包括:甲局本级、乙中心。", "L7"),
        ("units", 1, "甲局本级", "L7"),
        ("units", 2, "乙中心", "L7"),
    ]
