"""Document checks (generator/check/document.py), table presence against the 目录,
stated directions, and the document facts and PDF figure repair they rely on."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.check import run_checks
from generator.check.document import placeholders, stated_years
from generator.check.text import directions
from generator.check.within import table_presence
from generator.model import (
    BudgetExecutionRow,
    Disclosure,
    Document,
    Fact,
    Kind,
    Line,
    RawTable,
    Statement,
    Status,
)
from generator.narrative.facts import direction_facts, document_facts
from generator.narrative.sentences import fill_gaps, text_lines
from tests.test_checks_support import meta


def _doc(lines: list[str], fmt: str = "markdown", page: int | None = None) -> Document:
    return Document(Path("t.md"), fmt, [Line(t, f"L{i}", None, page) for i, t in enumerate(lines, 1)])


def _fact(key: str, value: str | None, unit: str = "", label: str = "", quote: str = "q") -> Fact:
    return Fact(key, label or key, None if value is None else Decimal(value), unit, quote, "L1")


def _by_id(results, check_id):
    return [r for r in results if r.check_id == check_id]


# ---------------------------------------------------------------- PDF figures set apart


def test_fill_gaps_puts_figures_back_by_kind() -> None:
    assert fill_gaps("上海市某局年度收入支出总计万元。与年度相比,收入", ["2024", "2995.39", "2023"]) == \
        "上海市某局2024年度收入支出总计2995.39万元。与2023年度相比,收入"
    assert fill_gaps("本年收入合计万元,其中:财政拨款收入万元,占;其他", ["2946.25", "2940.05", "99.79%"]) == \
        "本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;其他"
    assert fill_gaps("截至年月日,某局共有车辆辆,其中:", ["2024", "12", "31", "0"]) == \
        "截至2024年12月31日,某局共有车辆0辆,其中:"
    # the rate goes to the 预算的 gap, not to 因年度 (a year gap a % cannot fill)
    assert fill_gaps("成年初预算的。决算数小于预算数的主要原因:因年度工作计划安排", ["98.20%"]) == \
        "成年初预算的98.20%。决算数小于预算数的主要原因:因年度工作计划安排"
    assert fill_gaps("、一般公共服务支出(类)", ["1"]) == "1、一般公共服务支出(类)"


def test_fill_gaps_refuses_what_does_not_fit() -> None:
    assert fill_gaps("本年收入合计万元", ["1", "2"]) is None  # more figures than gaps
    assert fill_gaps("与年度相比", ["3.5"]) is None  # not a year
    assert fill_gaps("占;", ["12.5"]) is None  # a share gap takes a %


def test_text_lines_repairs_pdf_only() -> None:
    lines = ["机关运行经费支出万元,比年度增加万元,增长。", "184.65 2023 2.55 1.40%"]
    pdf = [t for t, _ in text_lines(_doc(lines, "pdf", page=3))]
    assert pdf == ["机关运行经费支出184.65万元,比2023年度增加2.55万元,增长1.40%。"]
    md = [t for t, _ in text_lines(_doc(lines))]
    assert md == ["机关运行经费支出万元,比年度增加万元,增长。", "184.652023" "2.551.40%"]


# ---------------------------------------------------------------- document facts


def test_document_facts() -> None:
    doc = _doc([
        "目录",
        "第二部分 上海市XX局 2024年度部门决算表",
        "一、收入支出决算总表",
        "三、支出决算表",
        "七、财政拨款“三公”经费支出决算表",
        "第三部分 上海市某局 2023 年度部门决算情况",
        "说明",
        "第二部分 上海市XX局 2024年度部门决算表",  # the body starts: contents end
        "五、一般公共预算财政拨款支出决算表",
        "截至2023年12月31日,某局共有车辆0辆。",
        "2019年部门预算公开表附后",
    ])
    facts = document_facts(doc, "final", 2024)
    keys = [(f.topic_key, f.value, f.source_ref) for f in facts]
    assert ("placeholder", None, "L2") in keys and ("placeholder@2", None, "L8") in keys
    assert [f.label for f in facts if f.topic_key.startswith("placeholder")] == ["XX", "XX"]
    assert [k for k in keys if k[0].startswith("toc_statement")] == [
        ("toc_statement:summary", None, "L3"), ("toc_statement:expenditure", None, "L4"),
        ("toc_statement:three_public", None, "L5")]
    years = [(k, v) for k, v, _ in keys if k.startswith("stated_year")]
    assert years == [("stated_year:heading", Decimal(2024)), ("stated_year:heading@2", Decimal(2023)),
                     ("stated_year:heading@3", Decimal(2024)), ("stated_year:as_of", Decimal(2023))]
    assert any(k == "tables_elsewhere" for k, _, _ in keys)


def test_no_placeholder_in_ordinary_text() -> None:
    doc = _doc(["第一部分 概况", "成果,切实推动全市医保事业高质量发展。。", "采用XML格式, 型号XX-1"])
    assert [f for f in document_facts(doc, "final", 2024) if f.topic_key.startswith("placeholder")] == []


def test_direction_facts() -> None:
    doc = _doc([
        "第三部分 2024年度部门决算情况说明",
        "五、一般公共预算财政拨款支出决算情况说明",
        "1、卫生健康支出(类)行政事业单位医疗(款)行政单位医疗(项)。主要用于:医保。年初预算为62.29万元,"
        "支出决算为60.99万元。决算数等于预算数的主要原因:测算。",
        "七、财政拨款“三公”经费支出决算情况说明",
        "“三公”经费财政拨款支出年初预算为0.95万元,支出决算为0万元,完成预算的0%。2024年度“三公”经费支出"
        "决算数小于预算数的主要原因:无支出。",
    ])
    got = [(f.topic_key, f.value, f.label) for f in direction_facts(doc, "final")]
    assert got == [("final_vs_budget:2101101", Decimal(0), "决算数等于预算数"),
                   ("final_vs_budget:three_public_total", Decimal(-1), "决算数小于预算数")]


# ---------------------------------------------------------------- checks


def test_placeholder_check() -> None:
    d = Disclosure(meta(), facts=[_fact("placeholder", None, label="XX", quote="上海市XX局")])
    (r,) = placeholders(d)
    assert (r.check_id, r.status) == ("D.placeholder", Status.FAIL) and "上海市XX局" in r.description
    assert placeholders(Disclosure(meta())) == []


def test_stated_year_checks() -> None:
    facts = [_fact("stated_year:heading", "2024", "年"), _fact("stated_year:as_of", "2023", "年")]
    final = stated_years(Disclosure(meta("final", 2024), facts=facts))
    assert [(r.check_id, r.status) for r in final] == [("D.year.heading", Status.PASS),
                                                        ("D.year.as_of", Status.FAIL)]
    assert final[1].expected == Decimal(2024) and final[1].difference == Decimal(-1)
    # a budget may name the year before (assets counted at the end of 上年), not two years before
    budget = stated_years(Disclosure(meta("budget", 2025), facts=[
        _fact("stated_year:as_of", "2024", "年"), _fact("stated_year:heading", "2023", "年")]))
    assert [r.status for r in budget] == [Status.PASS, Status.FAIL]


def test_table_listed_in_contents_but_absent_fails() -> None:
    d = Disclosure(meta(), facts=[_fact("toc_statement:expenditure", None, label="支出决算表")])
    (t03,) = _by_id(table_presence(d), "T03.absent")
    assert t03.status == Status.FAIL and "目录" in t03.description
    (t02,) = _by_id(table_presence(d), "T02.absent")
    assert t02.status == Status.SKIP
    # the statements are published in another file: no error
    d.facts.append(_fact("tables_elsewhere", None, label="2019年部门预算公开表附后"))
    (t03,) = _by_id(table_presence(d), "T03.absent")
    assert t03.status == Status.SKIP and "另附" in t03.description


def test_table_without_figures_fails_when_the_narrative_states_them() -> None:
    raw = RawTable("财政拨款“三公”经费支出决算表", "three_public", "三公 table prints no amounts", [], "p15")
    d = Disclosure(meta(), raw_tables=[raw])
    (t09,) = _by_id(table_presence(d), "T09.absent")
    assert t09.status == Status.SKIP
    d.facts.append(_fact("three_public_total_final", "0.00", "万元", label="“三公”经费决算数"))
    (t09,) = _by_id(table_presence(d), "T09.absent")
    assert t09.status == Status.FAIL and t09.source_ref.startswith("p15")
    # an empty table declared so (本单位无…) stays a skip
    st = Statement(Kind.THREE_PUBLIC, "三公", None, "万元", [], "p15", empty_note="本单位无三公经费")
    d2 = Disclosure(meta(), statements=[st], facts=d.facts)
    assert _by_id(table_presence(d2), "T09.absent")[0].status == Status.SKIP


def _row(code: str, budget: str | None, final: str | None, rate: str | None = None) -> BudgetExecutionRow:
    return BudgetExecutionRow(code, code, None if budget is None else Decimal(budget),
                              None if final is None else Decimal(final), None if rate is None else Decimal(rate),
                              "", "narrative:L9")


def test_direction_checks() -> None:
    d = Disclosure(meta(), budget_execution=[
        _row("2080506", "80.81", "80.38"), _row("2101101", "62.29", "60.99"), _row("2010602", "10.00", "10.00"),
        _row("2210203", "258.50", "258.00"), _row("2101501", None, "214.14", "98.7")])
    d.facts = [
        _fact("final_vs_budget:2080506", "1", label="决算数大于预算数"),
        _fact("final_vs_budget:2101101", "0", label="决算数等于预算数"),
        _fact("final_vs_budget:2010602", "0", label="决算数与预算数基本持平"),
        _fact("final_vs_budget:2210203", "0", label="决算数与预算数基本持平"),
        _fact("final_vs_budget:2101501", "-1", label="决算数小于预算数"),
        _fact("initial_budget", "2993.92", "万元"), _fact("general_budget_expenditure", "2940.05", "万元"),
        _fact("final_vs_budget:general_budget_expenditure", "-1", label="决算数小于预算数"),
        _fact("final_vs_budget:three_public_total", "1", label="决算数大于预算数"),
    ]
    got = {r.check_id: r.status for r in directions(d)}
    assert got == {
        "N.final_vs_budget.2080506": Status.FAIL,
        "N.final_vs_budget.2101101": Status.FAIL,
        "N.final_vs_budget.2010602": Status.PASS,
        "N.final_vs_budget.2210203": Status.WARN,  # 基本持平 with 0.50 apart: a judgement
        "N.final_vs_budget.2101501": Status.PASS,  # from the completion rate 98.7%
        "N.final_vs_budget.general_budget_expenditure": Status.PASS,
        "N.final_vs_budget.three_public_total": Status.SKIP,  # no 三公 figures stated
    }


def test_registered() -> None:
    d = Disclosure(meta(), facts=[_fact("placeholder", None, label="XX")])
    assert any(r.check_id == "D.placeholder" for r in run_checks(d))
