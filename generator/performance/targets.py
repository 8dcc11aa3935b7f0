"""The reader of performance target tables (绩效目标表), department and project level.

The tables are found by their titles (tables.find_tables) and read by their export style:
- project tables with cells, one per project (targets_cells): projects, indicators and
  their 资金支出计划;
- tables in plain text whose cells are broken over lines (targets_text): the department's
  整体绩效目标表 (indicators of 部门整体) and the 项目绩效目标汇总表 (one row per project).
Tables whose layout is not understood are returned raw and reported.
"""

from __future__ import annotations

from ..model import IndicatorRow, Line, ProjectRow, SpendingPlanRow
from .tables import find_tables
from .targets_cells import parse_target_table, resolve_plan_units
from .targets_text import parse_department_targets, parse_project_summary


def extract_targets(lines: list[Line], where: str):
    """All target tables of a document -> (projects, indicators, plans, problems, raw tables)."""
    projects: list[ProjectRow] = []
    indicators: list[IndicatorRow] = []
    plans: list[SpendingPlanRow] = []
    problems: list[str] = []
    raw: list[list[Line]] = []
    for table in find_tables(lines, "targets"):
        project, rows, plan, found = parse_target_table(table.title, list(table.body), where)
        problems.extend(found)
        if project is None:
            raw.append(table.lines)
            continue
        projects.append(project)
        indicators.extend(rows)
        plans.extend(plan)
    plans, found = resolve_plan_units(plans, where)
    problems += found
    for table in find_tables(lines, "department_targets"):
        found_rows, found, raw_dept = parse_department_targets(table, where)
        indicators += found_rows
        problems += found
        if raw_dept:
            raw.append(raw_dept)
    for table in find_tables(lines, "project_summary"):
        found_projects, found_rows, found, kept = parse_project_summary(table, where)
        projects += found_projects
        indicators += found_rows
        problems += found
        if kept:
            raw.append(kept)  # some indicators could not be placed
    return projects, indicators, plans, problems, raw
