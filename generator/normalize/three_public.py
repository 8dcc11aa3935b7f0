"""Parse the “三公”经费 statement (决算 09表 / 预算 财政拨款“三公”经费支出表).

Two printed layouts exist:

* columns (决算 template): one data row of 12 amounts, 预算数 half then 决算数 half
  (or 预算数/决算数 interleaved per item, Shanghai), each half being 合计, 因公出国（境）费,
  公务用车购置及运行费 小计, 购置费, 运行费, 公务接待费. Header cells are broken over
  several rows, so the columns follow the template; the header only decides the phases.
* rows (预算 templates): one line per item (合计, “三公”经费小计, 因公出国（境）费 …
  会议费, 培训费) with a 合计 column (then by fund type), or one column per phase
  (上年/本年预算数, 预算数/决算数).

Item labels are matched with generator/reference/three_public_items.csv. Phases: `budget`,
`final`, and `prior_budget` for a previous year's budget printed next to this year's.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from ..model import Fact, InputError, Line, Statement, ThreePublicRow
from .numbers import is_amount, is_blank, nfkc, parse_amount, to_wan

# Column order of one half of the 决算 template (财政部 公开09表).
TEMPLATE_COLUMNS = ("total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")
PHASES = ("budget", "final", "prior_budget")

# Phase markers in a header, in printed order.
_PHASE_MARK = re.compile(r"上年(?:预算)?数?|本年(?:预算)?数?|预算数|决算数")
_SPACE_QUOTES = re.compile(r"[\s\"'“”‘’「」]+")
# columns printed next to the “三公” figures that belong to other resources
_NOT_THREE_PUBLIC = re.compile(r"机关运行经费")
# caption rows above a header (unit, department): not column headings
_CAPTION = re.compile(r"单位\s*[:：]|部门名称|编制部门|部门\s*[:：]")
# a 序号 cell: 1 / 一 / (一) / 1、
_NUMBERING = re.compile(r"^[(（]?[0-9一二三四五六七八九十]+[)）、.．]?$")
# list numbering and "其中：" before a row label (raw or NFKC'd text)
_LABEL_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（]?[0-9一二三四五六七八九十]+[)）]|\d+[、.．])?(?:其中[:：]?)?"
)


@dataclass(frozen=True)
class _ItemRule:
    item_key: str
    name: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _item_rules() -> tuple[_ItemRule, ...]:
    text = resources.files("generator.reference").joinpath("three_public_items.csv").read_text("utf-8")
    return tuple(
        _ItemRule(r["item_key"], r["name"], re.compile(r["pattern"]))
        for r in csv.DictReader(text.splitlines())
    )


def _canonical_name(item_key: str) -> str:
    return next(rule.name for rule in _item_rules() if rule.item_key == item_key)


def _squash(text: str) -> str:
    return _SPACE_QUOTES.sub("", nfkc(text))


def item_key_of(label: str) -> str | None:
    """The item_key of a printed row label (numbering, 其中： and quotes ignored); None if unknown."""
    s = _LABEL_PREFIX.sub("", _squash(label))
    for rule in _item_rules():
        if rule.pattern.match(s):
            return rule.item_key
    return None


def _phase_of(mark: str) -> str:
    if mark.startswith("上年"):
        return "prior_budget"
    if mark.startswith("决算"):
        return "final"
    return "budget"  # 本年… / 预算数


def _table_ref(st: Statement) -> str:
    digits = re.findall(r"\d+", st.number or "")
    return f"T{digits[-1].zfill(2)}" if digits else "T09"


def _amount(raw: str, st: Statement, where: str, ref: str) -> Decimal:
    """A printed amount in 万元; a blank cell of a listed line is 0."""
    try:
        value = parse_amount(raw)
    except ValueError as exc:
        raise InputError(f"{where}: {ref}: bad amount {raw!r}") from exc
    converted = to_wan(value if value is not None else Decimal("0"), st.unit)
    assert converted is not None
    return converted


# ---------------------------------------------------------------- entry point


def parse_three_public(st: Statement, stage: str) -> list[ThreePublicRow | Fact]:
    """All printed “三公” figures of the statement; `stage` ("budget"/"final") is the disclosure's."""
    if stage not in ("budget", "final"):
        raise ValueError(f"stage must be budget or final, not {stage!r}")
    where = f"{_table_ref(st)} {st.title} ({st.ref})"
    if st.empty_note and not any(_row_values(line) for line in st.lines):
        return []  # "本单位无…": reported from Statement.empty_note by the caller
    # a purely numeric row of ≥6 amounts is the column layout's data row; else one line per item
    data_at = _column_data_row(st.lines)
    rows: list[ThreePublicRow | Fact]
    if data_at is not None:
        rows = _parse_columns(st, stage, where, data_at)
    elif any(item_key_of(_label_of(line)) for line in st.lines):
        rows = list(_parse_rows(st, stage, where))
    else:
        # headers without a single figure (the planted-errors copy of a Shanghai 决算 does this):
        # kept raw and reported; checks.within.table_presence objects when the narrative states 三公 figures
        raise InputError(f"{where}: 三公 table prints no amounts (no row of figures under its headers)")
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if not isinstance(row, ThreePublicRow):
            continue
        if (row.phase, row.item_key) in seen:
            raise InputError(f"{where}: {row.item_key} ({row.phase}) printed twice ({row.source_ref})")
        seen.add((row.phase, row.item_key))
    return rows


def _label_of(line: Line) -> str:
    """The text part of a row: its only text cell (else "": a header) / the non-amount tokens."""
    if line.cells is not None:
        texts = [
            c for c in line.cells if not is_blank(c) and not is_amount(c) and not _NUMBERING.match(_squash(c))
        ]
        return texts[0] if len(texts) == 1 else ""
    return " ".join(t for t in line.text.split() if not is_amount(t))


def _row_values(line: Line) -> list[str]:
    """The cells of a purely numeric row (blank cells kept), or [] if the row has text."""
    cells = [c.strip() for c in line.cells] if line.cells is not None else nfkc(line.text).split()
    if not cells or any(not is_blank(c) and not is_amount(c) for c in cells):
        return []
    return cells if any(is_amount(c) for c in cells) else []


def _is_column_numbers(values: list[str]) -> bool:
    """The 栏次 row "1 2 3 … n"."""
    return [v.strip() for v in values] == [str(n) for n in range(1, len(values) + 1)]


# ---------------------------------------------------------------- column layout


def _column_data_row(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines):
        values = [v for v in _row_values(line) if not is_blank(v)]
        if len(_row_values(line)) >= len(TEMPLATE_COLUMNS) and not _is_column_numbers(values):
            return i
    return None


def _parse_columns(st: Statement, stage: str, where: str, data_at: int) -> list[ThreePublicRow | Fact]:
    data = st.lines[data_at]
    values = _row_values(data)
    layout = None
    if data.cells is not None:
        header_rows = [
            ln.cells for ln in st.lines[:data_at] if ln.cells is not None and not _CAPTION.search(ln.text)
        ]
        layout = _layout_from_header(header_rows, values, stage)
    if layout is None:
        layout = _template_layout(
            _squash(" ".join(ln.text for ln in st.lines[:data_at])), values, stage, where, data
        )
    prefix = _table_ref(st)
    rows = [
        ThreePublicRow(
            phase,
            item,
            _canonical_name(item),
            _amount(values[j] if j < len(values) else "", st, where, data.ref),
            f"{prefix}:{data.ref}",
        )
        for j, item, phase in layout
    ]
    rows.sort(key=lambda r: PHASES.index(r.phase))  # stable: column order within a phase
    if data.cells is not None:
        return [*rows, *_operating_cost_facts(st, header_rows, values, data, where)]
    return list(rows)


def _template_layout(
    header: str, values: list[str], stage: str, where: str, data: Line
) -> list[tuple[int, str, str]]:
    """(column, item, phase) by the 决算 template, when the header cells cannot be followed."""
    missing = [w for w in ("因公出", "接待", "购置", "运行") if w not in header]
    if missing:
        raise InputError(f"{where}: header lacks {missing}: not the standard 三公 layout")
    if "会议" in header or "培训" in header:
        raise InputError(
            f"{where}: 会议费/培训费 columns whose header cannot be followed: layout not supported"
        )
    marks = [_phase_of(m) for m in _PHASE_MARK.findall(header)]
    phases = list(dict.fromkeys(marks)) or [stage]
    expected = len(TEMPLATE_COLUMNS) * len(phases)
    while len(values) > expected and is_blank(values[-1]):
        values = values[:-1]
    if len(values) != expected:
        raise InputError(
            f"{where}: {data.ref}: {len(values)} amounts for {len(phases)} phase(s) × {len(TEMPLATE_COLUMNS)} "
            "items: cannot place them (blank cells lost?)"
        )
    if len(phases) > 1 and len(marks) == len(values):  # 预算数 决算数 预算数 决算数 …: item-major
        pairs = [(item, phase) for item in TEMPLATE_COLUMNS for phase in phases]
    else:
        pairs = [(item, phase) for phase in phases for item in TEMPLATE_COLUMNS]
    return [(j, item, phase) for j, (item, phase) in enumerate(pairs)]


def _header_paths(header_rows: list[tuple[str, ...]], n_values: int) -> list[list[str]]:
    """Per column, the header labels above it (a cell spans right until the next label within its parent)."""
    width = max([n_values] + [len(r) for r in header_rows])
    bound = [width] * width
    paths: list[list[str]] = [[] for _ in range(width)]
    for row in header_rows:
        starts = [(j, _squash(c)) for j, c in enumerate(row) if not is_blank(c)]
        new_bound = bound[:]
        for n, (j, label) in enumerate(starts):
            end = min(starts[n + 1][0] if n + 1 < len(starts) else width, bound[j])
            for k in range(j, end):
                paths[k].append(label)
                new_bound[k] = end
        bound = new_bound
    return paths


def _operating_cost_facts(
    st: Statement, header_rows: list[tuple[str, ...]], values: list[str], data: Line, where: str
) -> list[Fact]:
    """机关运行经费 printed beside the “三公” figures (Shanghai 预算 template): a figure of the
    statement, published as a fact (it is not a 三公 item)."""
    out = []
    for j, path in enumerate(_header_paths(header_rows, len(values))):
        if j >= len(values) or is_blank(values[j]) or not any(_NOT_THREE_PUBLIC.search(p) for p in path):
            continue
        label = "".join(dict.fromkeys(path))
        amount = _amount(values[j], st, where, data.ref)
        out.append(Fact(
            topic_key="operating_cost@three_public_table", label=label, value=amount, unit="万元",
            quote=f"{st.title}: {label} {values[j]}", source_ref=f"{_table_ref(st)}:{data.ref}",
        ))
    return out


def _layout_from_header(
    header_rows: list[tuple[str, ...]], values: list[str], stage: str
) -> list[tuple[int, str, str]] | None:
    """(column, item, phase) from header cells spanning to the right within their parent cell.

    None when the header cannot be followed consistently (garbled OCR headers): every
    column holding an amount must resolve to a distinct item and phase.
    """
    paths = _header_paths(header_rows, len(values))
    any_marks = any(_PHASE_MARK.search(label) for path in paths for label in path)
    resolved: list[tuple[int, str, str]] = []
    for j, path in enumerate(paths):
        if any(_NOT_THREE_PUBLIC.search(label) for label in path):
            continue  # e.g. 机关运行经费 printed alongside: not a “三公” figure
        item, phase = _resolve_path(path)
        if item is None or (any_marks and phase is None):
            if j < len(values) and not is_blank(values[j]):
                return None
            continue
        resolved.append((j, item, phase or stage))
    has_subtotal = any(item == "total" for _, item, _ in resolved)
    resolved = [
        (j, "total" if item == "grand_total" and not has_subtotal else item, ph) for j, item, ph in resolved
    ]
    # a merged header cell spans several physical columns: one of them holds the amount
    chosen: dict[tuple[str, str], int] = {}
    for j, item, phase in resolved:
        filled = j < len(values) and not is_blank(values[j])
        if (item, phase) not in chosen:
            chosen[(item, phase)] = j
        elif filled:
            k = chosen[(item, phase)]
            if k < len(values) and not is_blank(values[k]):
                return None  # two amounts under one heading
            chosen[(item, phase)] = j
    resolved = sorted((j, item, phase) for (item, phase), j in chosen.items())
    pairs = [(item, phase) for _, item, phase in resolved]
    for phase in {phase for _, phase in pairs}:
        if not {"total", "overseas", "vehicle", "reception"} <= {item for item, ph in pairs if ph == phase}:
            return None
    return resolved


def _resolve_path(path: list[str]) -> tuple[str | None, str | None]:
    """The deepest item label of a column's header path ("小计" takes its parent's item) and its phase."""
    phase = next((_phase_of(m.group()) for label in reversed(path) if (m := _PHASE_MARK.search(label))), None)
    labels = [_PHASE_MARK.sub("", label) for label in path]
    for depth in range(len(labels) - 1, -1, -1):
        if labels[depth] in ("小计", ""):
            continue
        key = item_key_of(labels[depth])
        if key is not None:
            return key, phase
    return None, phase


# ---------------------------------------------------------------- row layout


def _parse_rows(st: Statement, stage: str, where: str) -> list[ThreePublicRow]:
    first = next(i for i, line in enumerate(st.lines) if item_key_of(_label_of(line)))
    header_lines = st.lines[:first]
    prefix = _table_ref(st)
    has_subtotal = any(item_key_of(_label_of(line)) == "total" for line in st.lines)
    columns = _amount_columns(header_lines, stage, where)

    label_col = next(
        (j for line in header_lines for j, c in enumerate(line.cells or ()) if _squash(c) == "项目"), None
    )
    rows: list[ThreePublicRow] = []
    for line in st.lines[first:]:
        text = _squash(line.text)
        if text.startswith(("注", "说明")):
            break
        if "栏次" in text:
            continue
        if line.cells is not None and label_col is not None:
            label = line.cells[label_col] if label_col < len(line.cells) else ""
        else:
            label = _label_of(line)
        amounts = _row_amounts(line, columns, where)
        if is_blank(label):
            if any(not is_blank(raw) for _, raw in amounts):
                raise InputError(f"{where}: {line.ref}: amounts without an item label: {line.text!r}")
            continue
        key = item_key_of(label)
        if key is None:
            raise InputError(f"{where}: {line.ref}: row not understood: {line.text!r}")
        if key == "grand_total" and not has_subtotal:
            key = "total"  # a plain 合计 is the “三公” total when no 小计 line separates them
        name = _LABEL_PREFIX.sub("", re.sub(r"\s+", "", label))
        for phase, raw in amounts:
            rows.append(
                ThreePublicRow(phase, key, name, _amount(raw, st, where, line.ref), f"{prefix}:{line.ref}")
            )
    rows.sort(key=lambda r: PHASES.index(r.phase))
    return rows


def _amount_columns(header_lines: list[Line], stage: str, where: str) -> list[tuple[str, int | None]]:
    """(phase, cell index) of each amount column; index None in plain text (by order)."""
    cell_rows = [line.cells for line in header_lines if line.cells is not None]
    if cell_rows:
        phase_cols: list[tuple[str, int | None]] = [
            (_phase_of(m.group()), j)
            for cells in cell_rows
            for j, c in enumerate(cells)
            if (m := _PHASE_MARK.search(_squash(c)))
        ]
        if phase_cols:
            return phase_cols
        total_cols = [j for cells in cell_rows for j, c in enumerate(cells) if _squash(c) == "合计"]
        if not total_cols:
            raise InputError(f"{where}: no 合计 or 预算数/决算数 column in the header")
        return [(stage, total_cols[0])]
    marks = [_phase_of(m) for m in _PHASE_MARK.findall(_squash(" ".join(ln.text for ln in header_lines)))]
    return [(phase, None) for phase in marks] or [(stage, None)]


def _row_amounts(line: Line, columns: list[tuple[str, int | None]], where: str) -> list[tuple[str, str]]:
    if line.cells is not None:
        cells = line.cells
        return [(phase, cells[j].strip() if j is not None and j < len(cells) else "") for phase, j in columns]
    # plain text: blank cells vanished; the first amount is the 合计 (or first phase) column
    tokens = nfkc(line.text).split()
    label_at = next((i for i, t in enumerate(tokens) if not is_amount(t)), len(tokens))
    amounts = [t for t in tokens[label_at:] if is_amount(t)]
    if len(columns) == 1:
        return [(columns[0][0], amounts[0] if amounts else "")]
    if amounts and len(amounts) != len(columns):
        raise InputError(
            f"{where}: {line.ref}: {len(amounts)} amounts for {len(columns)} columns: cannot place them"
        )
    return [(phase, amounts[i] if amounts else "") for i, (phase, _) in enumerate(columns)]
