"""The table model of the performance readers: a table found by its title, with its lines.

Both readers (self_eval, targets) find their tables here, by the title words and table ends
of reference/performance.yaml, and then read each table by the export style of its lines
(cells where the export kept them, plain text otherwise). Provenance stays per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Line
from .cells import compact, is_department_title, vocabulary

_TITLE_LENGTH = 40  # titles are short lines; narrative sentences may mention the tables too


@dataclass(frozen=True)
class PerformanceTable:
    """One table: `kind` a reader's key of performance.yaml `titles`, its title line, and the
    lines after the title up to the table's end."""

    kind: str
    title: Line
    body: tuple[Line, ...]

    @property
    def lines(self) -> list[Line]:
        return [self.title, *self.body]

    @property
    def department(self) -> bool:
        """A table of the department as a whole (部门整体), not of one project."""
        return is_department_title(self.title.text)


def is_title(line: Line, kind: str) -> bool:
    """Is `line` a title of a `kind` table? Project target tables with cells are titled
    "N、<项目>绩效目标表": their title ends with the word and is not a department's."""
    text = compact(line.text)
    words = vocabulary().titles[kind]
    if kind == "targets":
        return line.cells is None and text.endswith(words) and not is_department_title(text) and len(text) <= _TITLE_LENGTH
    if kind == "self_eval":
        return len(text) <= _TITLE_LENGTH and any(w in text for w in words)
    return any(w in text for w in words)


def _ends(kind: str) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in vocabulary().table_ends.get(kind, ())]


def _end(lines: list[Line], start: int, kind: str) -> int:
    """The index of the first line from `start` that ends a `kind` table (table_ends), or the end."""
    ends = _ends(kind)
    return next((j for j in range(start, len(lines)) if any(e.match(compact(lines[j].text)) for e in ends)), len(lines))


def _cell_body(lines: list[Line], start: int) -> list[Line]:
    """The lines of a target table with cells after its title at start-1 ([] when no cell row
    follows). Before the indicator header a line without cells is a one-cell row (unit,
    资金用途) when a cell row follows within two lines; after the header, the first such line
    ends the table."""
    body: list[Line] = []
    header_seen = False
    for k in range(start, len(lines)):
        line = lines[k]
        if is_title(line, "targets"):
            break
        if line.cells is None:
            if header_seen or not any(ln.cells is not None for ln in lines[k + 1 : k + 3]):
                break
        header_seen = header_seen or set(vocabulary().labels["targets"]["levels"]) <= {compact(c) for c in line.cells or ()}
        body.append(line)
    return body if any(ln.cells is not None for ln in body) else []


def find_tables(lines: list[Line], kind: str) -> list[PerformanceTable]:
    """The `kind` tables of a document, in order.

    self_eval: a section runs to the next self-evaluation title, the last one to a table end
    (a part heading 第X部分); targets: project tables with cells (a title mentioned in text, or
    a table in plain text, has no cell body and is no table here); department_targets and
    project_summary: the first table so titled, in plain text, to the next numbered table.
    """
    titles = [i for i, ln in enumerate(lines) if is_title(ln, kind)]
    tables: list[PerformanceTable] = []
    if kind == "targets":
        for i in titles:
            body = _cell_body(lines, i + 1)
            if body:
                tables.append(PerformanceTable(kind, lines[i], tuple(body)))
        return tables
    if kind == "self_eval":
        for n, start in enumerate(titles):
            end = titles[n + 1] if n + 1 < len(titles) else _end(lines, start + 1, kind)
            tables.append(PerformanceTable(kind, lines[start], tuple(lines[start + 1 : end])))
        return tables
    if titles:
        start = titles[0]
        tables.append(PerformanceTable(kind, lines[start], tuple(lines[start + 1 : _end(lines, start + 1, kind)])))
    return tables
