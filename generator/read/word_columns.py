"""Unruled tables: text lines split into cells by the words' x-positions against the columns.

A table printed without rulings has no grid for pdfplumber to find; its lines come out as text
whose blank cells vanished, and runs of spaces do not tell which column a figure is in. Here a
page's text lines are cut into segments (words closer than `GAP_EM` ems belong to one cell); a
run of lines printing figures in several segments is a table. Its columns are the x-intervals
its body segments occupy (a column's cells overlap each other, two columns never do); a header
segment over no body column is a column whose cells are all blank. Each segment of a line is
the cell of the column it overlaps (a title spanning several columns goes to the first, as
pdfplumber does with a merged cell), so every line of the table gets the same cells, blank ones
kept, as a ruled table gives.

Pure functions: words in, cells out (pdf.py does the I/O).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize.numbers import is_amount, nfkc
from .pdf_cells import PAGE_NUMBER, clean_cell, merge_split_codes

# words further apart than this (in ems of the text) are different cells: a space is about
# 0.25–0.33 em, the padding between two cells (two cell margins) at least about 0.8 em
GAP_EM = 0.6
# lines further apart than this (in line heights) are not one table
LINE_GAP = 2.5
# at most this share of a table's body cells may span columns (合计 over code and name)
SPANNING = 0.1
# 部门 / 单位 lines above a table are not its header
_META = re.compile(r"单位\s*[:：]|部门\s*[:：]|^编制单位")
_TITLE = re.compile(r"表\s*(\(.*\)|（.*）)?$")


@dataclass(frozen=True)
class Word:
    x0: float
    x1: float
    text: str


@dataclass(frozen=True)
class TextLine:
    top: float
    bottom: float
    size: float  # font size (pt): the em of the gaps
    words: tuple[Word, ...]


def words_of(chars: list[dict], tolerance_ratio: float) -> tuple[Word, ...]:
    """A line's chars (pdfplumber dicts) as words: a space or a gap over `tolerance_ratio` em ends one."""
    words: list[Word] = []
    x0 = x1 = 0.0
    text = ""
    for ch in sorted(chars, key=lambda c: c["x0"]):
        size = float(ch.get("size") or 10)
        if not ch["text"].strip():
            if text:
                words.append(Word(x0, x1, text))
            text = ""
            continue
        if text and ch["x0"] - x1 > tolerance_ratio * size:
            words.append(Word(x0, x1, text))
            text = ""
        if not text:
            x0 = float(ch["x0"])
        text += ch["text"]
        x1 = float(ch["x1"])
    if text:
        words.append(Word(x0, x1, text))
    return tuple(words)


def segments(line: TextLine) -> list[Word]:
    """The line's words joined into cells: words closer than GAP_EM ems."""
    out: list[Word] = []
    for w in line.words:
        if out and w.x0 - out[-1].x1 <= GAP_EM * line.size:
            last = out[-1]
            out[-1] = Word(last.x0, w.x1, f"{last.text} {w.text}")
        else:
            out.append(w)
    return out


def _figures(segs: list[Word]) -> int:
    return sum(1 for s in segs if is_amount(nfkc(s.text).replace(" ", "")))


def _close(upper: TextLine, lower: TextLine) -> bool:
    height = max(upper.bottom - upper.top, lower.bottom - lower.top, 1.0)
    return lower.top - upper.top <= LINE_GAP * height


def _apart(segs: list[Word]) -> bool:
    """A title (…表) or a 部门 / 单位 line: the next table starts, this one ended."""
    text = nfkc(" ".join(s.text for s in segs)).strip()
    return bool(_META.search(text)) or (len(segs) == 1 and _TITLE.search(text) is not None)


def _blocks(lines: list[TextLine], segs: list[list[Word]]) -> list[tuple[int, int, int]]:
    """(first header line, first body line, end) of each unruled table among the lines."""
    rows = [len(s) >= 2 and _figures(s) >= 1 for s in segs]
    out: list[tuple[int, int, int]] = []
    i = 0
    while i < len(lines):
        if not rows[i]:
            i += 1
            continue
        start = end = i  # end: the last row line of the run
        j = i + 1
        while j < len(lines) and _close(lines[j - 1], lines[j]) and not _apart(segs[j]):
            if rows[j]:
                end = j
            j += 1
        count = sum(rows[start : end + 1])
        if count >= 2 and max(_figures(s) for s in segs[start : end + 1]) >= 2:
            head = start
            while (
                head > 0 and _close(lines[head - 1], lines[head]) and len(segs[head - 1]) >= 2
                and not _apart(segs[head - 1])
            ):
                head -= 1
            out.append((head, start, end + 1))
        i = end + 1
    return out


def _overlaps(seg: Word, col: tuple[float, float]) -> bool:
    return seg.x0 < col[1] and seg.x1 > col[0]


def _place(cols: list[tuple[float, float]], seg: Word) -> list[tuple[float, float]]:
    """Columns with a cell added: it widens the one column it overlaps or is a new column;
    a cell over several columns (or widening one into its neighbour) spans them: no change."""
    hit = [n for n, c in enumerate(cols) if _overlaps(seg, c)]
    if len(hit) > 1:
        return cols
    if not hit:
        return sorted(cols + [(seg.x0, seg.x1)])
    n = hit[0]
    wider = (min(cols[n][0], seg.x0), max(cols[n][1], seg.x1))
    if any(_overlaps(Word(*wider, ""), c) for m, c in enumerate(cols) if m != n):
        return cols
    return cols[:n] + [wider] + cols[n + 1 :]


def columns(header: list[list[Word]], body: list[list[Word]]) -> list[tuple[float, float]]:
    """The x-intervals of a table's columns. The fullest body lines set them first, so a cell
    spanning two columns on another line (合计 over code and name) does not join them; then the
    header cells (lowest line first) over no column yet: columns printing no figure."""
    cols: list[tuple[float, float]] = []
    for segs in sorted(body, key=len, reverse=True) + list(reversed(header)):
        for seg in segs:
            cols = _place(cols, seg)
    return cols


def aligned(body: list[list[Word]], cols: list[tuple[float, float]]) -> bool:
    """True if the lines' cells fall into shared columns, as a table's do: justified narrative
    with wide gaps around its figures has cells at random places, most of them across columns."""
    cells = [s for segs in body for s in segs]
    spanning = sum(1 for s in cells if sum(1 for c in cols if _overlaps(s, c)) > 1)
    return spanning <= SPANNING * len(cells)


def split(segs: list[Word], cols: list[tuple[float, float]]) -> tuple[str, ...]:
    cells = [""] * len(cols)
    for s in segs:
        k = next((n for n, c in enumerate(cols) if _overlaps(s, c)), None)
        if k is None:  # between columns (cannot happen for body cells): the nearest one
            k = min(range(len(cols)), key=lambda n: min(abs(s.x0 - cols[n][1]), abs(s.x1 - cols[n][0])))
        cells[k] = f"{cells[k]} {s.text}".strip()
    return tuple(clean_cell(c) for c in cells)


def header_tail(lines: list[TextLine], cells: list[tuple[str, ...] | None], most: int = 6) -> range:
    """Which of the page's last lines (but a page number) may head a table continued on the
    next page: lines of several cells, in no table of this page, not a title or 部门 / 单位 line."""
    end = len(lines)
    while end and PAGE_NUMBER.match(nfkc(" ".join(w.text for w in lines[end - 1].words)).strip()):
        end -= 1
    start = end
    while start > max(end - most, 0):
        segs = segments(lines[start - 1])
        if cells[start - 1] is not None or len(segs) < 2 or _apart(segs):
            break
        start -= 1
    return range(start, end)


def table_cells(lines: list[TextLine]) -> list[tuple[str, ...] | None]:
    """Per text line of a page (top to bottom): its cells if it belongs to an unruled table.
    Lines may start with the previous page's last ones (header_tail): a line's top above the
    one before it is the top of the next page, close to it."""
    segs = [segments(line) for line in lines]
    out: list[tuple[str, ...] | None] = [None] * len(lines)
    for head, start, end in _blocks(lines, segs):
        cols = columns(segs[head:start], segs[start:end])
        if len(cols) < 2 or not aligned(segs[start:end], cols):
            continue
        rows = [list(split(segs[n], cols)) for n in range(head, end)]
        rows, _ = merge_split_codes(rows)
        for n, cells in zip(range(head, end), rows, strict=True):
            out[n] = tuple(cells)
    return out
