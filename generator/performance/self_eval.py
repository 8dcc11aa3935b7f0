"""The reader of self-evaluation tables (绩效自评表), department and project level.

It takes the sections found by their titles (tables.find_tables), splits them into one table
per project (or the department), and reads each table by the export style of its rows:
- cells as the template prints them (self_eval_cells);
- cells broken and shifted by OCR (self_eval_ocr), when the template reading fails;
- plain text without cell boundaries (self_eval_text).
A table none of them understands is kept raw and reported.
"""

from __future__ import annotations

import re

from ..model import IndicatorRow, Line, ProjectRow
from .cells import DEPARTMENT, clean, compact, is_department_title, nonblank, vocabulary
from .self_eval_cells import Parsed, parse_table
from .self_eval_ocr import parse_ocr_table
from .self_eval_text import parse_plain_table
from .tables import find_tables


def _is_name_row(line: Line) -> bool:
    first = nonblank(line.cells)[0] if nonblank(line.cells) else line.text
    return compact(first).startswith(vocabulary().labels["self_eval"]["project_name"])


def _is_name_heading(line: Line) -> bool:
    """ "(部门日常管理经费)": a heading some exports print above each project's table."""
    text = compact(line.text)
    # column captions like "(万元)", "(20分*执行率)" are not project names
    return (
        line.cells is None
        and re.match(r"^[(（][^()（）]{4,}[)）]$", text) is not None
        and not re.search(r"万元|分|率", text)
    )


def split_tables(section: list[Line]) -> list[list[Line]]:
    """Split the lines of a self-evaluation section into tables, one per project.

    A table starts at a 项目名称 row (with the "(name)" heading just above it, if any) or at a
    "(name)" heading; rows before the first start form a table of their own (e.g. a
    department-level table).
    """
    tables: list[list[Line]] = []
    current: list[Line] = []
    for line in section:
        starts = _is_name_heading(line) or _is_name_row(line)
        if starts and current and not all(_is_name_heading(c) for c in current):
            carry = [current.pop()] if current and _is_name_heading(current[-1]) else []
            if current:
                tables.append(current)
            current = carry
        current.append(line)
    if current:
        tables.append(current)
    return [t for t in tables if len(t) >= 3]




def extract_self_eval(lines: list[Line], where: str):
    """All self-evaluation sections of a document -> (projects, indicators, problems, raw tables)."""
    projects: list[ProjectRow] = []
    indicators: list[IndicatorRow] = []
    problems: list[str] = []
    raw: list[list[Line]] = []
    for section in find_tables(lines, "self_eval"):
        title = clean(section.title.text)
        for table in split_tables(list(section.body)):
            table_ref = table[0].ref
            if all(ln.cells is None for ln in table):
                parsed = _other_layout(table, title, where, parse_plain_table)
            else:
                parsed = parse_table(table, where)
                if not parsed.understood:
                    parsed = _other_layout(table, title, where, parse_ocr_table, parsed.reason)
            problems.extend(parsed.problems)
            if parsed.understood and parsed.project is not None:
                projects.append(parsed.project)
                indicators.extend(parsed.indicators)
            else:
                raw.append(table)
                problems.append(
                    f"{where} {table_ref}: self-evaluation table under {title!r} kept raw: {parsed.reason}"
                )
    return projects, indicators, problems, raw


def table_project(table: list[Line], title: str) -> str:
    """The project a table is about: its "(name)" heading, 部门整体 under a 部门整体 title, or
    the 项目名称 row; "" when none is found."""
    if _is_name_heading(table[0]):
        return clean(compact(table[0].text)[1:-1])
    if is_department_title(title):
        return DEPARTMENT
    for line in table:
        m = re.match("^" + re.escape(vocabulary().labels["self_eval"]["project_name"]) + "(.+)$", compact(line.text))
        if m:
            return clean(m.group(1))
    return ""


def _other_layout(table: list[Line], title: str, where: str, parser, why: str = "") -> Parsed:
    """Tables outside the cell template: OCR'd cells or plain text."""
    name = table_project(table, title)
    if not name:
        return Parsed(reason=f"{why + '; ' if why else ''}no project name found")
    project, indicators, problems = parser(table, name, where)
    if project is None:
        return Parsed(problems=problems, reason=f"{why + '; ' if why else ''}layout not understood")
    return Parsed(project=project, indicators=indicators, problems=problems, understood=True)
