"""Dispatch by Kind, robustness of the pipeline, and metadata inference."""

from __future__ import annotations

import dataclasses
import types
from decimal import Decimal
from pathlib import Path

import pytest

from generator import pipeline
from generator.catalog import SOURCES_DIR, load_catalog
from generator.model import (
    CheckResult,
    Disclosure,
    DisclosureMeta,
    Document,
    Fact,
    InputError,
    Kind,
    Line,
    RawTable,
    Statement,
    Status,
    SummaryRow,
    ThreePublicRow,
)
from generator.normalize import statements as ns

META = DisclosureMeta("x-2024-final", "x", "某局", 2024, "final", "t", "x.md", "markdown", "")


def _st(kind: Kind, lines: list[str], empty_note: str | None = None, title: str = "表") -> Statement:
    body = [Line(text, f"L{i + 10}", tuple(text.split("\t"))) for i, text in enumerate(lines)]
    return Statement(kind, title, None, "万元", body, "L9", empty_note)


@pytest.fixture
def fake_parsers(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    mod = types.ModuleType("fake_parsers")

    def summary(st: Statement, **hints: object) -> list[SummaryRow]:
        return [SummaryRow("overall", "income", "income_total", "", "总计", Decimal("1.20"), st.ref)]

    def three_public(st: Statement, stage: str) -> list[ThreePublicRow]:
        return [ThreePublicRow(stage, "total", "合计", Decimal("0"), st.ref)]

    def rejects(st: Statement, **hints: object) -> list:
        raise ValueError("column count 3, expected 7")

    def bug(st: Statement, **hints: object) -> list:
        raise TypeError("a bug")

    def nothing(st: Statement, **hints: object) -> list:
        return []

    for name, func in dict(
        summary=summary, three_public=three_public, rejects=rejects, bug=bug, nothing=nothing
    ).items():
        setattr(mod, name, func)
    monkeypatch.setitem(ns.PARSERS, Kind.SUMMARY, summary)
    monkeypatch.setitem(ns.PARSERS, Kind.THREE_PUBLIC, three_public)
    monkeypatch.setitem(ns.PARSERS, Kind.INCOME, rejects)
    monkeypatch.setitem(ns.PARSERS, Kind.EXPENDITURE, bug)
    monkeypatch.setitem(ns.PARSERS, Kind.GENERAL_BUDGET, nothing)
    return mod


def test_dispatch_by_kind(fake_parsers: types.ModuleType) -> None:
    d = ns.normalize([_st(Kind.SUMMARY, ["总计\t1.20"]), _st(Kind.THREE_PUBLIC, ["合计\t0"])], META)
    assert [(r.item_key, r.amount) for r in d.summary] == [("income_total", Decimal("1.20"))]
    assert [(r.phase, r.item_key) for r in d.three_public] == [("final", "total")]  # stage passed through
    assert d.raw_tables == [] and d.problems == []
    assert ns.kinds_present(d) == {Kind.SUMMARY, Kind.THREE_PUBLIC}


def test_rejected_statement_is_kept_raw(fake_parsers: types.ModuleType) -> None:
    st = _st(Kind.INCOME, ["合计\t1\t2"], title="收入决算表")
    d = ns.normalize([st], META)
    assert len(d.raw_tables) == 1
    raw = d.raw_tables[0]
    assert (raw.title, raw.kind, raw.reason, raw.ref) == (
        "收入决算表",
        "income",
        "column count 3, expected 7",
        "L9",
    )
    assert raw.lines == st.lines
    assert d.problems == ["收入决算表 (L9): column count 3, expected 7"]


def test_bug_in_a_parser_surfaces(fake_parsers: types.ModuleType) -> None:
    with pytest.raises(TypeError, match="a bug"):
        ns.normalize([_st(Kind.EXPENDITURE, ["x\t1"])], META)


def test_no_rows_from_a_table_with_figures_is_reported(fake_parsers: types.ModuleType) -> None:
    d = ns.normalize([_st(Kind.GENERAL_BUDGET, ["合计\t12.5"]), _st(Kind.GENERAL_BUDGET, ["(空)"])], META)
    assert [t.reason for t in d.raw_tables] == ["the parser found no rows in a table with figures"]
    assert len(d.problems) == 1


def test_other_and_empty_tables() -> None:
    note = "本单位无政府性基金预算财政拨款收入及支出"
    d = ns.normalize(
        [
            _st(Kind.OTHER, ["a\tb"], title="某附表"),
            _st(Kind.GOV_FUND, ["合计"], empty_note=note, title="政府性基金表"),
            # budget layout (code, name, amount): read like 05, published as its own resource
            _st(Kind.STATE_CAPITAL, ["科目编码\t科目名称\t金额", "\t合计\t5.00"], title="国有资本表"),
            # 决算 layout with balances: no parser, kept raw
            _st(Kind.GOV_FUND, ["项目\t年初结转和结余\t本年收入\t本年支出", "合计\t1.00\t2.00\t3.00"], title="基金决算表"),
            _st(Kind.PERFORMANCE_SELF_EVAL, ["x\t1"]),  # left to generator.performance
        ],
        META,
    )
    assert d.facts == [Fact("gov_fund_empty", "政府性基金表", None, "", note, "L9")]
    assert [(r.code, r.total) for r in d.state_capital_expenditure] == [("total", Decimal("5.00"))]
    assert [(t.title, t.reason) for t in d.raw_tables] == [
        ("某附表", "unclassified table"),
        ("基金决算表", "gov_fund table with balance columns (结转/本年收入): no parser for this layout"),
    ]
    assert len(d.problems) == 2
    assert ns.kinds_present(d) >= {Kind.GOV_FUND}


def test_add_rows_shapes() -> None:
    d = Disclosure(META)
    fact = Fact("vehicles", "车辆", Decimal(2), "辆", "q", "L1")
    check = CheckResult("c1", "d", None, None, None, Status.SKIP, "table")

    @dataclasses.dataclass
    class Result:
        facts: list[Fact]
        problems: list[str]
        raw_lines: list[list[Line]]

    assert ns.add_rows(d, None) == 0
    assert ns.add_rows(d, [check, [fact]]) == 2
    assert ns.add_rows(d, {"facts": [fact]}) == 1
    assert ns.add_rows(d, Result([fact], ["p1"], [[Line("绩效表", "L7")]])) == 2
    assert ns.add_rows(d, RawTable("t", "other", "r", [], "L1")) == 1
    assert ns.add_rows(d, Result([], ["x.md L8: layout not understood"], [[Line("表", "L8")]])) == 1
    assert (len(d.facts), len(d.checks), len(d.raw_tables)) == (3, 1, 3)
    assert d.raw_tables[0].ref == "L7" and d.problems[:2] == [
        "p1",
        f"L7: table not understood by {__name__}, kept raw",
    ]
    assert d.raw_tables[2].reason == "x.md L8: layout not understood" and len(d.problems) == 3
    with pytest.raises(TypeError, match="not a published row type"):
        ns.add_rows(d, "text")


def test_stage_rejecting_input_becomes_problem() -> None:
    def boom(*args: object) -> None:
        raise InputError("paragraph 3 unreadable")

    boom.__module__ = "fake_stage"
    d = Disclosure(META)
    assert pipeline._run(d, boom, lambda f: f()) is None
    assert d.problems == ["fake_stage.boom: paragraph 3 unreadable"]


# ---------------------------------------------------------------- metadata inference


def _doc(lines: list[str], name: str = "doc.md") -> Document:
    return Document(Path(name), "markdown", [Line(t, f"L{i + 1}") for i, t in enumerate(lines)], sha256="ab")


def test_infer_meta_from_title() -> None:
    doc = _doc(
        ["# 2025年度某某市某区财政局部门决算", "目录", "单位：万元", "第一部分"], "moumou-2025-final.md"
    )
    meta = pipeline.infer_meta(doc, doc.path)
    assert (meta.department, meta.year, meta.stage) == ("某某市某区财政局", 2025, "final")
    assert (meta.department_id, meta.disclosure_id, meta.sha256) == ("moumou", "moumou-2025-final", "ab")


def test_infer_meta_department_line_and_overrides() -> None:
    doc = _doc(["部门预算公开", "部门：某县卫生健康委员会", "2023年"], "x.txt")
    meta = pipeline.infer_meta(doc, doc.path)
    assert (meta.department, meta.year, meta.stage, meta.department_id) == (
        "某县卫生健康委员会",
        2023,
        "budget",
        "x",
    )
    meta = pipeline.infer_meta(doc, doc.path, department_id="wj", stage="final", year=2022, department="某委")
    assert (meta.disclosure_id, meta.department) == ("wj-2022-final", "某委")


def test_infer_meta_needs_year_and_stage() -> None:
    with pytest.raises(InputError, match="--year"):
        pipeline.infer_meta(_doc(["部门决算"]), Path("a.md"))
    with pytest.raises(InputError, match="--stage"):
        pipeline.infer_meta(_doc(["2024年 说明"]), Path("a.md"))


@pytest.mark.parametrize("meta", load_catalog(), ids=lambda m: m.disclosure_id)
def test_infer_meta_on_the_sources(meta: DisclosureMeta) -> None:
    path = SOURCES_DIR / meta.file
    inferred = pipeline.infer_meta(pipeline.read(path), path)
    assert (inferred.disclosure_id, inferred.year, inferred.stage) == (
        meta.disclosure_id,
        meta.year,
        meta.stage,
    )


# ---------------------------------------------------------------- the real sources


@pytest.fixture(scope="module")
def built() -> dict[str, Disclosure]:
    return {m.disclosure_id: pipeline.build_disclosure(m, SOURCES_DIR / m.file) for m in load_catalog()}


def test_every_source_yields_statements(built: dict[str, Disclosure]) -> None:
    for did, d in built.items():
        assert d.statements, did
        assert d.meta.disclosure_id == did


def test_empty_statements_recorded_as_facts(built: dict[str, Disclosure]) -> None:
    # jiangan-2024-final.md L292 / L307: 07 and 08 表 say 本单位无…
    facts = {f.topic_key: f for f in built["jiangan-2024-final"].facts}
    assert "本单位无政府性基金预算财政拨款收入及支出" in facts["gov_fund_empty"].quote
    assert "本单位无国有资本经营预算财政拨款支出" in facts["state_capital_empty"].quote
    assert facts["gov_fund_empty"].value is None


def test_nothing_recognizable(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# 会议纪要\n\n今天开会。\n", encoding="utf-8")
    with pytest.raises(InputError, match="no recognizable statement"):
        pipeline.build_from_document(META, pipeline.read(path))


def test_duplicate_readings_are_merged() -> None:
    def fact(value: str, ref: str) -> Fact:
        return Fact("vehicles", "车辆", Decimal(value), "辆", f"quote {ref}", ref)

    d = Disclosure(META, facts=[fact("2", "L1"), fact("2", "L5"), fact("3", "L9")])
    pipeline.drop_duplicates(d)
    assert [f.source_ref for f in d.facts] == ["L1"]
    assert len(d.problems) == 1  # the identical reading at L5 is not a problem; L9 is
    assert "L9" in d.problems[0] and "value 3 vs 2" in d.problems[0]
