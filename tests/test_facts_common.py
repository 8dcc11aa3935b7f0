"""Shared loader and unit tests of the narrative sentence/figure machinery."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from generator.model import Document, Fact, Line
from generator.narrative.facts import config, extract_facts, figures
from generator.narrative.sentences import clean_line, cn_number, paragraphs, sentences
from generator.read import read_document

SOURCES = Path(__file__).resolve().parent.parent / "sources"


@cache
def load(name: str) -> Document:
    return read_document(SOURCES / name)


@cache
def facts_of(name: str, stage: str, year: int) -> tuple[Fact, ...]:
    return tuple(extract_facts(load(name), stage, year))


def by_key(facts: tuple[Fact, ...]) -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    for f in facts:
        assert f.topic_key not in out, f"duplicate topic_key {f.topic_key}"
        out[f.topic_key] = f
    return out


def check_values(facts: tuple[Fact, ...], expected: dict[str, tuple[str, str]]) -> None:
    got = by_key(facts)
    for key, (value, unit) in expected.items():
        assert key in got, f"missing {key}"
        assert got[key].value == Decimal(value), (key, got[key].value, value)
        assert got[key].unit == unit, (key, got[key].unit, unit)


def _doc(*texts: str) -> Document:
    return Document(Path("t.md"), "markdown", [Line(t, f"L{i + 1}") for i, t in enumerate(texts)])


def test_clean_line_joins_ocr_numbers_and_strips_markdown():
    assert clean_line("- 3. 住房保障支出(类) 23. 64 万元, 占 1. 4%。") == "3.住房保障支出(类)23.64万元,占1.4%。"
    assert clean_line("## **七、财政拨款“三公”经费**") == "七、财政拨款“三公”经费"


def test_cn_number():
    assert [cn_number(s) for s in ("一", "十", "十三", "二十一")] == [1, 10, 13, 21]


def test_figures_skip_thresholds_ordinals_and_dates():
    cfg = config()
    text = "截至2024年12月31日,单价100万元(含)以上设备(不含车辆)0台(套),第二批3万元,预算结余率大于10%的项目共计6个。"
    got = [(f.value, f.unit) for f in figures(clean_line(text), cfg)]
    assert got == [(Decimal("0"), "台(套)"), (Decimal("3"), "万元"), (Decimal("6"), "个")]


def test_lead_stops_at_previous_figure():
    cfg = config()
    figs = figures("包括人员经费245.69万元和日常公用经费14.37万元", cfg)
    assert figs[1].lead == "和日常公用经费"


def test_paragraphs_join_wrapped_lines_and_keep_first_line_ref():
    doc = _doc("第三部分 情况说明", "一、收入支出决算总体情况说明", "2024年度收、支总计1, 627.", "17万元。")
    paras = paragraphs(doc, config().regions)
    assert paras[-1].text == "2024年度收、支总计1,627.17万元。"
    fact = extract_facts(doc, "final", 2024)[0]
    assert fact.source_ref == "narrative:L3" and fact.value == Decimal("1627.17")


def test_glossary_and_tables_are_not_read():
    doc = _doc("第一部分 概况", "一、收入", "收入合计5万元。", "第三部分 名词解释", "一、机关运行经费:指9万元。")
    keys = [f.topic_key for f in extract_facts(doc, "final", 2024)]
    assert keys == ["income_subtotal"]


def test_repeated_statements_get_section_suffixes():
    doc = _doc("第一部分 说明", "一、总体", "基本支出5万元。", "二、结构", "基本支出5万元。", "其中基本支出5万元。")
    keys = [f.topic_key for f in extract_facts(doc, "final", 2024)]
    assert keys == ["basic_expenditure", "basic_expenditure@1.2", "basic_expenditure@1.2.2"]


def test_decrease_is_negative_and_pct_follows_its_comparison():
    doc = _doc("第一部分 说明", "十、机关运行经费", "机关运行经费支出13.74万元,比年初预算数减少1.29万元,降低8.6%。")
    got = {f.topic_key: f.value for f in extract_facts(doc, "final", 2024)}
    assert got == {
        "operating_cost": Decimal("13.74"),
        "operating_cost_vs_budget": Decimal("-1.29"),
        "operating_cost_vs_budget_pct": Decimal("-8.6"),
    }


def test_sentences_split_after_terminator():
    doc = _doc("第一部分 说明", "一、x", "甲1万元。乙2万元")
    para = paragraphs(doc, config().regions)[-1]
    assert [s.text for s in sentences(para)] == ["甲1万元。", "乙2万元"]


def test_class_named_after_project_expenditure_is_its_project_part() -> None:
    # shanhaiguan L1575: "项目支出176.60万元，主要为卫生健康支出176.6万元" — 176.6 is the 项目支出 of 类 210
    doc = _doc("第一部分 说明", "二、支出", "支出预算436.66万元，其中基本支出260.06万元；项目支出176.60万元，主要为卫生健康支出176.6万元，占100%。")
    got = by_key(tuple(extract_facts(doc, "budget", 2024)))
    assert got["project_class_amount:210"].value == Decimal("176.6")
    assert got["project_class_amount:210"].label == "项目支出中卫生健康支出"
    assert got["project_class_share_pct:210"].value == Decimal("100")
    assert "class_amount:210" not in got
    # without the 项目支出 figure right before it, a class figure is the class
    doc = _doc("第一部分 说明", "二、支出", "一般公共预算支出436.66万元，主要用于：卫生健康支出387.61万元。")
    got = by_key(tuple(extract_facts(doc, "budget", 2024)))
    assert got["class_amount:210"].value == Decimal("387.61")


def test_a_change_named_in_the_explanation_is_a_cause_not_the_subjects_change() -> None:
    # js-jianchayuan-2018 p24: after 主要原因是…, "同时,…增加部门预算1,464.3万元" is one cause of the
    # class change (−184.96), not a second statement of it
    reason = ("社会保障和就业支出1,836.22万元。与上年相比减少184.96万元,降幅9.1%。主要原因是退休人员养老金"
              "由社保中心发放。同时,省财政将职业年金单位缴费下达给省级部门,增加部门预算1,464.3万元。")
    got = by_key(tuple(extract_facts(_doc("第一部分 说明", "二、支出", reason), "budget", 2018)))
    assert got["class_amount:208_change"].value == Decimal("-184.96")
    assert [k for k in got if k.startswith("class_amount:208_change@")] == []
    assert got["other_amount"].value == Decimal("1464.3")
    # a sentence of the explanation that compares anew still states the subject's change
    again = "社会保障和就业支出1,836.22万元。主要原因是人员增加。与上年相比增加184.96万元。"
    got = by_key(tuple(extract_facts(_doc("第一部分 说明", "二、支出", again), "budget", 2018)))
    assert got["class_amount:208_change"].value == Decimal("184.96")


def test_an_item_by_its_printed_path_gets_its_code() -> None:
    text = ("1.检察(款)行政运行(项)支出12,268.62万元,与上年相比增加1,385.26万元,增长12.73%。"
            "2.住房改革支出(类)住房公积金(项)752.9万元,与上年相比减少180.34万元,降幅19.3%。")
    got = by_key(tuple(extract_facts(_doc("第一部分 说明", "三、财政拨款支出", text), "budget", 2019)))
    assert got["item_amount:2040401"].value == Decimal("12268.62")
    assert got["item_amount:2040401"].label == "检察(款)行政运行(项)"
    assert got["item_amount:2040401_change_pct"].value == Decimal("12.73")
    assert got["item_amount:2210201"].value == Decimal("752.9")  # the 款 22102 printed as 类
    assert got["item_amount:2210201_change_pct"].value == Decimal("-19.3")  # 降幅: a decrease
    # a 项 name that is not in the list of the year stays a generic figure
    got = by_key(tuple(extract_facts(_doc("第一部分 说明", "三、支出", "检察(款)不存在的事务(项)支出5万元。"), "budget", 2019)))
    assert [k for k in got if k.startswith("item_amount")] == []
    # a 款 and its 项 run together without the (款) mark: the 款 name must match exactly
    got = by_key(tuple(extract_facts(_doc("第一部分 说明", "三、支出", "1.人大事务行政运行(项)支出10528.33万元。"), "budget", 2017)))
    assert got["item_amount:2010101"].value == Decimal("10528.33")
    # Shanghai: the path dashed in quotes, a name with (室)
    text = "1.“一般公共服务支出-政府办公厅(室)及相关机构事务-行政运行”科目1,202.95万元,主要用于行政单位的基本支出。"
    got = by_key(tuple(extract_facts(_doc("第一部分 说明", "四、编制说明", text), "budget", 2025)))
    assert got["item_amount:2010301"].value == Decimal("1202.95")
    # a lone 项 numbered under a "X(款):…其中:" paragraph is that 款's; the 款 ends where the items do
    doc = _doc("第一部分 说明", "三、支出", "检察(款):2018年预算支出合计16,444.36万元。其中:",
               "1.行政运行(项)支出10,883.36万元。", "2.一般行政管理事务(项)支出3,666万元。", "四、其他", "此外,行政运行(项)支出5万元。")
    got = by_key(tuple(extract_facts(doc, "budget", 2018)))
    assert got["item_amount:2040401"].value == Decimal("10883.36")
    assert got["item_amount:2040402"].value == Decimal("3666")
    assert [k for k in got if k.startswith("item_amount:2040401@")] == []
