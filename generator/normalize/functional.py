"""Parse the function-coded standard statements (01–05) into published rows.

01 收支总表 / 04 财政拨款收支总表 → SummaryRow; 02 收入表 → IncomeRow; 03 支出表 →
ExpenditureRow; 05 一般公共预算财政拨款支出表 → GeneralBudgetRow.

Plain-text exports lose blank cells, so "2101301 城乡医疗救助 966.29 966.29" does not
say which column the second amount is in. The column is found by solving the
table's own arithmetic: each row's total is the sum of its parts, and each parent
row is the sum of its children, column by column. If that leaves more than one
answer the row is reported, never guessed.

Every public function takes an optional `problems` list that receives one message
per thing that could not be read (the caller reports them); a table that cannot be
read at all raises InputError.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

import yaml

from ..model import ExpenditureRow, GeneralBudgetRow, IncomeRow, InputError, Line, Statement, SummaryRow
from .codes import function_code_name, level_of, lookup_function_name, normalize_name, parent_of
from .fund_tables import horizontal_expenditure, vertical_income
from .numbers import is_amount, is_blank, nfkc, parse_amount, to_wan
from .rows import RawRow, TableBody, clean_name, has_cjk, is_note, merge_split_numbers, read_body

_CodedRow = TypeVar("_CodedRow", IncomeRow, ExpenditureRow, GeneralBudgetRow)
ZERO = Decimal("0")

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


INCOME_TEMPLATES = (
    Template(
        "决算 收入决算表",
        ("total", "fiscal_appropriation", "upper_subsidy", "business_income", "operating_income", "affiliated_income", "other_income"),
        ("财政拨款", "上级补", "事业", "经营", "附属"),
        ("fiscal_appropriation", "upper_subsidy", "business_income", "operating_income", "affiliated_income", "other_income"),
        forbids=("财政专户",),
    ),
    Template(
        "预算 收入总表（含财政专户、上年结转）",
        ("total", "income_subtotal", "fiscal_appropriation", "special_account_income", "business_income", "operating_income", "upper_subsidy", "affiliated_income", "other_income", "carryover"),
        ("财政拨款", "财政专户", "事业", "经营", "上级补", "附属"),
        ("income_subtotal", "carryover"),
        requires=("财政专户",),
    ),
)
EXPENDITURE_TEMPLATES = (
    Template(
        "决算 支出决算表",
        ("total", "basic", "project", "upper_payment", "operating", "affiliated_subsidy"),
        ("基本", "项目支出", "上缴|上解", "经营", "附属"),
        ("basic", "project", "upper_payment", "operating", "affiliated_subsidy"),
    ),
    Template(
        "预算 支出总表",
        ("total", "basic", "project", "operating", "upper_payment", "affiliated_subsidy"),
        ("基本", "项目支出", "经营", "上缴|上解", "附属"),
        ("basic", "project", "upper_payment", "operating", "affiliated_subsidy"),
    ),
)
GENERAL_BUDGET_TEMPLATES = (Template("一般公共预算财政拨款支出表", ("total", "basic", "project"), ("基本", "项目支出"), ("basic", "project")),)

# Cell tables (PDF, Markdown, DOCX) say what each value column is: its header cells, read
# top to bottom, name it. First matching rule wins (事业单位经营收入 is operating, not business).
COLUMN_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "income": (
        ("财政专户", "special_account_income"),
        ("上级补助", "upper_subsidy"),
        ("附属单位", "affiliated_income"),
        ("经营", "operating_income"),
        ("事业收入", "business_income"),
        ("其他收入", "other_income"),
        ("上年结转|结转和结余|结转结余", "carryover"),
        ("财政拨款|一般公共预算", "fiscal_appropriation"),
        ("小计$", "income_subtotal"),
        ("合计$|总计$|金额$", "total"),
    ),
    "expenditure": (
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("上缴上级|上解上级", "upper_payment"),
        ("经营支出", "operating"),
        ("附属单位", "affiliated_subsidy"),
        ("预留机动", "reserve"),
        ("合计$|总计$|金额$", "total"),
    ),
    "general_budget": (
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("合计$|总计$|金额$", "total"),
    ),
}


def _squash(text: str) -> str:
    """Header text for keyword search: NFKC, no spaces, no HTML tags left by converters."""
    return re.sub(r"\s+|<[^>]*>", "", nfkc(text))


def _keyword_positions(header: list[Line], pattern: str) -> list[tuple[int, int]]:
    """Where a header keyword is: (column, line) for cell headers, (char offset, 0) for text."""
    found: list[tuple[int, int]] = []
    cell_lines = [line for line in header if line.cells is not None]
    if cell_lines:
        for n, line in enumerate(cell_lines):
            assert line.cells is not None
            for i, cell in enumerate(line.cells):
                if re.search(pattern, _squash(cell)):
                    found.append((i, n))
        return found
    text = "".join(_squash(line.text) for line in header)
    return [(m.start(), 0) for m in re.finditer(pattern, text)]


def _template_fits(t: Template, header: list[Line]) -> bool:
    text = "".join(_squash(line.text) for line in header)
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
        text = "".join(_squash(line.cells[column]) for line in cell_header if line.cells and column < len(line.cells))
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
    titles = [_squash(c) for line in cell_header for c in (line.cells or ()) if _squash(c)]
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
        raise InputError(f"{where}: column layout not recognized ({width} value columns; header {''.join(_squash(x.text) for x in body.header)[:80]!r})")
    chosen = fitting[0]
    disputed = {i for t in fitting[1:] for i, f in enumerate(t.fields) if i >= len(chosen.fields) or chosen.fields[i] != f}
    return chosen, disputed


def _used_width(values: list[str]) -> int:
    n = len(values)
    while n and is_blank(values[n - 1]):
        n -= 1
    return n


# ---------------------------------------------------------------- references and rows


def _table_ref(st: Statement) -> str:
    digits = re.sub(r"\D", "", st.number or "")
    return f"T{digits.zfill(2)}" if digits else st.kind.value


def _where(st: Statement, ref: str | None = None) -> str:
    return f"{_table_ref(st)} {st.title}" + (f" {ref}" if ref else "")


def _amount(cell: str, unit: str, where: str) -> Decimal:
    """A listed cell: blank is 0 (the table lists the line)."""
    if is_blank(cell):
        return ZERO
    try:
        value = parse_amount(cell)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    converted = to_wan(value, unit)
    assert converted is not None
    return converted


@dataclass
class _Work:
    """A data row on its way to a published row."""

    raw: RawRow
    code: str  # "total", a functional code, or "" while unknown
    level: int
    vector: list[Decimal | None] = field(default_factory=list)
    candidates: list[tuple[Decimal, ...]] = field(default_factory=list)
    extra_refs: list[str] = field(default_factory=list)  # other lines a value was read from


def _assign_codes(
    st: Statement, raws: list[RawRow], reference_rows: Sequence[tuple[str, str]] | None, problems: list[str]
) -> list[_Work]:
    works: list[_Work] = []
    ref_list = list(reference_rows or [])
    pointer = 0
    last_by_level: dict[int, str] = {}
    by_name: list[str] = []
    for raw in raws:
        name_n = normalize_name(raw.name)
        if raw.code is None and name_n.endswith("合计"):
            if name_n != "合计":
                problems.append(f"{_where(st, raw.ref)}: 合计 line is garbled ({raw.name!r}); its cells are read as printed")
                raw.name = "合计"
            works.append(_Work(raw, "total", 0))
            continue
        code = raw.code
        if code is not None and level_of(code) and function_code_name(code) is None:
            problems.append(f"{_where(st, raw.ref)}: code {code} is not in the national list (name {raw.name!r})")
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
                    f"{_where(st, raw.ref)}: no code printed and the name {raw.name!r} matches no functional "
                    f"subject; row {' '.join(c for c in raw.cells if c) or raw.values} not published"
                )
                continue
            by_name.append(raw.ref)
        level = level_of(code)
        last_by_level[level] = code
        for deeper in [lv for lv in last_by_level if lv > level]:
            del last_by_level[deeper]
        works.append(_Work(raw, code, level))
    if by_name:
        how = "the order of the same document's table with codes" if ref_list else "the national list"
        problems.append(f"{_where(st)}: no codes printed; {len(by_name)} rows ({by_name[0]}–{by_name[-1]}) coded by name via {how}")
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


def _candidates(
    work: _Work, width: int, parts: list[int], unit: str, where: str, active: list[int] | None = None
) -> list[tuple[Decimal, ...]]:
    """The vectors a plain-text row can stand for: its first amount is the total, the others
    fill some of the remaining columns in order (only `active` ones, when known)."""
    amounts = [_amount(v, unit, where) for v in work.raw.values]
    if len(amounts) > width:
        raise InputError(f"{where}: {len(amounts)} amounts but the table has {width} columns")
    if not amounts:
        return [tuple([ZERO] * width)]
    if len(amounts) == width:
        return [tuple(amounts)]
    total, rest = amounts[0], amounts[1:]
    columns = [c for c in range(1, width) if active is None or c in active]
    if len(columns) < len(rest):
        columns = list(range(1, width))
    out = []
    for cols in itertools.combinations(columns, len(rest)):
        vec = [ZERO] * width
        vec[0] = total
        for c, v in zip(cols, rest, strict=True):
            vec[c] = v
        out.append(tuple(vec))
    fitting = [v for v in out if sum((v[i] for i in parts), ZERO) == v[0]]
    return fitting or out


class _Solver:
    """Which candidate vectors of each row can be part of an assignment in which every
    parent row equals the sum of its children, column by column."""

    def __init__(self, works: list[_Work], tolerance: Decimal, budget: int = 200_000) -> None:
        self.works = works
        self.tolerance = tolerance
        self.budget = budget
        index = {w.code: i for i, w in enumerate(works)}
        root = index.get("total")
        children: dict[int, list[int]] = {}
        for i, w in enumerate(works):
            if w.code == "total":
                continue
            parent = parent_of(w.code)
            p = index.get(parent) if parent else root
            if p is not None:
                children.setdefault(p, []).append(i)
        self.groups = list(children.items())
        self.groups_of: dict[int, list[tuple[int, list[int]]]] = {}
        for g in self.groups:
            for member in (g[0], *g[1]):
                self.groups_of.setdefault(member, []).append(g)
        self.nonneg = all(v >= 0 for w in works for c in w.candidates for v in c)
        self.exhausted = False

    def _ok(self, chosen: list[tuple[Decimal, ...] | None], i: int) -> bool:
        for p, kids in self.groups_of.get(i, []):
            pv = chosen[p]
            assigned = [a for k in kids if (a := chosen[k]) is not None]
            if pv is None or not assigned:
                continue
            for c in range(len(pv)):
                s = sum((v[c] for v in assigned), ZERO)
                if len(assigned) == len(kids):
                    if abs(s - pv[c]) > self.tolerance:
                        return False
                elif self.nonneg and s - pv[c] > self.tolerance:
                    return False
        return True

    def find(self, fixed: dict[int, tuple[Decimal, ...]]) -> list[tuple[Decimal, ...]] | None:
        """One full assignment respecting `fixed`, or None (also when the search budget runs out)."""
        works = self.works
        chosen: list[tuple[Decimal, ...] | None] = [None] * len(works)
        steps = 0

        def search(i: int) -> bool:  # rows in table order: parents come before their children
            nonlocal steps
            if i == len(works):
                return True
            options = [fixed[i]] if i in fixed else works[i].candidates
            for cand in options:
                steps += 1
                if steps > self.budget:
                    self.exhausted = True
                    return False
                chosen[i] = cand
                if self._ok(chosen, i) and search(i + 1):
                    return True
            chosen[i] = None
            return False

        return [c for c in chosen if c is not None] if search(0) else None

    def feasible_sets(self) -> list[list[tuple[Decimal, ...]]] | None:
        """Per row, the candidates that occur in some full assignment; None if there is none."""
        first = self.find({})
        if first is None:
            return None
        feasible: list[set[tuple[Decimal, ...]]] = [{c} for c in first]
        for i, w in enumerate(self.works):
            for cand in w.candidates:
                if cand in feasible[i]:
                    continue
                found = self.find({i: cand})
                if found is not None:
                    for j, c in enumerate(found):
                        feasible[j].add(c)
                elif self.exhausted:  # unknown: count it as possible, so nothing is guessed
                    feasible[i].add(cand)
                    self.exhausted = False
        return [[c for c in w.candidates if c in feasible[i]] for i, w in enumerate(self.works)]


def _place(
    works: list[_Work], width: int, parts: list[int], st: Statement, problems: list[str], active: list[int] | None = None
) -> None:
    """Fill `vector` of every row; plain-text rows by solving the table's sums."""
    unit = st.unit
    for w in works:
        where = _where(st, w.raw.ref)
        if w.raw.positional:
            values = list(w.raw.values)
            extra = [v for v in values[width:] if not is_blank(v)]
            if extra:
                problems.append(f"{where}: cells beyond the {width} value columns ignored: {extra}")
            values = (values + [""] * width)[:width]
            w.candidates = [tuple(_amount(v, unit, where) for v in values)]
        else:
            w.candidates = _candidates(w, width, parts, unit, where, active)
    if all(len(w.candidates) == 1 for w in works):
        for w in works:
            w.vector = list(w.candidates[0])
        return
    feasible = _Solver(works, ZERO).feasible_sets()
    note = ""
    if feasible is None:
        feasible = _Solver(works, Decimal("0.02")).feasible_sets()
        note = " (only within a rounding tolerance of 0.02)"
    if feasible is None:
        problems.append(f"{_where(st)}: no placement of the plain-text amounts satisfies the table's sums; unplaced cells left empty")
        feasible = [w.candidates for w in works]
    for w, options in zip(works, feasible, strict=True):
        if len(options) == 1:
            w.vector = list(options[0])
            if note and len(w.candidates) > 1:
                problems.append(f"{_where(st, w.raw.ref)}: columns of {w.raw.values} inferred{note}")
            continue
        # columns on which all possibilities agree are known; the others are not guessed
        w.vector = [options[0][0]] + [None] * (width - 1)
        for c in range(1, width):
            col = {o[c] for o in options}
            if len(col) == 1:
                w.vector[c] = next(iter(col))
        problems.append(f"{_where(st, w.raw.ref)}: cannot tell which columns hold {w.raw.values} ({len(options)} possibilities); left empty")


_REPRINT = re.compile(r"合计\s+(" + r"\d{1,3}(?:,\d{3})*\.\d{2}" + r"(?:\s+\d{1,3}(?:,\d{3})*\.\d{2})+)")


def _reprinted_total(st: Statement, w: _Work, parts: list[int]) -> tuple[Decimal, list[str]] | None:
    """The 合计 amount of a row whose total cell was lost, read from a garbled reprint of the
    table in the same statement (jiangan-2024 公开03表 L181: the converter ran several renderings
    of the table into one line, each with "合计 1,627.17 189.66 …").

    A reprint counts only if, after its first amount, it repeats the row's printed parts in
    order; every such reprint must give the same total. None otherwise.
    """
    printed = [w.vector[i] for i in sorted(parts) if w.vector[i]]
    if not printed:
        return None
    found: set[Decimal] = set()
    refs: list[str] = []
    for line in st.lines:
        if line.ref == w.raw.ref:
            continue
        texts = line.cells if line.cells is not None else (line.text,)
        for text in texts:
            squashed = re.sub(r"\s*([,.])\s*", r"\1", nfkc(text))
            for m in _REPRINT.finditer(squashed):
                amounts = [to_wan(parse_amount(a), st.unit) for a in m.group(1).split()]
                rest = amounts[1:]
                n = min(len(rest), len(printed))
                if n and rest[:n] == printed[:n]:
                    found.add(amounts[0])  # type: ignore[arg-type]
                    if line.ref not in refs:
                        refs.append(line.ref)
    if len(found) != 1:
        return None
    return next(iter(found)), refs


def _check_totals(works: list[_Work], parts: list[int], st: Statement, problems: list[str]) -> None:
    """A total left blank while its parts are not is a lost cell, not a zero (garbled 合计 lines).

    It is taken from a garbled reprint of the 合计 row in the same statement when one agrees
    with the printed parts; otherwise left empty (never derived from the parts).
    """
    for w in works:
        known = [w.vector[i] for i in parts if w.vector[i] is not None]
        if w.vector and w.vector[0] == ZERO and any(v for v in known) and is_blank((w.raw.values or [""])[0]):
            reprint = _reprinted_total(st, w, parts) if w.code == "total" else None
            if reprint is not None:
                w.vector[0], refs = reprint
                w.extra_refs.extend(refs)
                problems.append(
                    f"{_where(st, w.raw.ref)}: total of {w.raw.name!r} is lost from its line; {w.vector[0]} read from "
                    f"the garbled reprint of the 合计 row at {', '.join(refs)} (its other amounts equal this line's)"
                )
                continue
            w.vector[0] = None
            problems.append(
                f"{_where(st, w.raw.ref)}: total of {w.raw.name!r} is not printed on its line (parts are) and no "
                "reprint of the 合计 row agrees with them; left empty, not derived"
            )


def _parse_coded(
    st: Statement,
    templates: Sequence[Template],
    reference_rows: Sequence[tuple[str, str]] | None,
    problems: list[str],
    active_columns: Collection[str] | None = None,
    rules: Sequence[tuple[str, str]] = (),
) -> tuple[list[_Work], Template]:
    if st.empty_note and not st.lines:
        return [], templates[0]
    body = read_body(st.lines)
    problems.extend(f"{_where(st)} {p}" for p in body.problems)
    if not body.rows:
        raise InputError(f"{_where(st)}: no data rows found")
    if all(is_blank(v) for r in body.rows for v in r.values):
        raise InputError(f"{_where(st)}: empty template: {len(body.rows)} lines listed but no amount printed")
    disputed: set[int]
    if _single_amount(body):
        for r in body.rows:
            printed = [v for v in r.values if not is_blank(v)]
            if len(printed) > 1:
                raise InputError(f"{_where(st, r.ref)}: one 金额 column but {len(printed)} amounts {printed}")
            r.values = printed or [""]
        template, disputed = Template("one 金额 column", ("total",), (), ()), set()
    else:
        template, disputed = _choose_template(templates, body, _where(st), problems, rules)
    width = len(template.fields)
    parts = [template.fields.index(f) for f in template.parts]
    works = _assign_codes(st, body.rows, reference_rows, problems)
    active = None
    if active_columns is not None:
        active = [i for i, f in enumerate(template.fields) if f in active_columns]
    _place(works, width, parts, st, problems, active)
    _check_totals(works, parts, st, problems)
    for c in sorted(disputed):
        if any(w.vector[c] for w in works):
            problems.append(f"{_where(st)}: header does not tell whether column {c + 1} is {template.fields[c]}; read as the {template.name} layout")
    return works, template


def _fields(w: _Work, template: Template) -> dict[str, Decimal | None]:
    return dict(zip(template.fields, w.vector, strict=True))


def _src(st: Statement, w: _Work) -> str:
    # a figure read from another line (a reprinted total) names that line too
    return f"{_table_ref(st)}:{w.raw.ref}" + "".join(f"+{r}" for r in w.extra_refs)


_ROW_OWN_FIELDS = {"code", "level", "name", "source_ref"}


def _coded_rows(cls: type[_CodedRow], st: Statement, works: list[_Work], t: Any) -> list[_CodedRow]:
    """Rows of a function-coded table (02/03/05): each value column of the dataclass read by its name."""
    columns = [f.name for f in fields(cls) if f.name not in _ROW_OWN_FIELDS]
    out = []
    for w in works:
        values = _fields(w, t)
        out.append(cls(code=w.code, level=w.level, name=w.raw.name, source_ref=_src(st, w),
                       **{c: values.get(c) for c in columns}))
    return out


# ---------------------------------------------------------------- public: 02 / 03 / 05


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
    problems = problems if problems is not None else []
    local: list[str] = []
    if not read_body(st.lines).rows and (found := vertical_income(st, local)) is not None:
        tf, ref = found
        problems.extend(f"{_where(st)} {p}" for p in local)
        return [IncomeRow(
            code="total", level=0, name="合计", total=tf.get("total"), fiscal_appropriation=tf.get("fiscal_appropriation"),
            upper_subsidy=None, business_income=tf.get("business_income"), operating_income=tf.get("operating_income"),
            affiliated_income=None, other_income=tf.get("other_income"), carryover=tf.get("carryover"),
            source_ref=f"{_table_ref(st)}:{ref}", special_account_income=tf.get("special_account_income"),
        )]
    works, t = _parse_coded(st, INCOME_TEMPLATES, reference_rows, problems, active_columns, COLUMN_RULES["income"])
    return _coded_rows(IncomeRow, st, works, t)


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
    problems = problems if problems is not None else []
    local: list[str] = []
    if not read_body(st.lines).rows and (found := horizontal_expenditure(st, local)) is not None:
        tf, ref = found
        problems.extend(f"{_where(st)} {p}" for p in local)
        return [ExpenditureRow(
            code="total", level=0, name="合计", total=tf.get("total"), basic=tf.get("basic"), project=tf.get("project"),
            upper_payment=tf.get("upper_payment"), operating=tf.get("operating"),
            affiliated_subsidy=tf.get("affiliated_subsidy"), source_ref=f"{_table_ref(st)}:{ref}",
            reserve=tf.get("reserve"),
        )]
    works, t = _parse_coded(st, EXPENDITURE_TEMPLATES, reference_rows, problems, active_columns, COLUMN_RULES["expenditure"])
    return _coded_rows(ExpenditureRow, st, works, t)


def parse_general_budget(
    st: Statement, reference_rows: Sequence[tuple[str, str]] | None = None, problems: list[str] | None = None
) -> list[GeneralBudgetRow]:
    """05 一般公共预算财政拨款支出表."""
    problems = problems if problems is not None else []
    works, t = _parse_coded(st, GENERAL_BUDGET_TEMPLATES, reference_rows, problems, None, COLUMN_RULES["general_budget"])
    return _coded_rows(GeneralBudgetRow, st, works, t)


# ---------------------------------------------------------------- summaries (01 / 04)


@lru_cache(maxsize=1)
def _summary_rules() -> dict[str, list[dict]]:
    text = resources.files("generator.reference").joinpath("summary_items.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def summary_key(label: str, side: str, previous: str | None = None) -> tuple[str, str] | None:
    """(item_key, code) of a 收支总表 label on `side`, or None if unknown."""
    s = normalize_name(label)
    if not s:
        return None
    raw = _squash(label)
    for rule in _summary_rules()[side]:
        if "after" in rule and previous not in rule["after"]:
            continue
        if re.search(rule["pattern"], raw if rule.get("raw") else s):
            return rule["key"], ""
    if side == "expenditure":
        code = lookup_function_name(s, level=1)
        if code:
            return "function_class", code
    return None


@dataclass
class _Entry:
    side: str
    label: str
    lineno: str
    amounts: list[str]  # text: printed amounts in order; cells: one per amount column, blank kept
    positional: bool
    ref: str
    # the right-hand (expenditure) row of a line whose label is printed once for both
    # sides with two line numbers ("一般公共预算财政拨款 29 61"): kept only if the label is
    # an expenditure line in its context
    echo: bool = False


_FUND_FIELDS = ("general_budget", "gov_fund", "state_capital")
_PAGE_FURNITURE = re.compile(r"^(\d{1,3}|-\d{1,3}-|第\d+页.*|公开\d+表|预算\d+表)$")


def _cell_role(cell: str) -> str:
    c = _squash(cell)
    if c in ("项目", "项目名称") or c.endswith("科目名称"):
        return "label"
    if c == "行次":
        return "lineno"
    for fund, word in zip(_FUND_FIELDS, ("一般公共预算", "政府性基金", "国有资本"), strict=True):
        if word in c:
            return fund
    if c in ("金额", "预算数", "决算数", "合计") or c.endswith(("金额", "预算数", "决算数")):
        return "amount"
    return ""


def _cell_roles(header: list[Line]) -> list[str] | None:
    """Roles of the cells of a cell-based 收支总表, from its header rows.

    A column's role is given by its lowest header cell that names one (PDF headers span
    several rows: 收入 / 项目名称, 支出 / 功能分类 / 功能科目名称 / 金额). None if the header
    does not name at least two label columns.
    """
    rows = [line.cells for line in header if line.cells is not None]
    if not rows:
        return None
    width = max(len(r) for r in rows)
    roles = []
    for i in range(width):
        role = ""
        for r in reversed(rows):
            if i < len(r) and (role := _cell_role(r[i])):
                break
        roles.append(role)
    return roles if roles.count("label") >= 2 else None


_NUMBERED = re.compile(r"^([一二三四五六七八九十]+、|\d+[.、]|[(（][一二三四五六七八九十]+[)）])")


def _continues(previous: str, cell: str) -> bool:
    """A label cell that is the rest of the label above it (a wrapped PDF cell split into
    rows: 2.政府性基金预 / 算)."""
    return not _known(previous) and not _NUMBERED.match(cell) and not _known(cell)


class _CellEntries:
    """Entries of a cell-based 收支总表: one per label cell, amounts from the cells of its group.

    A group is a label column and the amount columns right of it up to the next label
    column (收入 | 支出 by function | 支出 by purpose). Wrapped labels split over rows are
    joined, and an amount printed on the continuation row goes to the wrapped label.
    """

    def __init__(self, roles: list[str]) -> None:
        self.roles = roles
        self.group: dict[int, int] = {}
        self.slots: dict[int, list[int]] = {}
        self.side: dict[int, str] = {}
        label = None
        for i, role in enumerate(roles):
            if role == "label":
                label = i
                self.slots[i] = []
                self.side[i] = "income" if not self.side else "expenditure"
            elif label is not None and role:
                self.group[i] = label
                if role != "lineno":
                    self.slots[label].append(i)
        self.open: dict[int, _Entry] = {}
        self.entries: list[_Entry] = []
        self.problems: list[str] = []

    def _spanning(self, group: int, line: Line) -> _Entry | None:
        """The label of this row whose merged cell spans `group` (Jiangsu: 当年支出小计 is
        printed across the 功能分类 and 支出用途 panels, its amount under 支出用途)."""
        assert line.cells is not None
        side = self.side[group]
        for g in sorted((g for g in self.side if g < group and self.side[g] == side), reverse=True):
            if g < len(line.cells) and not is_blank(line.cells[g]):
                own = [c for c in self.slots[g] if c < len(line.cells) and not is_blank(line.cells[c])]
                if not own and all(is_blank(c) for k in range(g + 1, group + 1) if k < len(line.cells) for c in [line.cells[k]]):
                    return self.open.get(g)
                return None
        return None

    def add(self, line: Line) -> None:
        assert line.cells is not None
        fresh: set[int] = set()
        for i, cell in enumerate(line.cells):
            role = self.roles[i] if i < len(self.roles) else "extra"
            text = clean_name(cell)
            if role == "label" and text:
                prev = self.open.get(i)
                if prev is not None and _continues(prev.label, text):
                    prev.label += text
                    continue
                entry = _Entry(self.side[i], text, "", [""] * len(self.slots[i]), True, line.ref)
                self.entries.append(entry)
                self.open[i] = entry
                fresh.add(i)
            elif role == "extra" and not is_blank(cell):
                self.entries.append(_Entry("?", text, "", [], True, line.ref))
            elif i in self.group and not is_blank(cell):
                g = self.group[i]
                e = self.open.get(g)
                if g not in fresh and (e is None or _known(e.label)):
                    e = self._spanning(g, line)
                if e is None or (g not in fresh and _known(e.label) and e is self.open.get(g)):
                    if role != "lineno":  # a 行次 printed beside a blank label is not an amount
                        self.problems.append(f"{line.ref}: amount {cell!r} without a label ignored")
                elif role == "lineno":
                    e.lineno = nfkc(cell).strip()
                else:
                    slot = min(self.slots[g].index(i), len(e.amounts) - 1)
                    if e.amounts[slot]:
                        self.problems.append(f"{line.ref}: second amount {cell!r} for {e.label!r} ignored")
                    else:
                        e.amounts[slot] = nfkc(cell).strip()


def _is_lineno(tok: str) -> bool:
    return tok.isdigit() and len(tok) <= 2


def _split_label(tokens: list[str]) -> list[str]:
    """A run of label tokens is one label, or two adjacent labels (huaxian: 九、其他收入 十、卫生健康)."""
    whole = clean_name(" ".join(tokens))
    if _known(whole) or len(tokens) < 2:
        return [whole]
    for i in range(1, len(tokens)):
        left, right = clean_name(" ".join(tokens[:i])), clean_name(" ".join(tokens[i:]))
        if _known(left) and _known(right):
            return [left, right]
    return [whole]


def _known(label: str) -> bool:
    return summary_key(label, "income") is not None or summary_key(label, "expenditure") is not None


def _text_entries(line: Line, has_lineno: bool) -> list[_Entry]:
    tokens = merge_split_numbers(nfkc(line.text).split())
    segments: list[tuple[list[str], str, list[str]]] = []  # (label tokens, lineno, amounts)
    for tok in tokens:
        numeric = not has_cjk(tok) and (is_amount(tok) or _is_lineno(tok))
        if not numeric:
            if not segments or segments[-1][1] or segments[-1][2]:
                segments.append(([tok], "", []))
            else:
                segments[-1][0].append(tok)
        elif has_lineno and _is_lineno(tok) and "." not in tok:
            if not segments or segments[-1][1] or segments[-1][2]:
                segments.append(([], tok, []))
            else:
                segments[-1] = (segments[-1][0], tok, segments[-1][2])
        else:
            if not segments:
                segments.append(([], "", []))
            segments[-1][2].append(tok)
    entries: list[_Entry] = []
    for n, (label_tokens, lineno, amounts) in enumerate(segments):
        if not label_tokens and lineno and n and segments[n - 1][0] and segments[n - 1][1] and not segments[n - 1][2]:
            # a second line number after an unfilled labelled line: the same label on the right side
            label = clean_name(" ".join(segments[n - 1][0]))
            entries.append(_Entry("expenditure", label, lineno, amounts, False, line.ref, echo=True))
            continue
        labels = _split_label(label_tokens) if label_tokens else [""]
        for j, label in enumerate(labels):
            last = j == len(labels) - 1
            entries.append(_Entry("?", label, lineno if last else "", amounts if last else [], False, line.ref))
    # sides: income first; a label known on one side only decides
    for n, e in enumerate(entries):
        if e.echo:
            continue
        inc, exp = summary_key(e.label, "income"), summary_key(e.label, "expenditure")
        if inc and not exp:
            e.side = "income"
        elif exp and not inc:
            e.side = "expenditure"
        else:
            e.side = "income" if n == 0 and len(entries) > 1 else ("expenditure" if n > 0 else "?")
    return entries


def _garbled(body_lines: list[Line]) -> Line | None:
    """A line into which the converter ran a whole 收支总表 (jiangan-2024 公开04表)."""
    for line in body_lines:
        s = nfkc(line.text)
        if len(re.findall(r"[一二三四五六七八九十]+、", s)) >= 8:
            return line
    return None


_AMT = r"(\d{1,3}(?:\s?,\s?\d{3})*\s?\.\s?\d{2})"


def _split_run(tokens: list[str]) -> list[str]:
    """A run of label tokens of a garbled line: each label the longest known run of tokens
    (the converter put labels of both sides next to each other); unknown words stay single."""
    labels: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            label = clean_name(" ".join(tokens[i:j]))
            if _known(label):
                break
        else:
            j, label = i + 1, clean_name(tokens[i])
        labels.append(label)
        i = j
    return labels


@dataclass
class _Garbled:
    label: str
    linenos: list[str]
    amounts: list[str]


def _garbled_tokens(line: Line) -> list[str]:
    """Tokens with OCR spaces inside numbers closed ("1, 627. 17" → "1,627.17")."""
    return re.sub(r"(?<=\d)\s*([,.])\s*(?=\d)", r"\1", nfkc(line.text)).split()


def _garbled_walk(tokens: list[str]) -> list[_Garbled]:
    """Labels in token order, each with the line numbers and amounts that follow it up to the
    next label (the template prints a line's amounts after its label)."""
    out: list[_Garbled] = []
    run: list[str] = []
    for tok in tokens + ["\0"]:
        if has_cjk(tok):
            run.append(tok)
            continue
        if run:
            out.extend(_Garbled(label, [], []) for label in _split_run(run))
            run = []
        if not out or tok == "\0":
            continue
        if _is_lineno(tok) and "." not in tok:
            out[-1].linenos.append(tok)
        elif is_amount(tok):
            out[-1].amounts.append(tok)
    return out


def _garbled_entries(st: Statement, line: Line, problems: list[str]) -> list[_Entry] | None:
    """Entries of a 收支总表 garbled into one line; None if the walk leaves anything in doubt."""
    tokens = _garbled_tokens(line)
    # the header ends with the 栏次 numbering; its words (财政拨款 …) are not lines
    head = max((i + 1 for i, t in enumerate(tokens) if "栏次" in t), default=0)
    first = next((i for i, t in enumerate(tokens) if i >= head and has_cjk(t) and _known(clean_name(t))), None)
    if first is None:
        return None
    before = [t for t in tokens[:first] if is_amount(t) and "." in t]
    if before:
        problems.append(f"{_where(st, line.ref)}: amounts {before} before the first line label")
        return None
    entries: list[_Entry] = []
    previous: dict[str, str | None] = {"income": None, "expenditure": None}
    for g in _garbled_walk(tokens[first:]):
        looked_up = {side: summary_key(g.label, side, previous[side]) for side in ("income", "expenditure")}
        keys = {side: k for side, k in looked_up.items() if k is not None}
        sides = list(keys)
        if not sides:
            if g.amounts:
                problems.append(f"{_where(st, line.ref)}: amounts {g.amounts} follow the unknown label {g.label!r}")
                return None
            continue  # header words and noise
        if len(sides) == 2:
            # one label for the same line of both sides: only when it carries a line number per side
            if len(g.linenos) != 2 or g.amounts:
                problems.append(f"{_where(st, line.ref)}: {g.label!r} may be either side ({g.linenos}, {g.amounts})")
                return None
            for side, lineno in zip(("income", "expenditure"), g.linenos, strict=True):
                entries.append(_Entry(side, g.label, lineno, [], False, line.ref))
                previous[side] = keys[side][0]
            continue
        side = sides[0]
        previous[side] = keys[side][0]
        entries.append(_Entry(side, g.label, (g.linenos or [""])[0], g.amounts, False, line.ref))
    return entries


def _garbled_totals(st: Statement, after: list[Line], problems: list[str]) -> list[_Entry]:
    """The 总计 lines printed after the garbled line as loose labels and amounts. The amounts'
    order there says nothing, so they are read only if every one is the same figure."""
    words = [clean_name(t) for ln in after for t in _garbled_tokens(ln) if has_cjk(t)]
    amounts = [a for ln in after for a in _garbled_tokens(ln) if is_amount(a) and "." in a]
    ref = f"{after[0].ref}-{after[-1].ref}" if len(after) > 1 else after[0].ref if after else ""
    if not words or any(summary_key(w, "income") != ("income_total", "") for w in words) or len(words) != 2:
        if amounts:
            problems.append(f"{_where(st, ref)}: loose lines {words} {amounts} after the garbled line not read")
        return []
    if not amounts:
        return [_Entry("income", words[0], "", [], False, ref), _Entry("expenditure", words[1], "", [], False, ref)]
    values = {to_wan(parse_amount(a), st.unit) for a in amounts}
    if len(values) != 1:
        problems.append(f"{_where(st, ref)}: 总计 amounts {amounts} differ and their order is lost; not read")
        return []
    return [
        _Entry("income", words[0], "", amounts[:1], False, ref),
        _Entry("expenditure", words[1], "", amounts[1:], False, ref),
    ]


def _garbled_consistent(rows: list[SummaryRow]) -> list[str]:
    """What the recovered lines contradict: every line must fit the table's own sums."""
    def one(side: str, key: str) -> Decimal | None:
        found = [r.amount for r in rows if r.side == side and r.item_key == key]
        return found[0] if len(found) == 1 else None

    wrong: list[str] = []
    income_lines = [r.amount for r in rows if r.side == "income" and r.item_key in _FISCAL_INCOME]
    classes = [r.amount for r in rows if r.item_key == "function_class"]
    for side, parts, subtotal in (
        ("income", income_lines, "income_subtotal"), ("expenditure", classes, "expenditure_subtotal"),
    ):
        sub = one(side, subtotal)
        known = [p for p in parts if p is not None]
        if sub is None or len(known) != len(parts) or sum(known, ZERO) != sub:
            wrong.append(f"{side} lines {parts} do not add up to {subtotal} {sub}")
    for side, sub_key, balance_key, total_key in (
        ("income", "income_subtotal", "opening_balance", "income_total"),
        ("expenditure", "expenditure_subtotal", "closing_balance", "expenditure_total"),
    ):
        sub_v, balance_v, total_v = one(side, sub_key), one(side, balance_key), one(side, total_key)
        if total_v is not None and (sub_v is None or balance_v is None or sub_v + balance_v != total_v):
            wrong.append(f"{side} {total_key} {total_v} is not {sub_key} + {balance_key} {[sub_v, balance_v]}")
    for r in rows:
        split = (r.general_budget, r.gov_fund, r.state_capital)
        known_split = [v for v in split if v is not None]
        if r.side == "expenditure" and r.amount is not None and len(known_split) == len(split) and sum(known_split, ZERO) != r.amount:
            wrong.append(f"{r.name} {r.amount} is not the sum of its fund columns {split}")
    return wrong


def _parse_garbled(st: Statement, line: Line, statement: str, problems: list[str]) -> list[SummaryRow]:
    """A 收支总表 run into one line (jiangan-2024 公开04表 L189).

    The token order still follows the template: each label is followed by its line
    number(s) and amounts, labels of the two sides interleaved. Every label gets the amounts
    after it up to the next label; a label printed once with two line numbers is the same
    sub-line of both sides. The result is published only if it satisfies the table's sums
    (lines = 本年合计, 本年合计 + 结转 = 总计, fund columns = 合计); otherwise only the
    本年收入合计 / 本年支出合计, which stand next to their labels, are read.
    """
    local: list[str] = []
    lines = [ln for ln in st.lines if nfkc(ln.text).strip()]
    after = []
    for ln in lines[lines.index(line) + 1:]:
        text = nfkc(ln.text).strip()
        if is_note(text) or text.startswith("注"):
            break
        after.append(ln)
    entries = _garbled_entries(st, line, local)
    rows: list[SummaryRow] = []
    wrong: list[str] = []
    if entries is not None:
        entries += _garbled_totals(st, after, local)
        funds = statement == "fiscal"
        rows = _summary_rows(st, statement, entries, funds, local)
        wrong = _garbled_consistent(rows)
    if entries is not None and not wrong and not local:
        problems.extend(local)
        amounts = sum(1 for r in rows if r.amount)
        problems.append(
            f"{_where(st, line.ref)}: the table is garbled into one line; {len(rows)} lines recovered from the "
            f"template's token order ({amounts} with amounts, the others listed without one, read as 0), "
            f"checked against the table's sums; line numbers missing from the text: "
            f"{_missing_linenos(line, after) or 'none'}; the statement is kept raw too"
        )
        return rows
    out = []
    s = nfkc(line.text)
    for label, key, side in (("本年收入合计", "income_subtotal", "income"), ("本年支出合计", "expenditure_subtotal", "expenditure")):
        m = re.search(re.escape(label) + r"\s+\d{1,2}\s+" + _AMT, s)
        if m:
            value = to_wan(parse_amount(m.group(1)), st.unit)
            out.append(SummaryRow(statement, side, key, "", label, value, f"{_table_ref(st)}:{line.ref}"))
    problems.extend(local)
    problems.append(
        f"{_where(st, line.ref)}: the table is garbled into one line and its lines cannot be placed reliably "
        f"({'; '.join(wrong) or 'see above'}); only {', '.join(r.name for r in out) or 'nothing'} extracted, "
        "the rest is kept raw"
    )
    return out


def _missing_linenos(line: Line, after: list[Line]) -> str:
    """Line numbers 1..n absent from the garbled text: the lines whose number was lost."""
    tokens = [t for ln in [line, *after] for t in _garbled_tokens(ln) if _is_lineno(t) and "." not in t]
    numbers = {int(t) for t in tokens}
    top = max(numbers, default=0)
    return ", ".join(str(n) for n in range(1, top + 1) if n not in numbers)


def _summary(st: Statement, statement: str, problems: list[str]) -> list[SummaryRow]:
    lines = [ln for ln in st.lines if nfkc(ln.text).strip()]
    garbled = _garbled(lines)
    if garbled is not None:
        return _parse_garbled(st, garbled, statement, problems)
    header_text = ""
    roles: list[str] | None = None
    start = None
    numbered = next((i for i, ln in enumerate(lines) if ln.cells is None and "栏次" in _squash(ln.text)), None)
    for i, line in enumerate(lines):
        if numbered is not None and i <= numbered:  # text tables: data start after the 栏次 line
            header_text += _squash(line.text)
            continue
        if line.cells is None:
            tokens = nfkc(line.text).split()
            labels = [t for t in tokens if has_cjk(t)]
            if any(_known(x) for x in _split_label(labels)) if labels else False:
                start = i
                break
        elif sum(_cell_role(c) == "label" for c in line.cells) < 2 and any(
            _known(clean_name(c)) for c in line.cells if has_cjk(c)
        ):  # (header rows name funds and sides with words that look like labels: 财政拨款收入)
            roles = _cell_roles(lines[:i])
            if roles is not None:  # else a header row (收入 | 支出) before the 项目 row
                start = i
                break
        header_text += _squash(line.text)
    if start is None:
        raise InputError(f"{_where(st)}: no 收支总表 line recognized")
    has_lineno = "行次" in header_text or "行次" in header_text.replace("\n", "")
    fund_columns = statement == "fiscal" and "一般公共预" in header_text
    entries: list[_Entry] = []
    cells = _CellEntries(roles) if roles is not None else None
    for line in lines[start:]:
        text = nfkc(line.text).strip()
        if is_note(text) or text.startswith("注"):
            break
        if line.cells is not None:
            if cells is None:
                raise InputError(f"{_where(st, line.ref)}: no 项目 header row to place the cells")
            cells.add(line)
        elif cells is not None and _PAGE_FURNITURE.match(_squash(text)):
            continue  # page number / next table's number printed between PDF tables
        else:
            entries.extend(_text_entries(line, has_lineno))
    if cells is not None:
        entries = cells.entries + entries
        problems.extend(f"{_where(st)} {p}" for p in cells.problems)
    if all(is_blank(a) for e in entries for a in e.amounts):
        raise InputError(f"{_where(st)}: empty template: {len(entries)} lines listed but no amount printed")
    return _summary_rows(st, statement, entries, fund_columns or roles is not None and any(r in _FUND_FIELDS for r in roles), problems)


def _summary_rows(st: Statement, statement: str, entries: list[_Entry], funds: bool, problems: list[str]) -> list[SummaryRow]:
    out: list[SummaryRow] = []
    previous: dict[str, str | None] = {"income": None, "expenditure": None}
    income_funds: set[str] = set()
    pending_fund_rows: list[tuple[SummaryRow, _Entry]] = []
    for e in entries:
        where = _where(st, e.ref)
        if not e.label:
            if any(not is_blank(a) for a in e.amounts):
                problems.append(f"{where}: amounts {e.amounts} without a label ignored")
            continue
        side = e.side if e.side in ("income", "expenditure") else "expenditure"
        found = summary_key(e.label, side, previous[side])
        if e.echo and found is None:
            if any(not is_blank(a) for a in e.amounts):
                problems.append(f"{where}: amounts {e.amounts} after line number {e.lineno} have no label; ignored")
            continue
        if found is None:
            other = "income" if side == "expenditure" else "expenditure"
            found = summary_key(e.label, other, previous[other])
            if found is not None:
                side = other
        if found is None:
            problems.append(f"{where}: 收支总表 line {e.label!r} not recognized; kept as item_key unclassified")
            found = ("unclassified", "")
        key, code = found
        previous[side] = key
        row = SummaryRow(statement, side, key, code, e.label, None, f"{_table_ref(st)}:{e.ref}")
        split = funds and side == "expenditure"
        if not split:
            printed = [a for a in e.amounts if not is_blank(a)] if not e.positional else e.amounts[:1]
            if len(printed) > 1:
                problems.append(f"{where}: {e.label!r} has {len(printed)} amounts {printed}; the first is used")
            row.amount = _amount(printed[0] if printed else "", st.unit, where)
            if statement == "fiscal" and side == "income" and row.amount:
                for fund, pattern in (("general_budget", "general_budget"), ("gov_fund", "gov_fund"), ("state_capital", "state_capital")):
                    if pattern in key:
                        income_funds.add(fund)
        else:
            pending_fund_rows.append((row, e))
        out.append(row)
    for row, e in pending_fund_rows:
        _place_funds(row, e, income_funds, st, problems)
    return out


def _place_funds(row: SummaryRow, e: _Entry, income_funds: set[str], st: Statement, problems: list[str]) -> None:
    """04 expenditure lines: 合计 and the split by fund (一般公共预算 / 政府性基金 / 国有资本经营)."""
    where = _where(st, e.ref)
    if e.positional:
        cells = (e.amounts + [""] * 4)[:4]
        values = [_amount(c, st.unit, where) for c in cells]
    else:
        amounts = [_amount(a, st.unit, where) for a in e.amounts]
        if not amounts:
            values = [ZERO] * 4
        elif len(amounts) == 4:
            values = amounts
        else:
            # blank cells vanished: a fund column can only hold money if that fund has income
            active = [i + 1 for i, f in enumerate(_FUND_FIELDS) if f in income_funds]
            options = []
            for cols in itertools.combinations(active, len(amounts) - 1):
                vec = [amounts[0], ZERO, ZERO, ZERO]
                for c, v in zip(cols, amounts[1:], strict=True):
                    vec[c] = v
                if sum(vec[1:], ZERO) == vec[0]:
                    options.append(vec)
            if len(options) == 1:
                values = options[0]
            else:
                problems.append(f"{where}: cannot tell the fund columns of {e.amounts} ({len(options)} possibilities); split left empty")
                row.amount = amounts[0]
                return
    row.amount, row.general_budget, row.gov_fund, row.state_capital = values


def parse_summary(st: Statement, problems: list[str] | None = None) -> list[SummaryRow]:
    """01 收入支出决算总表 / 部门收支总表 (预算), statement="overall"."""
    return _summary(st, "overall", problems if problems is not None else [])


def parse_fiscal_summary(st: Statement, problems: list[str] | None = None) -> list[SummaryRow]:
    """04 财政拨款收入支出决算总表 / 财政拨款收支总表, statement="fiscal"."""
    return _summary(st, "fiscal", problems if problems is not None else [])


# ---------------------------------------------------------------- hints from the 01 table

_INCOME_COLUMN_OF = {
    "general_budget_appropriation": "fiscal_appropriation",
    "gov_fund_appropriation": "fiscal_appropriation",
    "state_capital_appropriation": "fiscal_appropriation",
    "special_account_income": "special_account_income",
    "upper_subsidy": "upper_subsidy",
    "business_income": "business_income",
    "operating_income": "operating_income",
    "affiliated_income": "affiliated_income",
    "other_income": "other_income",
    "opening_balance": "carryover",
}
_FISCAL_INCOME = {"general_budget_appropriation", "gov_fund_appropriation", "state_capital_appropriation"}


def income_columns_from_summary(summary: Sequence[SummaryRow]) -> set[str] | None:
    """Columns of the 02 table that can hold money: the income lines of the 01 table that do.

    None if the 01 table gives no income lines (then nothing is assumed).
    """
    rows = [r for r in summary if r.statement == "overall" and r.side == "income" and r.item_key in _INCOME_COLUMN_OF]
    if not rows or any(r.amount is None for r in rows):
        return None
    active = {_INCOME_COLUMN_OF[r.item_key] for r in rows if r.amount}
    return active | {"total", "income_subtotal"}


def expenditure_columns_from_summary(summary: Sequence[SummaryRow]) -> set[str] | None:
    """Columns of the 03 table that can hold money.

    上缴上级支出, 经营支出 and 对附属单位补助支出 are by definition paid from non-fiscal
    money, so when the 01 table shows fiscal appropriations as the only income and no
    non-fiscal balance used, only 基本支出 and 项目支出 can hold amounts. None otherwise.
    """
    rows = [r for r in summary if r.statement == "overall" and r.side == "income"]
    keyed = {r.item_key: r.amount for r in rows}
    if not any(k in keyed for k in _FISCAL_INCOME) or any(v is None for v in keyed.values()):
        return None
    non_fiscal = [k for k, v in keyed.items() if v and k in _INCOME_COLUMN_OF and k not in _FISCAL_INCOME]
    if non_fiscal or keyed.get("non_fiscal_balance_used"):
        return None
    return {"total", "basic", "project"}
