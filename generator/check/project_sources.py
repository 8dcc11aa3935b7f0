"""A project's figures printed in two places (scope project).

- P.plan.<project>: the 资金支出计划 of a 绩效目标表 is cumulative; its last period (12月底, else
  the last one filled) must reach the whole budget: 100 in %, the project's 预算数 in 万元. A plan
  above the budget, or one that leaves part of it unplanned, fails.
- P.narrative.<key>: a project amount the narrative states ("1.部门日常管理经费16.83万元,主要成效",
  "项目全年预算数为…,执行数为…") against the same project in the performance tables
  (self-evaluation or targets). Which table column a narrative topic restates is data
  (fact_checks.yaml `project_facts`). A table value filled from that very statement (the OCR lost
  the cell) is not compared with itself.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..model import CheckResult, Disclosure, Fact, ProjectRow, SpendingPlanRow, Status
from .explain import sentence
from .figures import rules
from .rows import strip_suffix
from .text import same_statement
from .tolerance import HUNDRED, compare, quote_tolerance, refs, skip

SCOPE = "project"
_TABLE_KINDS = {"self_eval": "绩效自评表", "targets": "绩效目标表"}
_FIELD_LABELS = {"amount": "预算数", "adjusted": "全年预算数", "executed": "执行数"}


def _budget(p: ProjectRow) -> Decimal | None:
    return p.amount if p.amount is not None else p.adjusted


def spending_plans(d: Disclosure) -> list[CheckResult]:
    plans: dict[str, list[SpendingPlanRow]] = defaultdict(list)
    for row in d.spending_plan:
        plans[row.project].append(row)
    projects = {p.name: p for p in d.projects}
    out = []
    for name, rows in plans.items():
        check_id = f"P.plan.{name}"
        filled = [r for r in rows if r.amount is not None]
        project = projects.get(name)
        if not filled:
            out.append(skip(check_id, f"{name} 资金支出计划: 未列数字 / no figure", SCOPE, rows[0].source_ref))
            continue
        last = filled[-1]
        assert last.amount is not None
        target: Decimal | None
        if last.unit == "%":
            target, what, ref = HUNDRED, "100%", last.source_ref
        else:
            budget = _budget(project) if project is not None else None
            scale = Decimal(10000) if last.unit == "元" else Decimal(1)
            target = budget * scale if budget is not None else None
            what, ref = f"预算数 {budget}", refs(last, project) if project is not None else last.source_ref
        description = (f"{name} 资金支出计划 {last.period} 累计 = {what} / the spending plan reaches the budget "
                       f"by its last period")
        if target is None:
            out.append(skip(check_id, description + ": 预算数未列出 / no budget", SCOPE, ref, actual=last.amount))
            continue
        result = compare(check_id, description, target, last.amount, Decimal(0), SCOPE, ref)
        if result.status == Status.FAIL:
            result.explanation = sentence(
                "plan_over" if last.amount > target else "plan_under", project=name, period=last.period,
                plan=last.amount, budget=target, unit=last.unit)
        out.append(result)
    return out


def _same_project(a: str, b: str) -> bool:
    """One project named twice: equal, or one name ends with the other (城乡医疗救助经费 / 医疗救助经费)."""
    return a == b or a.endswith(b) or b.endswith(a)


def _named(f: Fact, topic_label: str) -> str:
    return f.label.removesuffix(topic_label).strip()


def narrative_projects(d: Disclosure) -> list[CheckResult]:
    from ..narrative.facts import config

    table: dict[str, dict[str, str]] = rules().get("project_facts", {})
    labels = {t.key: t.label for t in config().topics}
    tables = [p for p in d.projects if p.kind in _TABLE_KINDS]
    out = []
    for f in d.facts:
        topic = strip_suffix(f.topic_key)
        column = table.get(topic, {}).get(d.meta.stage)
        if column is None or f.value is None or f.year not in (None, d.meta.year):
            continue
        name = _named(f, labels.get(topic, ""))
        project = next((p for p in tables if _same_project(p.name, name)), None)
        if project is None:
            continue  # a project of the narrative only: nothing to compare with
        printed: Decimal | None = getattr(project, column)
        where = _TABLE_KINDS[project.kind]
        check_id = f"P.narrative.{f.topic_key}"
        description = (f"说明 “{f.label}” = {where} “{project.name}” {_FIELD_LABELS.get(column, column)} "
                       f"/ a project amount of the narrative vs its table")
        if printed is None:
            out.append(skip(check_id, description + f": {where}未列此数 / not in the table", SCOPE, f.source_ref,
                            actual=f.value))
            continue
        if any(same_statement(f.source_ref, r) for r in project.source_ref.split()[1:]):
            out.append(skip(check_id, description + ": 表中数取自这句说明 / the table cell was filled from this "
                            "statement", SCOPE, refs(f, project), expected=printed, actual=f.value))
            continue
        result = compare(check_id, description, printed, f.value, quote_tolerance(f.value, printed), SCOPE,
                         refs(f, project.source_ref.split()[0]))
        if result.status != Status.PASS:
            result.explanation = sentence(
                f"project_amount_{result.status.value}", project=project.name,
                field=_FIELD_LABELS.get(column, column), stated=f.value, table=where, printed=printed,
                difference=abs(f.value - printed))
        out.append(result)
    return out


CHECKS = [spending_plans, narrative_projects]
