"""Turn the body lines of a code/name/amounts table into raw rows.

Two shapes of input:
- lines with cells (Markdown tabs, DOCX rows): column positions are known and blank
  cells are kept, so values are positional;
- plain-text lines (cells None): blank cells vanished, so only the printed amounts are
  known, in order; a row may also be broken over several lines
  ("2080505" / "机关事业单位基本养老保险缴" / "费支出" / "18.69 18.69").

Header lines (before the first data row), notes (注：…) and noise are separated from
data rows; anything dropped that is not a header or a note is reported as a problem.
Column assignment of plain-text amounts is the caller's job (see plaintext_columns.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Line
from .codes import function_code_name, is_economic_code, is_function_code, normalize_name
from .numbers import is_amount, is_blank, nfkc

_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff（）()、])\s+(?=[\u3400-\u9fff（）()、])")
# a line starting with a colon is a note whose label (注) the producer dropped or set apart
_NOTE = re.compile(r"^(注[:：]|注\s*[:：]?\s*\d|\d+\s*栏|\d+行\s*[=＝]|说明[:：]|[:：]\s*\S)")
_META = re.compile(r"^(部门(名称)?[:：]|单位[:：]|金额单位|预算年度|公开\s*\d+\s*表|预算\s*\d+\s*表)")
_SMALL_INT = re.compile(r"^\d{1,2}$")
_SPLIT_NUMBER_HEAD = re.compile(r"^\d{1,3}[,.]$")
# header labels of the code columns that PDF tables print on the same row as the 合计 line
# (类|款|项|合计 → the reader joins 类/款/项 into 科目编码)
_CODE_HEADER = {"科目编码", "功能分类科目编码", "类", "款", "项", "类款项"}


@dataclass
class RawRow:
    """One data row as printed: code (if any), name, and amounts.

    positional=True: `values` are the cells after the name, in column order, blank = "".
    positional=False: `values` are only the printed amounts, in order (blanks vanished).
    """

    code: str | None
    name: str
    values: list[str]
    positional: bool
    ref: str
    refs: list[str] = field(default_factory=list)
    start: int = 0  # cell rows: index of the first value cell
    cells: tuple[str, ...] = ()  # cell rows: all cells as printed (NFKC), for realignment


@dataclass
class TableBody:
    header: list[Line]  # lines before the first data row (titles of columns, units, 栏次)
    rows: list[RawRow]
    notes: list[Line]
    problems: list[str]  # "L123: what was skipped and why"
    column_numbers: int | None = None  # how many value columns the 栏次 row numbers


def clean_name(text: str) -> str:
    """Printed name with OCR spaces inside Chinese text removed (wording kept)."""
    s = nfkc(text).strip()
    return _CJK_GAP.sub("", s)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def is_note(text: str) -> bool:
    return bool(_NOTE.match(nfkc(text).strip()))


def is_code(token: str) -> bool:
    return is_function_code(token) or is_economic_code(token)


def merge_split_numbers(tokens: list[str]) -> list[str]:
    """Re-join numbers that OCR split at separators: ["1,", "627.", "17"] → ["1,627.17"]."""
    out: list[str] = []
    for tok in tokens:
        if out and _SPLIT_NUMBER_HEAD.match(out[-1]) and re.match(r"^\d", tok):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def _squash_cell(cell: str) -> str:
    return re.sub(r"\s+", "", nfkc(cell))


def _column_numbers(cells: list[str]) -> list[int] | None:
    """Positions of a 栏次 row's 1..n column numbers, or None if this is not such a row."""
    marks = [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]
    if not marks:
        return None
    if marks[0][1].replace(" ", "") in ("栏次", "行次"):
        marks = marks[1:]
    if not marks or not all(_SMALL_INT.match(c) for _, c in marks):
        return None
    numbers = [int(c) for _, c in marks]
    if numbers != list(range(1, len(numbers) + 1)) or len(numbers) < 2:
        return None
    return [i for i, _ in marks]


def _split_cells(cells: tuple[str, ...]) -> tuple[int | None, str | None, int | None]:
    """(index of the code cell, code, index of the name cell) of a cell row."""
    code_idx = code = name_idx = None
    for i, cell in enumerate(cells):
        c = nfkc(cell).strip()
        if not c:
            continue
        if code is None and name_idx is None and is_code(c):
            code_idx, code = i, c
            continue
        if c.replace(" ", "") in _CODE_HEADER:
            continue
        if has_cjk(c):
            name_idx = i
            break
    return code_idx, code, name_idx


def _cell_row(line: Line) -> RawRow | None:
    assert line.cells is not None
    code_idx, code, name_idx = _split_cells(line.cells)
    if name_idx is None and code is None:
        return None
    if name_idx is None:  # a code without a name: values follow the code
        name, start = "", (code_idx or 0) + 1
    else:
        name, start = clean_name(line.cells[name_idx]), name_idx + 1
    cells = tuple(nfkc(c).strip() for c in line.cells)
    return RawRow(code, name, list(cells[start:]), True, line.ref, [line.ref], start, cells)


def _realign(rows: list[RawRow], problems: list[str]) -> None:
    """Put every cell row's values at the table's value columns.

    A 合计 line printed in a merged code+name cell (PDF: `合计 | "" | 2,946.25 …`) starts
    its values one cell early; the blank cells between are not values. The value columns
    start where most coded rows have theirs.
    """
    starts = [r.start for r in rows if r.positional and r.code is not None]
    if not starts:
        return
    common = max(set(starts), key=starts.count)
    for r in rows:
        if not r.positional or r.start == common or not r.cells:
            continue
        if r.start < common and all(is_blank(c) for c in r.cells[r.start : common]):
            r.values, r.start = list(r.cells[common:]), common
        elif r.start > common and r.code is not None:
            problems.append(f"{r.ref}: values of {r.code} start at cell {r.start + 1}, not {common + 1}; read as printed")


def _text_parts(line: Line) -> tuple[str | None, list[str], list[str]]:
    """(code, name tokens, trailing amount tokens) of a plain-text line."""
    tokens = merge_split_numbers(nfkc(line.text).split())
    code = None
    if tokens and is_code(tokens[0]):
        code, tokens = tokens[0], tokens[1:]
    amounts: list[str] = []
    while tokens and is_amount(tokens[-1]) and not has_cjk(tokens[-1]):
        amounts.insert(0, tokens.pop())
    return code, tokens, amounts


def _better_name(code: str | None, name: str, extra: str) -> bool:
    """True if appending `extra` to a row's name brings it closer to the code's national name."""
    if not code:
        return False
    ref = function_code_name(code)
    if not ref:
        return False
    ref_n = normalize_name(ref)
    return normalize_name(name + extra) == ref_n or (
        ref_n.startswith(normalize_name(name + extra)) and not ref_n == normalize_name(name)
    )


def _is_data_start(row: RawRow) -> bool:
    """The first data row: a coded row, or a 合计 row with amounts (a bare 合计 is a header cell)."""
    n = normalize_name(row.name)
    has_amounts = any(is_amount(v) for v in row.values)
    return row.code is not None or (n.endswith("合计") and has_amounts)


def read_body(lines: list[Line]) -> TableBody:
    """Split a statement body into header lines, data rows, notes and problems."""
    header: list[Line] = []
    rows: list[RawRow] = []
    notes: list[Line] = []
    problems: list[str] = []
    column_numbers: int | None = None
    number_positions: list[int] | None = None  # cell positions of a 栏次 row's 1..n
    pending: RawRow | None = None  # plain text: a row whose amounts are still to come
    started = False
    header_keys: set[tuple[str, ...]] = set()  # cell header rows, to skip their repetitions

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            rows.append(pending)  # a listed row whose cells are all blank
            pending = None

    for line in lines:
        text = nfkc(line.text).strip()
        if not text:
            continue
        if is_note(text) or (started and text.startswith("注")):
            flush()
            notes.append(line)
            continue
        if line.cells is not None:
            key = tuple(_squash_cell(c) for c in line.cells)
            if started and key in header_keys:
                continue  # the header repeated on a continuation page
            positions = _column_numbers(list(line.cells))
            if positions is not None:
                header.append(line)
                number_positions = positions
                continue
            row = _cell_row(line)
            if row is None:
                if started and any(not is_blank(c) for c in line.cells):
                    problems.append(f"{line.ref}: line without code or name ignored: {text[:60]!r}")
                elif not started:
                    header.append(line)
                    header_keys.add(key)
                continue
            if not started and not _is_data_start(row):
                header.append(line)
                header_keys.add(key)
                continue
            started = True
            if any(not is_blank(v) and not is_amount(v) for v in row.values):
                problems.append(f"{line.ref}: garbled line ignored (cells are not amounts): {text[:80]!r}")
                continue
            rows.append(row)
            continue
        # ------------------------------------------------ plain text
        tokens = text.split()
        if not started and (_META.match(text) or "栏次" in text):
            if "栏次" in text:
                column_numbers = sum(1 for t in tokens if _SMALL_INT.match(t)) or None
            header.append(line)
            continue
        code, name_tokens, amounts = _text_parts(line)
        name = clean_name(" ".join(name_tokens))
        if not started:
            probe = RawRow(code, name, amounts, False, line.ref)
            if not _is_data_start(probe):
                header.append(line)
                continue
            started = True
        if code is not None:
            flush()
            row = RawRow(code, name, amounts, False, line.ref, [line.ref])
            if amounts:
                rows.append(row)
            else:
                pending = row
            continue
        if pending is not None:
            pending.name = clean_name(pending.name + " " + name) if name else pending.name
            pending.refs.append(line.ref)
            if amounts:
                pending.values = amounts
                rows.append(pending)
                pending = None
            continue
        if name and not amounts:
            last = rows[-1] if rows else None
            if last is not None and not last.positional and _better_name(last.code, last.name, name):
                last.name = clean_name(last.name + " " + name)
                last.refs.append(line.ref)
            else:
                problems.append(f"{line.ref}: text line ignored: {text[:60]!r}")
            continue
        if not name and not amounts:
            problems.append(f"{line.ref}: line ignored: {text[:60]!r}")
            continue
        rows.append(RawRow(None, name, amounts, False, line.ref, [line.ref]))
    flush()
    _realign(rows, problems)
    if number_positions is not None:
        # some templates number the code/name columns too: count those over the values
        first_value = min((r.start for r in rows if r.positional), default=0)
        column_numbers = sum(1 for p in number_positions if p >= first_value)
    return TableBody(header, rows, notes, problems, column_numbers)
