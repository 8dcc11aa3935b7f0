"""Checks on projects (项目支出, 绩效自评/绩效目标表)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..model import CheckResult, Disclosure, IndicatorRow, ProjectRow, Status
from ..performance import DEPARTMENT
from .figures import first
from .rows import squash
from .tolerance import compare, percent_compare, refs, skip, sum_tolerance, table_unit, unit_of

SCOPE = "project"

# where 项目支出 is printed: 03表 合计 项目支出, else 05表; the narrative's figure when no table has it
_PROJECT_TOTAL = ["expenditure.total.project", "general_budget.total.project"]
_PROJECT_FACTS = ("project_expenditure", "general_budget_project")
_KIND_LABELS = {"self_eval": "绩效自评表", "targets": "绩效目标表", "narrative": "说明", "": "项目表"}


def _project_total(d: Disclosure) -> tuple[Decimal | None, str, str]:
    fig = first(d, _PROJECT_TOTAL)
    if fig is not None and fig.value is not None:
        return fig.value, fig.source_ref, fig.table
    for topic in _PROJECT_FACTS:
        for f in d.facts:
            if f.topic_key.split("@", 1)[0] == topic and f.value is not None and f.year in (None, d.meta.year):
                return f.value, f.source_ref, "说明"
    return None, "", ""


def _spent(p: ProjectRow, stage: str) -> Decimal | None:
    """What a project contributes to 项目支出: executed in final accounts, budget in a budget."""
    if stage == "final":
        return p.executed
    return p.amount if p.amount is not None else p.adjusted


def project_sums(d: Disclosure) -> list[CheckResult]:
    if not d.projects:
        return []
    total, total_ref, where = _project_total(d)
    by_kind: dict[str, list[ProjectRow]] = defaultdict(list)
    for p in d.projects:
        if p.name != DEPARTMENT:  # the department-wide self-evaluation is not a project
            by_kind[p.kind].append(p)
    out = []
    column = "执行数" if d.meta.stage == "final" else "预算数"
    for kind, projects in by_kind.items():
        check_id = f"P.sum.{kind or 'projects'}"
        values = [_spent(p, d.meta.stage) for p in projects]
        description = (f"Σ {_KIND_LABELS.get(kind, kind)} 各项目{column} ({len(projects)}个) = 项目支出({where}) / "
                       f"sum of projects vs project expenditure (lists may omit projects of other funds)")
        if total is None:
            out.append(skip(check_id, description + ": 项目支出未列出 / not reported", SCOPE,
                            refs(*projects)))
            continue
        if any(v is None for v in values):
            missing = [p.name for p, v in zip(projects, values, strict=True) if v is None]
            out.append(skip(check_id, description + f": {len(missing)}个项目无{column} / amounts missing",
                            SCOPE, refs(*projects), expected=total))
            continue
        known = [v for v in values if v is not None]
        unit = max([table_unit(total)] + [unit_of(v) for v in known if v != 0])
        out.append(compare(check_id, description, total, sum(known, Decimal(0)),
                           sum_tolerance(list(known), unit), SCOPE, refs(total_ref, *projects)))
    return out


def _key(p: ProjectRow, seen: dict[str, int]) -> str:
    base = p.project_code or squash(p.name)
    base = f"{p.kind}.{base}" if p.kind else base
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}#{seen[base]}"


def execution_rates(d: Disclosure) -> list[CheckResult]:
    out = []
    seen: dict[str, int] = {}
    for p in d.projects:
        key = _key(p, seen)
        if p.execution_rate is None:
            continue  # nothing stated to check
        check_id = f"P.{key}.execution_rate"
        budget = p.adjusted if p.adjusted is not None else p.amount
        if budget is None or p.executed is None or budget == 0:
            why = "预算数为0 / budget is 0" if budget == 0 else "预算数或执行数未列出 / amounts not stated"
            out.append(skip(check_id, f"{p.name} 执行率: {why}", SCOPE, p.source_ref, actual=p.execution_rate))
            continue
        out.append(percent_compare(check_id, f"{p.name} 执行率 = 执行数 ÷ 全年预算数 × 100 / execution rate recomputed",
                                   p.execution_rate, p.executed, budget, unit_of(p.executed), unit_of(budget), SCOPE,
                                   p.source_ref))
    return out


def indicator_scores(d: Disclosure) -> list[CheckResult]:
    """The project's score = Σ indicator scores + the 预算执行 points (not an indicator row).

    Templates weight 预算执行 10 or 20 points outside the indicator list: with indicator
    weights W, the score must lie in [Σ scores, Σ scores + (100 - W)]; when W = 100 it
    must equal Σ scores. expected = Σ scores, difference = score - Σ scores.

    Without weights (jiangan's tables print none) no bound is invented: score = Σ scores
    passes (no 预算执行 points), score < Σ scores fails (points cannot be negative), and a
    positive difference is the 预算执行 points: compared with ProjectRow.execution_score where
    the table prints it, else skipped with that reason.
    """
    by_project: dict[str, list[IndicatorRow]] = defaultdict(list)
    for ind in d.indicators:
        by_project[ind.project].append(ind)
    out = []
    seen: dict[str, int] = {}
    for p in d.projects:
        key = _key(p, seen)
        inds = by_project.get(p.name) or by_project.get(p.project_code) or []
        if p.score is None or not inds:
            continue
        check_id = f"P.{key}.score"
        if any(i.score is None for i in inds):
            out.append(skip(check_id, f"{p.name} 总分 = Σ 指标得分 + 预算执行得分: 部分指标无得分 / "
                            "some indicator scores not reported", SCOPE, refs(p), actual=p.score))
            continue
        scores = [i.score for i in inds if i.score is not None]
        total = sum(scores, Decimal(0))
        difference = p.score - total
        source = refs(p, *inds)
        if all(i.weight is not None for i in inds):
            weights = sum((i.weight for i in inds if i.weight is not None), Decimal(0))
            rest = max(Decimal(100) - weights, Decimal(0))
            if 0 <= difference <= rest:
                status = Status.PASS  # the difference is the 预算执行 points, within their weight
            else:
                status = Status.FAIL
            description = (f"{p.name} 总分 = Σ 指标得分 ({len(scores)}项, 权重{weights}) + 预算执行得分 (≤{rest}) / "
                           "score = indicator scores + budget-execution points")
            out.append(CheckResult(check_id, description, total, p.score, difference, status, SCOPE, rest, source))
            continue
        unweighted = sum(1 for i in inds if i.weight is None)
        description = (f"{p.name} 总分 = Σ 指标得分 ({len(scores)}项, {unweighted}项无权重) + 预算执行得分 / "
                       "score = indicator scores + budget-execution points (no weights: no upper bound)")
        if p.execution_score is not None:
            total_with = total + p.execution_score
            out.append(CheckResult(
                check_id,
                f"{p.name} 总分 = Σ 指标得分 ({len(scores)}项) + 预算执行得分 {p.execution_score} / "
                "score = indicator scores + budget-execution points",
                total_with, p.score, p.score - total_with,
                Status.PASS if p.score == total_with else Status.FAIL, SCOPE, Decimal(0), source,
            ))
            continue
        if difference > 0:
            out.append(skip(check_id, description + f": 总分比Σ指标得分多{difference}分, 即预算执行得分, 但该得分未发布 / "
                            f"the {difference} points would be the 预算执行 score, which is not published",
                            SCOPE, source, expected=total, actual=p.score))
            continue
        status = Status.PASS if difference == 0 else Status.FAIL  # points cannot be negative
        out.append(CheckResult(check_id, description, total, p.score, difference, status, SCOPE, Decimal(0), source))
    return out


CHECKS = [project_sums, execution_rates, indicator_scores]
