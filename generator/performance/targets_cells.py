"""Project performance target tables (项目绩效目标表) whose cells the export kept.

Layout (the 河北 template): a title "N、<项目>绩效目标表", 单位：万元, rows
项目编码/项目名称, 预算规模及资金用途 (预算数, 其中：财政资金, 其他资金), 资金支出计划,
绩效目标, then a header 一级指标/二级指标/三级指标/绩效指标描述/指标值/指标值确定依据 and one
row per indicator; a blank 一级/二级 cell continues the one above (merged cell).

预算规模 gives 预算数 and its split 其中：财政资金 / 其他资金 (ProjectRow.fiscal_funds /
other_funds; a blank cell of the listed split is 0). 资金支出计划 is a header row of periods
(3月底 … 12月底) and a row of values, published as SpendingPlanRow as printed, with the unit
the header prints ("资金支出计划（%）"); a header unit that contradicts the values (% although
the last value equals 预算数) is reported.

A row with a single filled cell (单位：万元, the 资金用途 text) may come without cells (a PDF
prints it as a paragraph); such lines belong to the table up to its indicator header.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ..model import IndicatorRow, Line, ProjectRow, SpendingPlanRow
from ..normalize.numbers import to_wan
from .cells import amount, clean, compact, nonblank, target_row, vocabulary


def _after(cells: tuple[str, ...], label: str) -> str:
    for i, c in enumerate(cells):
        if compact(c).startswith(label):
            return next((clean(n) for n in cells[i + 1 :] if clean(n)), "")
    return ""


def _cell(cells: tuple[str, ...], header: dict[str, int], key: str) -> str:
    at = header.get(key)
    return clean(cells[at]) if at is not None and at < len(cells) else ""


def _next_cell(cells: tuple[str, ...], word: str) -> str | None:
    """The cell right after the first cell containing `word` (None when no such cell)."""
    for i, c in enumerate(cells):
        if word in compact(c):
            return clean(cells[i + 1]) if i + 1 < len(cells) else ""
    return None


def _funds(cell: str | None, unit: str) -> Decimal | None:
    """A listed fund split cell in 万元: blank = 0, absent (None) = not reported."""
    if cell is None:
        return None
    return to_wan(amount(cell), unit) if cell else Decimal(0)


def _plan_unit(header: tuple[str, ...], table_unit: str) -> str:
    m = re.search(r"[(（]([^()（）]+)[)）]", clean(header[0]))
    return m.group(1) if m else table_unit


def _plan_rows(
    header: tuple[str, ...], values: tuple[str, ...], project: str, unit: str, ref: str
) -> list[SpendingPlanRow]:
    """资金支出计划: the period cells of the header over the value cells of the next row."""
    rows = []
    for i, period in enumerate(header):
        if i == 0 or not compact(period):
            continue  # the row label 资金支出计划（…）
        printed = clean(values[i]) if i < len(values) else ""
        rows.append(SpendingPlanRow(project, compact(period), amount(printed), unit, ref))
    return rows


def parse_target_table(title: Line, body: list[Line], where: str):
    """One target table -> (project or None, indicators, spending plan rows, problems)."""
    words = vocabulary().labels["targets"]
    problems: list[str] = []
    unit = "万元"
    code = name = ""
    name_ref = title.ref
    budget = None
    fiscal = other = None
    plan_header: tuple[str, ...] | None = None
    plan_values: Line | None = None
    plan_end = None
    header: dict[str, int] | None = None
    carried = ("", "")
    indicators: list[IndicatorRow] = []
    for line in body:
        cells = line.cells if line.cells is not None else (line.text,)
        joined = compact(" ".join(cells))
        if header is None:
            if m := re.search(r"单位[:：](万元|元)", joined):
                unit = m.group(1)
            if any(compact(c) == words["project_name"] for c in cells):
                code, name = _after(cells, words["project_code"]), _after(cells, words["project_name"])
                name_ref = line.ref
            if any(compact(c) == words["budget"] for c in cells):
                budget = to_wan(amount(_after(cells, words["budget"])), unit)
                fiscal = _funds(_next_cell(cells, words["fiscal_funds"]), unit)
                other = _funds(_next_cell(cells, words["other_funds"]), unit)
            if plan_header is not None and plan_values is None:
                plan_values = line
                at = next((i for i, c in enumerate(plan_header) if compact(c) == words["plan_end"]), None)
                if at is not None and at < len(cells):
                    plan_end = to_wan(amount(cells[at]), unit)
            if any(compact(c).startswith(words["spending_plan"]) for c in cells):
                plan_header = cells
            if set(words["levels"]) <= {compact(c) for c in cells}:
                header = {compact(c): i for i, c in enumerate(cells)}
            continue
        l1p, l2p, l3, printed = (
            _cell(cells, header, k) for k in (*words["levels"], words["target_value"])
        )
        l1 = l1p or carried[0]
        l2 = l2p or (carried[1] if not l1p else "")
        if not (l3 or printed):
            if nonblank(cells):
                problems.append(f"{where} {line.ref}: row of {name!r} not understood: {line.text!r}")
            continue
        carried = (l1, l2)
        indicators.append(target_row(name, l1, l2, l3, printed, line.ref))
    if not name:
        problems.append(f"{where} {title.ref}: target table {clean(title.text)!r} has no 项目名称 row")
        return None, [], [], problems
    if header is None:
        problems.append(f"{where} {title.ref}: target table of {name!r} has no indicator header")
    plan: list[SpendingPlanRow] = []
    if plan_header is not None and plan_values is not None:
        plan_unit = _plan_unit(plan_header, unit)
        plan = _plan_rows(plan_header, plan_values.cells or (), name, plan_unit, plan_values.ref)
        filled = [r for r in plan if r.amount is not None]
        # a cumulative plan in % ends at 100; one ending at 预算数 is in the table's unit (the
        # header's % is wrong); one ending elsewhere is decided over the document (resolve_plan_units)
        if plan_unit == "%" and filled and filled[-1].amount != 100:
            last = filled[-1]
            if budget is not None and last.amount is not None and to_wan(last.amount, unit) == budget:
                plan = [replace(r, unit=unit) for r in plan]
                problems.append(
                    f"{where} {plan_values.ref} {name!r}: 资金支出计划 header prints the unit %, but its last "
                    f"value is {last.period} {last.amount}, not 100, and equals 预算数 {budget} {unit}: "
                    f"amounts in {unit}, published with unit {unit}"
                )
    elif plan_header is not None:
        problems.append(f"{where} {name_ref} {name!r}: 资金支出计划 without a row of values")
    if plan_end is not None and budget is not None and plan_end != budget:
        problems.append(
            f"{where} {name_ref} {name!r}: 资金支出计划 12月底 {plan_end} differs from 预算数 {budget}"
        )
    if fiscal is not None and other is not None and budget is not None and fiscal + other != budget:
        problems.append(
            f"{where} {name_ref} {name!r}: 财政资金 {fiscal} + 其他资金 {other} differs from 预算数 {budget}"
        )
    project = ProjectRow(
        name=name,
        project_code=code,
        amount=budget,
        adjusted=None,
        executed=None,
        execution_rate=None,
        score=None,
        source_ref=name_ref,
        kind="targets",
        fiscal_funds=fiscal,
        other_funds=other,
    )
    return project, indicators, plan, problems


def resolve_plan_units(plans: list[SpendingPlanRow], where: str) -> tuple[list[SpendingPlanRow], list[str]]:
    """A plan under a % header that neither ends at 100 nor at its budget: one template in one
    document means one thing, so when the document's other plans are amounts (a header in 万元,
    or a % header whose plan ends at the budget) it is in that unit too; else kept as printed."""
    by_project: dict[str, list[SpendingPlanRow]] = {}
    for r in plans:
        by_project.setdefault(r.project, []).append(r)
    amount_units = {r.unit for r in plans if r.unit != "%"}
    out: list[SpendingPlanRow] = []
    problems: list[str] = []
    for project, rows in by_project.items():
        filled = [r for r in rows if r.amount is not None]
        if rows[0].unit != "%" or not filled or filled[-1].amount == 100:
            out += rows
            continue
        last = filled[-1]
        said = (f"{where} {last.source_ref} {project!r}: 资金支出计划 header prints the unit %, but its last value "
                f"is {last.period} {last.amount}, not 100")
        if len(amount_units) == 1:
            (unit,) = amount_units
            out += [replace(r, unit=unit) for r in rows]
            problems.append(f"{said}; the document's other plans are amounts in {unit}: published with unit {unit}")
        else:
            out += rows
            problems.append(f"{said}; published as printed with unit %")
    return out, problems
