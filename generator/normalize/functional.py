"""Parse the function-coded statements (02 / 03 / 05) into published rows.

02 收入表 → IncomeRow; 03 支出表 → ExpenditureRow; 05 一般公共预算财政拨款支出表 →
GeneralBudgetRow. The value columns are named by the header cells where the table has
cells, else by the known templates; rows get their functional code as printed, or by
name. Plain-text amounts are placed into columns by plaintext_columns; the 01 / 04
收支总表 are parsed by summary.

Every public function takes an optional `problems` list that receives one message
per thing that could not be read (the caller reports them); a table that cannot be
read at all raises InputError.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

import yaml

from ..model import ExpenditureRow, GeneralBudgetRow, IncomeRow, InputError, Line, Statement
from .codes import function_code_name, level_of, lookup_function_name, normalize_name
from .fund_tables import horizontal_expenditure, vertical_income
from .lost_totals import check_totals
from .numbers import is_blank
from .plaintext_columns import WorkRow, place_amounts
from .refs import location, squash, table_ref
from .rows import RawRow, TableBody, read_body

_CodedRow = TypeVar("_CodedRow", IncomeRow, ExpenditureRow, GeneralBudgetRow)

# ---------------------------------------------------------------- column templates


@dataclass(frozen=True)
class Template:
    """A known column layout: value columns in order (first is the row total)."""

    name: str
    fields: tuple[str, ...]
    order: tuple[str, ...]  # header keywords (regex) that must appear in this order
    parts: tuple[str, ...]  # columns whose sum is the total
    requires: tuple[str, ...] = ()  # header must contain each
    forbids: tuple[str, ...] = ()  # header must contain none


@dataclass(frozen=True)
class Columns:
    """The column vocabulary of one statement family (reference/function_table_columns.yaml)."""

    header_rules: tuple[tuple[str, str], ...]  # (header pattern, field): first match wins
    templates: tuple[Template, ...]  # known layouts, for text without cells


@lru_cache(maxsize=1)
def columns() -> dict[str, Columns]:
    """Family ("income", "expenditure", "general_budget") -> its column vocabulary."""
    text = resources.files("generator.reference").joinpath("function_table_columns.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {
        family: Columns(
            tuple((pattern, name) for pattern, name in spec["header_rules"]),
            tuple(
                Template(
                    t["name"], tuple(t["fields"]), tuple(t["order"]), tuple(t["parts"]),
                    tuple(t.get("requires", ())), tuple(t.get("forbids", ())),
                )
                for t in spec["templates"]
            ),
        )
        for family, spec in data.items()
    }


def _keyword_positions(header: list[Line], pattern: str) -> list[tuple[int, int]]:
    """Where a header keyword is: (column, line) for cell headers, (char offset, 0) for text."""
    found: list[tuple[int, int]] = []
    cell_lines = [line for line in header if line.cells is not None]
    if cell_lines:
        for n, line in enumerate(cell_lines):
            assert line.cells is not None
            for i, cell in enumerate(line.cells):
                if re.search(pattern, squash(cell)):
                    found.append((i, n))
        return found
    text = "".join(squash(line.text) for line in header)
    return [(m.start(), 0) for m in re.finditer(pattern, text)]


def _template_fits(t: Template, header: list[Line]) -> bool:
    text = "".join(squash(line.text) for line in header)
    if any(r not in text for r in t.requires) or any(f in text for f in t.forbids):
        return False
    last = -1
    for kw in t.order:
        pos = _keyword_positions(header, kw)
        if not pos:
            continue  # OCR may have garbled this title: it cannot contradict the order
        first = min(p[0] for p in pos)
        if first < last:
            return False
        last = first
    return True


def _value_start(rows: list[RawRow]) -> int:
    starts = [r.start for r in rows if r.code is not None] or [r.start for r in rows]
    return max(set(starts), key=starts.count)


def _header_template(rules: Sequence[tuple[str, str]], body: TableBody) -> Template | None:
    """The layout named by the header cells above the value columns of a cell table, or None."""
    cell_header = [line for line in body.header if line.cells is not None]
    if not cell_header or not body.rows or not all(r.positional for r in body.rows):
        return None
    start = _value_start(body.rows)
    width = max(len(r.values) for r in body.rows)
    fields: list[str] = []
    for j in range(width):
        column = start + j
        text = "".join(squash(line.cells[column]) for line in cell_header if line.cells and column < len(line.cells))
        field = next((f for pattern, f in rules if text and re.search(pattern, text)), None)
        if field is None:
            if any(j < len(r.values) and not is_blank(r.values[j]) for r in body.rows):
                return None  # a column with money but no known title: let the templates decide
            field = f"_blank{j}"
        fields.append(field)
    named = [f for f in fields if not f.startswith("_")]
    if not named or fields[0] != "total" or len(set(named)) != len(named):
        return None
    if "income_subtotal" in named:
        parts = tuple(f for f in named if f in ("income_subtotal", "carryover"))
    else:
        parts = tuple(f for f in named if f not in ("total", "carryover"))
    return Template("header: " + "/".join(named), tuple(fields), (), parts)


def _single_amount(body: TableBody) -> bool:
    """Tables with one 金额 column (Jiangsu 功能科目 tables): Word exports put the amount in
    ragged cells, so each row's one printed amount is its value."""
    cell_header = [line for line in body.header if line.cells is not None]
    if not cell_header or not all(r.positional for r in body.rows):
        return False
    titles = [squash(c) for line in cell_header for c in (line.cells or ()) if squash(c)]
    return "金额" in titles and not any(re.search("合计|基本|项目支出|收入|结转", t) for t in titles)


def _choose_template(
    templates: Sequence[Template], body: TableBody, where: str, problems: list[str], rules: Sequence[tuple[str, str]] = ()
) -> tuple[Template, set[int]]:
    """The template for a table, and the value columns on which fitting templates disagree."""
    if rules:
        by_header = _header_template(rules, body)
        if by_header is not None:
            return by_header, set()
    width = body.column_numbers
    if width is None:
        width = max((len(r.values) if not r.positional else _used_width(r.values) for r in body.rows), default=0)
        fitting = [t for t in templates if len(t.fields) >= width and _template_fits(t, body.header)]
    else:
        fitting = [t for t in templates if len(t.fields) == width and _template_fits(t, body.header)]
    if not fitting:
        raise InputError(f"{where}: column layout not recognized ({width} value columns; header {''.join(squash(x.text) for x in body.header)[:80]!r})")
    chosen = fitting[0]
    disputed = {i for t in fitting[1:] for i, f in enumerate(t.fields) if i >= len(chosen.fields) or chosen.fields[i] != f}
    return chosen, disputed


def _used_width(values: list[str]) -> int:
    n = len(values)
    while n and is_blank(values[n - 1]):
        n -= 1
    return n


# ---------------------------------------------------------------- references and rows

# ---------------------------------------------------------------- codes


def _assign_codes(
    st: Statement, raws: list[RawRow], reference_rows: Sequence[tuple[str, str]] | None, problems: list[str]
) -> list[WorkRow]:
    works: list[WorkRow] = []
    ref_list = list(reference_rows or [])
    pointer = 0
    last_by_level: dict[int, str] = {}
    by_name: list[str] = []
    for raw in raws:
        name_n = normalize_name(raw.name)
        if raw.code is None and name_n.endswith("合计"):
            if name_n != "合计":
                problems.append(f"{location(st, raw.ref)}: 合计 line is garbled ({raw.name!r}); its cells are read as printed")
                raw.name = "合计"
            works.append(WorkRow(raw, "total", 0))
            continue
        code = raw.code
        if code is not None and level_of(code) and function_code_name(code) is None:
            problems.append(f"{location(st, raw.ref)}: code {code} is not in the national list (name {raw.name!r})")
        if code is None:
            code = _code_from_reference(name_n, ref_list, pointer)
            if code is not None:
                pointer = next(i for i in range(pointer, len(ref_list)) if ref_list[i][0] == code) + 1
            else:
                code = _code_from_context(raw.name, last_by_level)
            if code is None:
                # one row we cannot place is reported (the table is kept raw beside the rows), never
                # the reason the rest of the table is lost
                problems.append(
                    f"{location(st, raw.ref)}: no code printed and the name {raw.name!r} matches no functional "
                    f"subject; row {' '.join(c for c in raw.cells if c) or raw.values} not published"
                )
                continue
            by_name.append(raw.ref)
        level = level_of(code)
        last_by_level[level] = code
        for deeper in [lv for lv in last_by_level if lv > level]:
            del last_by_level[deeper]
        works.append(WorkRow(raw, code, level))
    if by_name:
        how = "the order of the same document's table with codes" if ref_list else "the national list"
        problems.append(f"{location(st)}: no codes printed; {len(by_name)} rows ({by_name[0]}–{by_name[-1]}) coded by name via {how}")
    return works


def _code_from_reference(name_n: str, ref_list: list[tuple[str, str]], pointer: int) -> str | None:
    """The next row of the same document's other table with this name (tables list rows in the same order)."""
    for code, name in ref_list[pointer:]:
        other = normalize_name(name)
        if other == name_n or (len(other) == len(name_n) >= 4 and sum(a != b for a, b in zip(other, name_n, strict=True)) == 1):
            return code
    return None


def _code_from_context(name: str, last_by_level: dict[int, str]) -> str | None:
    """Rows are listed depth-first: try a child of the current 款, then of the current 类, then a 类."""
    if 2 in last_by_level:
        code = lookup_function_name(name, parent=last_by_level[2], level=3, strict_parent=True)
        if code:
            return code
    if 1 in last_by_level:
        code = lookup_function_name(name, parent=last_by_level[1], level=2, strict_parent=True)
        if code:
            return code
    return lookup_function_name(name, level=1)


# ---------------------------------------------------------------- placing plain-text amounts

def _parse_coded(
    st: Statement,
    templates: Sequence[Template],
    reference_rows: Sequence[tuple[str, str]] | None,
    problems: list[str],
    active_columns: Collection[str] | None = None,
    rules: Sequence[tuple[str, str]] = (),
) -> tuple[list[WorkRow], Template]:
    if st.empty_note and not st.lines:
        return [], templates[0]
    body = read_body(st.lines)
    problems.extend(f"{location(st)} {p}" for p in body.problems)
    if not body.rows:
        raise InputError(f"{location(st)}: no data rows found")
    if all(is_blank(v) for r in body.rows for v in r.values):
        raise InputError(f"{location(st)}: empty template: {len(body.rows)} lines listed but no amount printed")
    disputed: set[int]
    if _single_amount(body):
        for r in body.rows:
            printed = [v for v in r.values if not is_blank(v)]
            if len(printed) > 1:
                raise InputError(f"{location(st, r.ref)}: one 金额 column but {len(printed)} amounts {printed}")
            r.values = printed or [""]
        template, disputed = Template("one 金额 column", ("total",), (), ()), set()
    else:
        template, disputed = _choose_template(templates, body, location(st), problems, rules)
    width = len(template.fields)
    parts = [template.fields.index(f) for f in template.parts]
    works = _assign_codes(st, body.rows, reference_rows, problems)
    active = None
    if active_columns is not None:
        active = [i for i, f in enumerate(template.fields) if f in active_columns]
    place_amounts(works, width, parts, st, problems, active)
    check_totals(works, parts, st, problems)
    for c in sorted(disputed):
        if any(w.vector[c] for w in works):
            problems.append(f"{location(st)}: header does not tell whether column {c + 1} is {template.fields[c]}; read as the {template.name} layout")
    return works, template


def _fields(w: WorkRow, template: Template) -> dict[str, Decimal | None]:
    return dict(zip(template.fields, w.vector, strict=True))


def _src(st: Statement, w: WorkRow) -> str:
    # a figure read from another line (a reprinted total) names that line too
    return f"{table_ref(st)}:{w.raw.ref}" + "".join(f"+{r}" for r in w.extra_refs)


_ROW_OWN_FIELDS = {"code", "level", "name", "source_ref"}


def _coded_rows(cls: type[_CodedRow], st: Statement, works: list[WorkRow], t: Any) -> list[_CodedRow]:
    """Rows of a function-coded table (02/03/05): each value column of the dataclass read by its name."""
    columns = [f.name for f in fields(cls) if f.name not in _ROW_OWN_FIELDS]
    out = []
    for w in works:
        values = _fields(w, t)
        out.append(cls(code=w.code, level=w.level, name=w.raw.name, source_ref=_src(st, w),
                       **{c: values.get(c) for c in columns}))
    return out


def _total_only(cls: type[_CodedRow], st: Statement, found: tuple[dict[str, Decimal], str]) -> list[_CodedRow]:
    """The 合计 row of a table printed as a list of funds, not by function (see fund_tables)."""
    values, ref = found
    columns = [f.name for f in fields(cls) if f.name not in _ROW_OWN_FIELDS]
    return [cls(code="total", level=0, name="合计", source_ref=f"{table_ref(st)}:{ref}", **{c: values.get(c) for c in columns})]


# ---------------------------------------------------------------- public: 02 / 03 / 05


def _parse_family(
    cls: type[_CodedRow],
    family: str,
    st: Statement,
    reference_rows: Sequence[tuple[str, str]] | None,
    problems: list[str] | None,
    active_columns: Collection[str] | None,
    fund_list: Callable[[Statement, list[str]], tuple[dict[str, Decimal], str] | None] | None = None,
) -> list[_CodedRow]:
    problems = problems if problems is not None else []
    local: list[str] = []
    if fund_list is not None and not read_body(st.lines).rows and (found := fund_list(st, local)) is not None:
        problems.extend(f"{location(st)} {p}" for p in local)
        return _total_only(cls, st, found)
    vocab = columns()[family]
    works, t = _parse_coded(st, vocab.templates, reference_rows, problems, active_columns, vocab.header_rules)
    return _coded_rows(cls, st, works, t)


def parse_income(
    st: Statement,
    reference_rows: Sequence[tuple[str, str]] | None = None,
    problems: list[str] | None = None,
    active_columns: Collection[str] | None = None,
) -> list[IncomeRow]:
    """02 收入决算表 / 收入总表.

    `active_columns`: the value columns that can hold money (see income_columns_from_summary);
    used only to place plain-text amounts whose blank cells vanished.
    """
    return _parse_family(IncomeRow, "income", st, reference_rows, problems, active_columns, vertical_income)


def parse_expenditure(
    st: Statement,
    reference_rows: Sequence[tuple[str, str]] | None = None,
    problems: list[str] | None = None,
    active_columns: Collection[str] | None = None,
) -> list[ExpenditureRow]:
    """03 支出决算表 / 支出总表.

    `reference_rows`: (code, name) of the same document's 02/05 table, in order, used to
    recover codes when the table prints names only. `active_columns`: see
    expenditure_columns_from_summary.
    """
    return _parse_family(ExpenditureRow, "expenditure", st, reference_rows, problems, active_columns, horizontal_expenditure)


def parse_general_budget(
    st: Statement, reference_rows: Sequence[tuple[str, str]] | None = None, problems: list[str] | None = None
) -> list[GeneralBudgetRow]:
    """05 一般公共预算财政拨款支出表."""
    return _parse_family(GeneralBudgetRow, "general_budget", st, reference_rows, problems, None)
# ---------------------------------------------------------------- summaries (01 / 04)
