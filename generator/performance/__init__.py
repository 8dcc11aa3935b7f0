"""Projects and performance indicators of a disclosure (resources `projects`, `indicators`,
`spending_plan`), read from the whole document after the statements.

Two table readers, each for department and project level and any export style, and the
narrative:
- self_eval: 绩效自评表 → kind "self_eval", indicators with 完成值/权重/得分;
- targets: 绩效目标表 and 项目绩效目标汇总表 → kind "targets", with the 资金支出计划 of a
  project table (resource `spending_plan`); department-level indicators use
  project = "部门整体" (DEPARTMENT);
- prose_projects: project lists in the narrative of a 决算 → kind "narrative".
Tables whose layout is not understood are returned in raw_lines and reported in problems.

Keys: a project name appears once per disclosure (rows of several sources with one name are
merged, conflicts reported); (project, level1, level2, level3) is unique (repeats get " (2)").
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..model import Document, IndicatorRow, Line, ProjectRow, SpendingPlanRow
from .cells import DEPARTMENT, make_unique
from .prose_projects import extract_prose_projects
from .self_eval import extract_self_eval
from .targets import extract_targets

__all__ = ["DEPARTMENT", "PerformanceResult", "extract_performance"]


@dataclass
class PerformanceResult:
    projects: list[ProjectRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    spending_plan: list[SpendingPlanRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    raw_lines: list[list[Line]] = field(default_factory=list)  # tables not understood


def _merge_projects(rows: list[ProjectRow], problems: list[str], where: str) -> list[ProjectRow]:
    by_name: dict[str, ProjectRow] = {}
    for row in rows:
        kept = by_name.get(row.name)
        if kept is None:
            by_name[row.name] = row
            continue
        for f in fields(ProjectRow):
            if f.name in ("name", "source_ref", "kind"):
                continue
            old, new = getattr(kept, f.name), getattr(row, f.name)
            if old in (None, "") and new not in (None, ""):
                setattr(kept, f.name, new)
                # the value is read elsewhere: source_ref names those lines too (table first)
                known = kept.source_ref.split()
                kept.source_ref = " ".join(known + [r for r in row.source_ref.split() if r not in known])
            elif new not in (None, "") and new != old:
                problems.append(
                    f"{where} {row.source_ref}: project {row.name!r} {f.name} {new} ({row.kind}) differs from "
                    f"{old} ({kept.kind}) at {kept.source_ref}; {old} kept"
                )
    return list(by_name.values())


def extract_performance(doc: Document) -> PerformanceResult:
    where = doc.path.name
    result = PerformanceResult()
    lines = doc.lines

    projects, indicators, problems, raw = extract_self_eval(lines, where)
    result.projects += projects
    result.indicators += indicators
    result.problems += problems
    result.raw_lines += raw

    projects, indicators, plans, problems, raw = extract_targets(lines, where)
    result.projects += projects
    result.indicators += indicators
    result.spending_plan += plans
    result.problems += problems
    result.raw_lines += raw

    projects, problems = extract_prose_projects(lines, where)
    result.projects += projects
    result.problems += problems

    result.projects = _merge_projects(result.projects, result.problems, where)
    result.indicators = make_unique(result.indicators, result.problems, where)
    return result
