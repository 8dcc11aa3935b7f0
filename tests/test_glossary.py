"""名词解释: golden values typed from each source, plus the numbering/separator variants.

Expected strings are typed as printed (full-width punctuation where the source has it)
and compared after nfkc(): the extractor returns NFKC text, lines joined without spaces.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Document, GlossaryEntry, Line
from generator.narrative.glossary import extract_glossary, split_term, squeeze
from generator.normalize.numbers import nfkc
from generator.read import read_document

SOURCES = Path(__file__).resolve().parent.parent / "sources"
REAL = Path(__file__).resolve().parents[2] / "shared" / "real-pdfs"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-pdfs not present")


def glossary(name: str) -> list[GlossaryEntry]:
    return extract_glossary(read_document(SOURCES / name))


def as_dict(entries: list[GlossaryEntry]) -> dict[str, str]:
    return {e.term: e.definition for e in entries}


def test_jiangan_2024() -> None:
    g = glossary("jiangan-2024-final.md")
    assert len(g) == 16  # (一) + 11 function items under (二) + (三)…(六)
    assert (g[0].term, g[0].definition) == (
        "一般公共预算财政拨款收入",
        "指区级财政一般公共预算当年拨付的资金。",
    )
    assert g[0].source_ref == "L526"
    # (二) only groups the function items: not a term
    assert not any("本部门使用的支出功能分类科目" in e.term for e in g)
    d = as_dict(g)
    # item 7: its last word sits on a later line after a blank line
    assert (
        d["卫生健康支出(类)医疗保障管理事务(款)行政运行(项)"]
        == "反映行政单位(包括实行公务员管理的事业单位)的基本支出。"
    )
    # OCR space inside the term ("(款) 机关…") removed
    assert d["社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)"] == (
        "反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。"
    )
    three = d['"三公"经费']
    assert three.startswith('纳入财政一般公共预算管理的"三公"经费,是指区直部门用一般公共预算财政拨款安排的')
    assert (
        "培训费、公杂费等支出;公务用车购置及运行费反映单位公务用车购置支出" in three
    )  # across the page break
    assert three.endswith("公务接待费反映单位按规定开支的各类公务接待(含外宾接待)费用。")
    assert (g[-1].term, g[-1].definition) == (
        "机关运行经费",
        "指为保障行政单位(包括参照公务员法管理的事业单位)运行用于购买货物和服务的各项资金,包括办公及印刷费、"
        "邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、"
        "办公用房物业管理费、公务用车运行维护费以及其他费用。",
    )


def test_jiangan_2023_plain_text() -> None:
    g = glossary("jiangan-2023-final.txt")
    assert len(g) == 15  # 10 function items this year
    assert (g[0].term, g[0].definition) == (
        "一般公共预算财政拨款收入",
        nfkc("指区级财政一般公共预算当年拨付的资金。"),
    )
    # the term itself is wrapped over two lines
    assert (g[1].term, g[1].definition) == (
        "社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)",
        nfkc("反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。"),
    )
    assert g[1].source_ref == "L1553"
    d = as_dict(g)
    assert d["卫生健康支出(类)行政事业单位医疗(款)行政单位医疗(项)"] == nfkc(
        "反映财政部门安排的行政单位（包括实行公务员管理的事业单位，下同）基本医疗保险缴费经费，"
        "未参加医疗保险的行政单位的公费医疗经费，按国家规定享受离休人员、红军老战士待遇人员的医疗经费。"
    )
    assert g[-1].term == "机关运行经费"
    assert g[-1].definition == nfkc(
        "指为保障行政单位(包括参照公务员法管理的事业单位)运行用于购买货物和服务的各项资金，"
        "包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、"
        "办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。"
    )


def test_cangxi_2024() -> None:
    g = glossary("cangxi-2024-final.md")
    assert len(g) == 27  # 一、 … 二十七、
    assert (g[0].term, g[0].definition) == ("财政拨款收入", nfkc("指单位从同级财政部门取得的财政预算资金。"))
    assert g[0].source_ref == "L254"
    assert (g[9].term, g[9].definition) == (  # 十、 the term is broken over two lines
        nfkc("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"),
        nfkc("指单位职工机关养老保险缴费。"),
    )
    assert (g[18].term, g[18].definition) == (  # 十九、 the definition is broken over two lines
        nfkc("卫生健康（类）医疗保障管理事务（款）事业运行（项）"),
        nfkc("指本单位事务中心运行的支出，主要是本单位人员经费及用于办公的商品服务支出。"),
    )
    # 二十七、 has no 指: the definition is everything after the colon
    assert (g[-1].term, g[-1].definition) == (
        "机关运行经费",
        nfkc(
            "为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、"
            "邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、"
            "办公用房物业管理费、公务用车运行维护费以及其他费用。"
        ),
    )


def test_huaxian_2024() -> None:
    g = glossary("huaxian-2024-budget.txt")
    assert [e.term for e in g] == [
        "财政拨款收入",
        "财政专户管理资金",
        "事业收入",
        "事业单位经营收入",
        "其他收入",
        "用事业基金弥补收支差额",
        "基本支出",
        "项目支出",
        "“三公”经费",
    ]
    assert g[0].definition == nfkc(
        "是指县级财政当年拨付的资金；包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。"
    )
    assert g[4].definition == nfkc("是指部门取得的除“财政拨款”、“事业收入”、“事业单位经营收入”等以外的收入。")
    assert g[-1].definition.endswith(nfkc("公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。"))
    # the table annex after the glossary is not read
    assert "预算01表" not in g[-1].definition.replace(" ", "")


def test_shanhaiguan_2024() -> None:
    g = glossary("shanhaiguan-2024-budget.txt")
    assert len(g) == 10  # "十、名词解释" 1、…10、, ended by "十一、其他需要说明的事项"
    assert (g[0].term, g[0].source_ref) == ("财政拨款收入", "L2275")
    assert g[0].definition == nfkc(
        "指本级财政当年拨付的资金，包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。"
    )
    assert (g[1].term, g[1].definition) == (
        "财政专户管理资金收入",
        nfkc("缴入财政专户、实行专项管理的教育收费收入。"),
    )
    assert g[6].term == "部门预算支出"
    assert g[6].definition.startswith(nfkc("包括人员类项目支出、运转类项目支出和特定目标类项目支出。其中："))
    assert (g[-1].term, g[-1].definition) == (
        "机关运行经费",
        nfkc(
            "是指各部门（单位）的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、"
            "专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。"
        ),
    )
    assert not any("其他需要说明" in e.term for e in g)


@needs_real
def test_js_renda_2019_pdf() -> None:
    g = extract_glossary(read_document(REAL / "js-renda-2019-budget.pdf"))
    assert [e.term for e in g] == [
        "财政拨款",
        "一般公共预算",
        "财政专户管理资金",
        "其他资金",
        "基本支出",
        "项目支出",
        "单位预留机动经费",
        "“三公”经费",
        "机关运行经费",
    ]
    assert g[0].definition == "指一般公共预算财政拨款和政府性基金预算财政拨款。"
    assert g[0].source_ref == "p18"
    three = g[7].definition  # runs over the page footer "─ 16 ─" onto the next page
    assert "16" not in three and "─" not in three
    assert three.endswith("公务接待费反映单位按规定开支的各类公务接待(含外宾接待)支出。")
    assert g[-1].definition == (
        "指行政单位(含参照公务员法管理的事业单位)使用一般公共预算安排的基本支出中的日常公用经费支出,"
        "包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、"
        "办公用房取暖费、办公用房物业管理费、公务用车运行维护费及其他费用。"
    )


# ---------------------------------------------------------------- variants on small documents


def doc(*texts: str, fmt: str = "markdown") -> Document:
    return Document(Path("x.md"), fmt, [Line(t, f"L{i}") for i, t in enumerate(texts, start=1)])


def test_toc_entry_is_skipped_and_the_part_ends_the_glossary() -> None:
    d = doc(
        "第三部分 名词解释",  # table of contents: nothing under it
        "第四部分 附件",
        "第三部分 名词解释",
        "1．基本支出：指人员支出",
        "和公用支出。",
        "2、项目支出是指基本支出之外的支出。",
        "第四部分 附件",
        "1.附件表：不是名词",
    )
    g = extract_glossary(d)
    assert [(e.term, e.definition, e.source_ref) for e in g] == [
        ("基本支出", "指人员支出和公用支出。", "L4"),
        ("项目支出", "基本支出之外的支出。", "L6"),
    ]


def test_section_heading_glossary_ends_at_next_section_and_drops_footers() -> None:
    d = doc(
        "十、名词解释",
        "（一）“三公”经费: 指因公出国（境）费、",
        "─ 15 ─",
        "公务接待费。",
        "（二）没有分隔符的名词",
        "十一、其他需要说明的事项",
        fmt="pdf",
    )
    g = extract_glossary(d)
    assert [(e.term, e.definition) for e in g] == [
        ("“三公”经费", "指因公出国(境)费、公务接待费。"),
        ("没有分隔符的名词", ""),  # kept visibly rather than dropped
    ]


def test_no_glossary() -> None:
    assert extract_glossary(doc("一、部门职责", "1.负责医保工作。")) == []


def test_split_term_and_squeeze() -> None:
    assert split_term("基本支出:指人员支出") == ("基本支出", "指人员支出")
    assert split_term("项目支出是指其他支出") == ("项目支出", "其他支出")
    assert split_term("没有分隔符") is None
    assert squeeze("独立核算 的 DRG 付费 1, 627. 17 Wuhan City") == "独立核算的DRG付费1,627.17 Wuhan City"
