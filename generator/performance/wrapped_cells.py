"""Indicators of 预算12表 项目绩效目标汇总表 in the plain text of a PDF: cells wrapped at their column's width.

Each project row has four indicator columns (成本指标, 产出指标, 效益指标, 满意度指标), each a
三级指标 cell and a 指标值 cell; a column may hold several indicators (sub-rows of the
project). The text comes cell by cell, sub-row by sub-row, left to right, every cell broken
over lines at its column's width ("项目总成" / "本", "≤2" / "500" / "000" / "元"). So the
fragments of one project are read as alternating cells 三级指标, 指标值:

- a 三级指标 cell continues while its last line is full (as wide as its first line) and the
  next fragment is text; a 指标值 cell is numeric ("≥300" / "00 人" / "次": digits and a
  unit continue it) or text continued by lines no wider than its first;
- the column of an indicator comes from the width its 三级指标 wraps at, against the widths
  of the template's columns (performance.yaml summary_name_widths): 成本 4, 产出 6, 效益 and
  满意度 3 characters. A single-line name fits every column at least as wide: the first
  fitting column after the previous indicator of the sub-row is taken;
- 效益 and 满意度 are equally wide: two narrow indicators in a row are 效益 then 满意度; a lone
  one is 满意度 if its name has a satisfaction word (level2_keywords of 满意度指标), else 效益
  (reported as placed by name);
- layout quirks of the text: a name's last line printed after its value, on the next source
  line, when the value was centred beside the name ("基金累计结余 ≤15%" / " 率"); a row broken
  by a page (the rest of a cell comes with the continued code, passed in as an orphan).
Anything else that does not fit these rules is reported and the table kept raw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import IndicatorRow, Line
from ..normalize.numbers import nfkc, try_amount
from .cells import compact, target_row, vocabulary

_NUMERIC_START = re.compile(r"^[≥≤<>=＜＞]|^\d")
_DIGIT_START = re.compile(r"^[\d.,]")
_HALF_WIDTH_PUNCT = set("、（）“”()")  # narrower than a CJK character in the PDF's font
_SLACK = Decimal("0.5")


@dataclass(frozen=True)
class Fragment:
    text: str  # compact
    ref: str
    line_no: int | None  # source line number, to tell adjacent lines (no blank line between)
    first: bool  # first fragment of its printed line
    orphan: bool = False  # rest of a cell continued after a page break
    top: float | None = None  # PDF: the line's top on its page (no line numbers there)
    pitch: float | None = None  # PDF: the line pitch of the fragments' lines (see _pitch)

    @property
    def key(self) -> str:
        """The line_key of its line."""
        return _key(self.ref, self.top)


@dataclass
class _Cell:
    parts: list[Fragment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)

    @property
    def cap(self) -> Decimal:
        return max(width(p.text) for p in self.parts)

    def is_open(self) -> bool:
        """Its last line is full: the cell may go on."""
        return width(self.parts[-1].text) >= self.cap - _SLACK


@dataclass
class _Pair:
    name: _Cell
    value: _Cell
    column: int = -1  # index into the header's columns


def width(text: str) -> Decimal:
    """Printed width in CJK characters: Latin, digits and ≥≤% count half."""
    w = Decimal(0)
    for ch in text:
        w += Decimal(1) if ord(ch) >= 0x3000 and ch not in _HALF_WIDTH_PUNCT else _SLACK
    return w


def _key(ref: str, top: float | None) -> str:
    return ref if top is None else f"{ref}@{top}"


def line_key(line: Line) -> str:
    """A line's identity, to key notes on it (`orphans`): its ref, and in a PDF, whose refs name
    pages, its top on the page."""
    return _key(line.ref, line.top)


def _line_no(ref: str) -> int | None:
    m = re.fullmatch(r"L(\d+)", ref)
    return int(m.group(1)) if m else None


def _pitch(lines: list[Line]) -> float | None:
    """The distance between two lines printed right below each other (PDF): the smallest gap
    between consecutive lines of a page. The text's blank lines make most gaps two pitches, and a
    page may have no adjacent lines at all, so all the lines given are used, not one page's; gaps
    far below the median (under a third) are offsets within a printed line, not a pitch."""
    gaps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:], strict=False)
        if a.top is not None and b.top is not None and a.page == b.page and b.top > a.top
    ]
    if not gaps:
        return None
    median = sorted(gaps)[len(gaps) // 2]
    return min(g for g in gaps if g > median / 3)


def fragments(lines: list[Line], orphans: dict[str, list[str]] | None = None) -> list[Fragment]:
    """The printed fragments of the lines; `orphans` (by line_key) mark tokens that continue a cell."""
    out: list[Fragment] = []
    pitch = _pitch(lines)
    for line in lines:
        tokens = nfkc(line.text).split()
        joined: list[str] = []
        for tok in tokens:  # "0 元", "00 人": the end of a broken number and its unit
            if joined and re.fullmatch(r"[\d.,]+", joined[-1]) and not _NUMERIC_START.match(tok):
                joined[-1] += tok
            else:
                joined.append(tok)
        orphan_tokens = (orphans or {}).get(line_key(line), [])
        for n, tok in enumerate(joined):
            out.append(
                Fragment(
                    compact(tok), line.ref, _line_no(line.ref), n == 0, orphan=tok in orphan_tokens,
                    top=line.top, pitch=pitch,
                )
            )
    return out


def _adjacent(a: Fragment, b: Fragment) -> bool:
    """b is on the source line right after a's: the text puts the lines of one cell apart (blank
    line between), so adjacent lines are cells side by side (a value beside a name's last line).
    Text: consecutive line numbers; PDF (no line numbers): the same page, b below a by at most
    about one line pitch (a blank line between makes it two)."""
    if a.line_no is not None:
        return b.line_no == a.line_no + 1
    if a.top is None or b.top is None or a.pitch is None or a.ref != b.ref:
        return False
    return 0 < b.top - a.top <= 1.3 * a.pitch


def _continues(cell: _Cell, nxt: Fragment) -> bool:
    """nxt may be the next line of the cell: a line of its own, not beside the cell's last line."""
    return nxt.first and not nxt.orphan and not _adjacent(cell.parts[-1], nxt)


def _is_numeric(text: str) -> bool:
    return bool(_NUMERIC_START.match(text)) or text.endswith("%")


def _continues_number(cell: _Cell, nxt: Fragment) -> bool:
    """A broken number goes on: "≥300" + "00 人", "≥2" + "500", "≤30" + "分钟", "≥30000人" + "次"."""
    if not _continues(cell, nxt):
        return False
    value = cell.text
    if value.endswith("%"):
        return False
    if _DIGIT_START.match(nxt.text):
        return bool(re.search(r"[\d.,]$", value))
    units = vocabulary().units
    if re.search(r"\d$", value):
        return any(nxt.text == u or nxt.text.startswith(u) for u in units) and len(nxt.text) <= 3
    tail = re.sub(r"^.*[\d.,]", "", value)  # the unit printed so far
    return any(tail + nxt.text == u for u in units)


def _value_words() -> tuple[str, ...]:
    return tuple(vocabulary().summary_value_starts)


def _split_pairs(frags: list[Fragment]) -> tuple[list[_Pair], list[str]]:
    """Alternate 三级指标 / 指标值 cells (see module doc) -> (pairs, problems)."""
    pairs: list[_Pair] = []
    problems: list[str] = []
    starts = _value_words()
    i = 0
    while i < len(frags):
        f = frags[i]
        if f.orphan and not (pairs and pairs[-1].name.is_open()):
            problems.append(f"{f.ref}: {f.text!r} after a page break continues no 三级指标")
            i += 1
            continue
        if f.orphan or (
            pairs
            and f.first
            and not _is_numeric(f.text)
            and _adjacent(pairs[-1].value.parts[-1], f)
            and pairs[-1].name.is_open()
        ):
            # the rest of the previous name, printed after its value (a value centred beside a
            # two-line name shares the first line; the cell's rest after a page break)
            pairs[-1].name.parts.append(f)
            i += 1
            continue
        if _is_numeric(f.text):
            problems.append(f"{f.ref}: value {f.text!r} without a 三级指标")
            i += 1
            continue
        name = _Cell([f])
        i += 1
        while (
            i < len(frags)
            and _continues(name, frags[i])
            and name.is_open()
            and not _is_numeric(frags[i].text)
            and not frags[i].text.startswith(starts)
        ):
            name.parts.append(frags[i])
            i += 1
        if i >= len(frags) or frags[i].orphan:
            problems.append(f"{f.ref}: 三级指标 {name.text!r} without a 指标值")
            continue
        value = _Cell([frags[i]])
        i += 1
        if _is_numeric(value.text):
            while i < len(frags) and _continues_number(value, frags[i]):
                value.parts.append(frags[i])
                i += 1
        else:
            first_width = width(value.parts[0].text)
            while (
                i < len(frags)
                and _continues(value, frags[i])
                and not _is_numeric(frags[i].text)
                and width(value.parts[-1].text) >= first_width - _SLACK
                and width(frags[i].text) <= first_width
            ):
                value.parts.append(frags[i])
                i += 1
        pairs.append(_Pair(name, value))
    return pairs, problems


def _candidates(name: _Cell, widths: list[Decimal]) -> list[int]:
    """Columns a 三级指标 cell can be in, from the width it wraps at (or fits in)."""
    cap = name.cap
    if len(name.parts) > 1:  # wrapped: its widest line fills the column
        return [c for c, w in enumerate(widths) if w - _SLACK <= cap <= w + _SLACK]
    return [c for c, w in enumerate(widths) if cap <= w + _SLACK]


def _place(pairs: list[_Pair], columns: list[str], widths: list[Decimal]) -> list[str]:
    """Set pair.column; sub-rows go left to right. Returns the refs of indicators placed by name."""
    notes: list[str] = []
    satisfaction = _satisfaction_words()
    last = -1
    for n, pair in enumerate(pairs):
        cands = _candidates(pair.name, widths)
        if not cands:
            continue
        equal = [c for c in cands if widths[c] == widths[cands[-1]]]
        if len(cands) > 1 and len(equal) == len(cands):  # 效益 / 满意度: equally wide
            after = [c for c in cands if c > last]
            nxt = pairs[n + 1] if n + 1 < len(pairs) else None
            if last in cands[:-1]:
                pair.column = cands[cands.index(last) + 1]  # second narrow indicator of the row
            elif nxt is not None and _candidates(nxt.name, widths) == cands and after == cands:
                pair.column = cands[0]  # the first of two in a row
            else:
                by_name = any(w in pair.name.text for w in satisfaction)
                pair.column = cands[-1] if by_name else cands[0]
                notes.append(pair.name.parts[0].ref)
        else:
            after = [c for c in cands if c > last]
            pair.column = after[0] if after else cands[-1] if n else cands[0]
        last = pair.column
    return notes


def _satisfaction_words() -> tuple[str, ...]:
    vocab = vocabulary()
    return tuple(
        w
        for level2, words in vocab.level2_keywords.items()
        if vocab.level2.get(level2) == "满意度指标"
        for w in words
    )


def place_indicators(
    project: str, frags: list[Fragment], columns: list[str], where: str
) -> tuple[list[IndicatorRow], list[str], list[str], bool]:
    """The indicators of one project row -> (indicators, problems, refs of the indicators placed
    in 效益/满意度 by their name, fully placed)."""
    widths_by_column = vocabulary().summary_name_widths
    missing = [c for c in columns if c not in widths_by_column]
    if missing:
        return [], [f"{where}: 项目绩效目标汇总表 column {missing} has no known width"], [], False
    widths = [Decimal(str(widths_by_column[c])) for c in columns]
    pairs, found = _split_pairs(frags)
    problems = [f"{where} {p} (project {project!r})" for p in found]
    notes = _place(pairs, columns, widths)
    rows: list[IndicatorRow] = []
    ok = not found
    for pair in pairs:
        if pair.column < 0:
            problems.append(
                f"{where} {pair.name.parts[0].ref}: 三级指标 {pair.name.text!r} of {project!r} fits no column "
                f"of 项目绩效目标汇总表"
            )
            ok = False
            continue
        rows.append(target_row(project, columns[pair.column], "", pair.name.text, pair.value.text, pair.name.parts[0].ref))
    return rows, problems, notes, ok


def cost_in_wan(row: IndicatorRow) -> Decimal | None:
    """A 成本 target printed in 元 ("≤2500000元"), in 万元; None when not such a target."""
    if row.unit != "元" or row.operator not in ("≤", "=", "<", ""):
        return None
    value = try_amount(row.target)
    return value / Decimal(10000) if value is not None else None
