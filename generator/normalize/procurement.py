"""Parse a 政府采购预算 table (Hebei 部门政府采购预算) into ProcurementRow.

The table has two header rows: titles that span both rows (采购物品名称, 数量, 单价 …) and
group titles whose sub-columns are named on the second row (政府采购项目来源 → 项目名称 |
预算资金; 政府采购金额 → 合计 | 一般公共预算拨款 | … | 上年结转结余). Each column's title is
its lowest header cell; reference/procurement_columns.yaml maps titles to fields.

A tree layout (Jiangsu 政府采购支出预算表: 采购品目大类 / 专项名称 / 经济科目 / 采购物品名称)
prints each level once, on a group line above the purchases it covers; the levels are listed
in the YAML (`tree`) and each purchase carries the ones above it.

Only cell tables are read. A line that does not fit (another width, a cell that is not an
amount, neither a total nor a group nor a purchase) is reported and skipped when the caller
collects problems, so the table is parsed in part and kept raw beside its rows.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..model import InputError, Line, ProcurementRow, Statement
from .numbers import is_blank, nfkc, parse_amount, to_wan
from .rows import clean_name

ZERO = Decimal("0")


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    text = resources.files("generator.reference").joinpath("procurement_columns.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", nfkc(text))


def column_field(title: str) -> str | None:
    """The ProcurementRow field a column title names, or None."""
    t = _squash(title)
    if not t:
        return None
    return next((c["field"] for c in _rules()["columns"] if re.search(c["pattern"], t)), None)


def _where(st: Statement, ref: str | None = None) -> str:
    return f"{st.title} ({ref or st.ref})"


def _column_titles(header: list[Line]) -> list[str]:
    """One title per column of the widest header row.

    A cell of the upper row whose counterpart below is blank spans both rows: it titles one
    column. One whose counterpart below is titled is a group: it covers the run of titled
    cells below it.
    """
    # the lowest of the widest rows: in a PDF every header row has the full width
    widest = max(reversed(header), key=lambda ln: len(ln.cells or ()))
    lower = [_squash(c) for c in widest.cells or ()]
    upper_rows = [ln for ln in header if ln is not widest and len(ln.cells or ()) > 1]
    if not upper_rows:
        return lower
    upper = [_squash(c) for c in upper_rows[-1].cells or () if _squash(c)]
    titles: list[str] = []
    pos = 0
    for title in upper:
        if pos >= len(lower):
            break
        if not lower[pos]:
            titles.append(title)
            pos += 1
            continue
        while pos < len(lower) and lower[pos]:
            titles.append(lower[pos])
            pos += 1
    return titles + lower[len(titles):]


def _header_end(lines: list[Line]) -> int:
    """Index of the first data row: the first cell row whose first cell is the 合计 line
    or that holds an amount, after at least one row with known column titles."""
    seen_titles = False
    for i, line in enumerate(lines):
        cells = line.cells or ()
        first = next((_squash(c) for c in cells if _squash(c)), "")
        if seen_titles and (re.search(_rules()["total"], first) or re.search(_rules()["subtotal"], first)):
            return i
        if any(column_field(c) for c in cells):
            seen_titles = True
    raise InputError("no 合计 line after a header naming the columns")


def _value(cell: str, rule: dict[str, Any], unit: str, where: str) -> Decimal | None:
    if is_blank(cell):
        # a blank amount of a listed line is 0; a blank quantity or price is "not applicable"
        return ZERO if rule.get("blank_zero") else None
    money = bool(rule.get("money"))
    try:
        value = parse_amount(cell)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    return to_wan(value, unit) if money else value


def parse_procurement(st: Statement, problems: list[str] | None = None) -> list[ProcurementRow]:
    """Rows of a 政府采购预算 table; InputError if there is no header naming the columns.

    A blank amount cell (合计, fund columns, 预留份额) of a listed line is 0; a blank quantity,
    unit price or project budget (合计 and 小计 lines) is empty: it does not apply. A line that
    cannot be read is appended to `problems` and skipped; without `problems` it raises.
    """
    if st.empty_note and not any(ln.cells for ln in st.lines):
        return []
    lines = list(st.lines)
    try:
        start = _header_end(lines)
    except InputError as exc:
        raise InputError(f"{_where(st)}: {exc}") from None
    # header rows: those naming a column (not the 部门 / 单位 lines above them)
    header = [ln for ln in lines[:start] if len(ln.cells or ()) > 1 and any(column_field(c) for c in ln.cells or ())]
    if not header:
        raise InputError(f"{_where(st)}: no header rows with cells")
    titles = _column_titles(header)
    fields = [column_field(t) for t in titles]
    rules = {c["field"]: c for c in _rules()["columns"]}
    missing = [f for f in _rules()["required"] if f not in fields]
    if missing:
        raise InputError(f"{_where(st)}: columns {missing} not found in the header {titles}")
    twice = sorted({f for f in fields if f and fields.count(f) > 1})
    if twice:
        raise InputError(f"{_where(st)}: header names {twice} twice: {titles}")
    width = len(titles)
    out: list[ProcurementRow] = []
    levels: dict[str, str] = {}  # tree layout: the group lines' levels above the current line
    body = lines[start:]
    for n, line in enumerate(body):
        if line.cells is None:  # the table ends at its note or the text after it
            later = next((ln for ln in body[n:] if ln.cells is not None), None)
            if later is not None:
                raise InputError(f"{_where(st, line.ref)}: text line {line.text[:30]!r} inside the table (cells again at {later.ref})")
            break
        try:
            row = _row(st, line, fields, width, rules, levels, len(out) + 1)
        except InputError as exc:
            if problems is None:
                raise
            problems.append(f"{exc}; line skipped")
            continue
        out.append(row)
    if not out:
        raise InputError(f"{_where(st)}: no rows after the header")
    return out


def _row(
    st: Statement, line: Line, fields: list[str | None], width: int, rules: dict[str, Any],
    levels: dict[str, str], seq: int,
) -> ProcurementRow:
    """One table line; `levels` holds the tree levels carried from the lines above (updated)."""
    where = _where(st, line.ref)
    cells = line.cells or ()
    if len(cells) != width:
        raise InputError(f"{where}: {len(cells)} cells, the header has {width} columns")
    values: dict[str, Any] = {}
    for f, cell in zip(fields, cells, strict=True):
        if f is None:
            if not is_blank(cell):
                raise InputError(f"{where}: {cell!r} in a column without a known title")
            continue
        if rules[f].get("money") or f == "quantity":
            values[f] = _value(cell, rules[f], st.unit, where)
        else:
            values[f] = clean_name(cell)
    first = next((_squash(c) for c in cells if _squash(c)), "")
    tree: list[str] = [f for f in _rules()["tree"] if f in fields]
    row_type, unit_name = "item", ""
    if re.search(_rules()["total"], first):
        row_type = "total"
        values.update(dict.fromkeys(tree, ""))  # the 合计 printed in the first level's column
        levels.clear()
    elif re.search(_rules()["subtotal"], first):
        row_type, unit_name = "subtotal", re.sub(_rules()["subtotal"], "", clean_name(first))
        values.update(dict.fromkeys(tree, ""))
        levels.clear()
    else:
        printed = [i for i, f in enumerate(tree) if values.get(f)]
        if printed:
            for f in tree[printed[0]:]:  # from the outermost printed level in: this line's own
                if values.get(f):
                    levels[f] = values[f]
                else:
                    levels.pop(f, None)
        elif not levels.get("item"):
            raise InputError(f"{where}: a line that is neither 合计, 小计, a group nor a purchase: {line.text[:40]!r}")
        # a purchase printing no level at all continues the one above (its cell spans both lines)
        for f in tree:
            values[f] = levels.get(f, "")
        if not values["item"]:
            row_type = "category" if tree[printed[0]] == "category" else "group"
    return ProcurementRow(
        row_type=row_type, seq=seq, unit_name=unit_name,
        project=values.get("project", ""), project_budget=values.get("project_budget"),
        item=values.get("item", ""), catalog_code=values.get("catalog_code", ""),
        measure_unit=values.get("measure_unit", ""), quantity=values.get("quantity"),
        unit_price=values.get("unit_price"), amount=values.get("amount"),
        general_budget=values.get("general_budget"), gov_fund=values.get("gov_fund"),
        state_capital=values.get("state_capital"), special_account=values.get("special_account"),
        unit_funds=values.get("unit_funds"), carryover=values.get("carryover"),
        sme_reserved=values.get("sme_reserved"), source_ref=line.ref,
        category=values.get("category", ""), economic_name=values.get("economic_name", ""),
        method=values.get("method", ""),
    )
