"""The reader of performance target tables (绩效目标表), department and project level.

By the export style of the tables:
- project tables with cells, one per project (targets_cells): projects, indicators and
  their 资金支出计划;
- tables in plain text whose cells are broken over lines (targets_text): the department's
  整体绩效目标表 (indicators of 部门整体) and the 项目绩效目标汇总表 (one row per project).
Tables whose layout is not understood are returned raw and reported.
"""

from __future__ import annotations

from ..model import IndicatorRow, Line, ProjectRow, SpendingPlanRow
from .targets_cells import is_target_title, parse_target_table, table_body
from .targets_text import parse_department_targets, parse_project_summary


def extract_targets(lines: list[Line], where: str):
    """All target tables of a document -> (projects, indicators, plans, problems, raw tables)."""
    projects: list[ProjectRow] = []
    indicators: list[IndicatorRow] = []
    plans: list[SpendingPlanRow] = []
    problems: list[str] = []
    raw: list[list[Line]] = []
    for i, line in enumerate(lines):
        if not is_target_title(line):
            continue
        body = table_body(lines, i + 1)
        if not body:
            continue  # a title mentioned in text, or a plain-text table handled elsewhere
        project, rows, plan, found = parse_target_table(line, body, where)
        problems.extend(found)
        if project is None:
            raw.append([line, *body])
            continue
        projects.append(project)
        indicators.extend(rows)
        plans.extend(plan)
    found_rows, found, raw_dept = parse_department_targets(lines, where)
    indicators += found_rows
    problems += found
    if raw_dept:
        raw.append(raw_dept)
    found_projects, found_rows, found, table = parse_project_summary(lines, where)
    projects += found_projects
    indicators += found_rows
    problems += found
    if table:
        raw.append(table)  # some indicators could not be placed
    return projects, indicators, plans, problems, raw
