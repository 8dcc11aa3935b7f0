"""Project checks on small synthetic disclosures."""

from __future__ import annotations

from generator.check import projects
from generator.model import Disclosure, IndicatorRow, ProjectRow, Status
from tests.test_checks_support import D, F, by_id, consistent, meta


def P(name: str, adjusted: str | None, executed: str | None, rate: str | None = None, score: str | None = None,
      kind: str = "self_eval", amount: str | None = None) -> ProjectRow:
    return ProjectRow(name, "", D(amount), D(adjusted), D(executed), D(rate), D(score), f"P.{name}", kind=kind)


def ind(project: str, weight: str | None, score: str | None) -> IndicatorRow:
    return IndicatorRow(project, "产出指标", "数量指标", "x", "=", "1", "", "1", D(weight), D(score), "I")


def test_project_sum_vs_project_expenditure() -> None:
    d = consistent()  # 项目支出 30.00
    d.projects = [P("a", "10.00", "10.00"), P("b", "20.00", "20.00"), P("c", "5", "5", kind="narrative")]
    r = by_id(projects.project_sums(d))
    assert r["P.sum.self_eval"].status is Status.PASS
    assert r["P.sum.narrative"].status is Status.FAIL and r["P.sum.narrative"].difference == D("-25.00")
    d.projects.append(P("d", "1.00", None))
    assert by_id(projects.project_sums(d))["P.sum.self_eval"].status is Status.SKIP
    # no table: the narrative's 项目支出
    e = Disclosure(meta=meta())
    e.facts = [F("project_expenditure", "442.12")]
    e.projects = [P("a", "400.00", "425.78")]
    r = by_id(projects.project_sums(e))
    assert r["P.sum.self_eval"].status is Status.FAIL and r["P.sum.self_eval"].expected == D("442.12")
    # budget disclosures add up the budget amounts
    b = Disclosure(meta=meta(stage="budget"))
    b.facts = [F("project_expenditure", "22480.92")]
    b.projects = [P("x", None, None, kind="targets", amount="22000.00"), P("y", None, None, kind="targets",
                                                                            amount="480.93")]
    assert by_id(projects.project_sums(b))["P.sum.targets"].status is Status.WARN


def test_execution_rate() -> None:
    d = Disclosure(meta=meta())
    d.projects = [P("a", "2.10", "1.98", rate="94.01"), P("b", "16.00", "15.88", rate="99.25"),
                  P("c", "16.00", "15.88", rate="90"), P("d", "0", "0", rate="0"), P("e", "1", "1")]
    r = by_id(projects.execution_rates(d))
    assert r["P.self_eval.a.execution_rate"].status is Status.WARN  # 94.29 from rounded amounts
    assert r["P.self_eval.b.execution_rate"].status is Status.PASS
    assert r["P.self_eval.c.execution_rate"].status is Status.FAIL
    assert r["P.self_eval.d.execution_rate"].status is Status.SKIP
    assert "P.self_eval.e.execution_rate" not in r


def test_score_is_indicators_plus_execution_points() -> None:
    d = Disclosure(meta=meta())
    d.projects = [P("a", "1", "1", score="100"), P("b", "1", "1", score="99"), P("c", "1", "1", score="100"),
                  P("e", "1", "1", score="100")]
    d.indicators = [ind("a", "50", "50"), ind("a", "30", "30"), ind("a", "10", "10"),  # + 10 execution points
                    ind("b", "80", "70"),  # 70 + at most 20 → 99 impossible
                    ind("c", "100", "100"),
                    ind("e", "90", None)]
    r = by_id(projects.indicator_scores(d))
    assert r["P.self_eval.a.score"].status is Status.PASS and r["P.self_eval.a.score"].difference == D("10")
    assert r["P.self_eval.b.score"].status is Status.FAIL
    assert r["P.self_eval.c.score"].status is Status.PASS
    assert r["P.self_eval.e.score"].status is Status.SKIP


def test_score_without_weights() -> None:
    # jiangan-2024 L592-L622 (部门日常管理经费): indicators carry scores but no 分值; 15×4 + 4×5 = 80
    # and 总分 is 100: the 20 points are the 预算执行 score (printed, but not in the published rows)
    d = Disclosure(meta=meta())
    d.projects = [P("a", "11.8", "11.8", rate="100", score="100"), P("b", "1", "1", score="80"),
                  P("c", "1", "1", score="70"), P("m", "1", "1", score="95")]
    d.indicators = [ind("a", None, "40"), ind("a", None, "40"),
                    ind("b", None, "40"), ind("b", None, "40"),  # = 总分: no 预算执行 points
                    ind("c", None, "40"), ind("c", None, "40"),  # more than 总分: impossible
                    ind("m", "50", "45"), ind("m", None, "40")]  # a weight missing: as if none
    r = by_id(projects.indicator_scores(d))
    a = r["P.self_eval.a.score"]
    assert a.status is Status.SKIP
    assert "预算执行" in a.description and "not published" in a.description
    assert a.expected == D("80") and a.actual == D("100")
    assert r["P.self_eval.b.score"].status is Status.PASS
    assert r["P.self_eval.c.score"].status is Status.FAIL and r["P.self_eval.c.score"].difference == D("-10")
    assert r["P.self_eval.m.score"].status is Status.SKIP
