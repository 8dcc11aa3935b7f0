"""Parse the 收支总表 statements (01 收入支出总表, 04 财政拨款收支总表) into SummaryRow.

Three layouts: cells with a header naming each column's role (PDF, Markdown, DOCX), plain
text whose labels and amounts are told apart by the label vocabulary, and a table run into
one line by the converter (see one_line_summary).

Every public function takes an optional `problems` list that receives one message per
thing that could not be read; a table that cannot be read at all raises InputError.
"""

from __future__ import annotations

import re

from ..model import InputError, Line, Statement, SummaryRow
from .numbers import is_amount, is_blank, nfkc
from .one_line_summary import parse_run_together, run_together_line
from .refs import location, squash
from .rows import clean_name, has_cjk, is_note, merge_split_numbers
from .summary_lines import (
    FUND_FIELDS,
    PURPOSE_FIELDS,
    SummaryEntry,
    is_lineno,
    known_label,
    summary_key,
    summary_rows,
)

_PAGE_FURNITURE = re.compile(r"^(\d{1,3}|-\d{1,3}-|第\d+页.*|公开\d+表|预算\d+表)$")


def _cell_role(cell: str) -> str:
    c = squash(cell)
    if c in ("项目", "项目名称") or c.endswith("科目名称"):
        return "label"
    if c == "行次":
        return "lineno"
    for purpose, pattern in zip(PURPOSE_FIELDS, ("人员经费", "公用经费", "^项目支出"), strict=True):
        if re.search(pattern, c):
            return purpose
    for fund, word in zip(FUND_FIELDS, ("一般公共预算", "政府性基金", "国有资本"), strict=True):
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


# a title over the purpose columns, naming no column itself
_GROUP_TITLES = {"基本支出"}


def _names_columns(cells: tuple[str, ...]) -> bool:
    """A header row of purpose columns: no figure, and every cell titles a column or a group
    of them, one of them a purpose (a data line's label is never only such titles)."""
    text = [squash(c) for c in cells if not is_blank(c)]
    return (
        any(_cell_role(c) in PURPOSE_FIELDS for c in text)
        and all((_cell_role(c) and _cell_role(c) != "label") or c in _GROUP_TITLES for c in text)
        and not any(is_amount(c) for c in text)
    )


_NUMBERED = re.compile(r"^([一二三四五六七八九十]+、|\d+[.、]|[(（][一二三四五六七八九十]+[)）])")


def _continues(previous: str, cell: str) -> bool:
    """A label cell that is the rest of the label above it (a wrapped PDF cell split into
    rows: 2.政府性基金预 / 算)."""
    return not known_label(previous) and not _NUMBERED.match(cell) and not known_label(cell)


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
        self.open: dict[int, SummaryEntry] = {}
        self.entries: list[SummaryEntry] = []
        self.problems: list[str] = []

    def _spanning(self, group: int, line: Line) -> SummaryEntry | None:
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
                roles = tuple(self.roles[k] for k in self.slots[i])
                entry = SummaryEntry(self.side[i], text, "", [""] * len(self.slots[i]), True, line.ref, roles=roles)
                self.entries.append(entry)
                self.open[i] = entry
                fresh.add(i)
            elif role == "extra" and not is_blank(cell):
                self.entries.append(SummaryEntry("?", text, "", [], True, line.ref))
            elif i in self.group and not is_blank(cell):
                g = self.group[i]
                e = self.open.get(g)
                if g not in fresh and (e is None or known_label(e.label)):
                    e = self._spanning(g, line)
                if e is None or (g not in fresh and known_label(e.label) and e is self.open.get(g)):
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


def split_label(tokens: list[str]) -> list[str]:
    """A run of label tokens is one label, or two adjacent labels (九、其他收入 十、卫生健康)."""
    whole = clean_name(" ".join(tokens))
    if known_label(whole) or len(tokens) < 2:
        return [whole]
    for i in range(1, len(tokens)):
        left, right = clean_name(" ".join(tokens[:i])), clean_name(" ".join(tokens[i:]))
        if known_label(left) and known_label(right):
            return [left, right]
    return [whole]


def _text_entries(line: Line, has_lineno: bool) -> list[SummaryEntry]:
    tokens = merge_split_numbers(nfkc(line.text).split())
    segments: list[tuple[list[str], str, list[str]]] = []  # (label tokens, lineno, amounts)
    for tok in tokens:
        numeric = not has_cjk(tok) and (is_amount(tok) or is_lineno(tok))
        if not numeric:
            if not segments or segments[-1][1] or segments[-1][2]:
                segments.append(([tok], "", []))
            else:
                segments[-1][0].append(tok)
        elif has_lineno and is_lineno(tok) and "." not in tok:
            if not segments or segments[-1][1] or segments[-1][2]:
                segments.append(([], tok, []))
            else:
                segments[-1] = (segments[-1][0], tok, segments[-1][2])
        else:
            if not segments:
                segments.append(([], "", []))
            segments[-1][2].append(tok)
    entries: list[SummaryEntry] = []
    for n, (label_tokens, lineno, amounts) in enumerate(segments):
        if not label_tokens and lineno and n and segments[n - 1][0] and segments[n - 1][1] and not segments[n - 1][2]:
            # a second line number after an unfilled labelled line: the same label on the right side
            label = clean_name(" ".join(segments[n - 1][0]))
            entries.append(SummaryEntry("expenditure", label, lineno, amounts, False, line.ref, echo=True))
            continue
        labels = split_label(label_tokens) if label_tokens else [""]
        for j, label in enumerate(labels):
            last = j == len(labels) - 1
            entries.append(SummaryEntry("?", label, lineno if last else "", amounts if last else [], False, line.ref))
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


def _summary(st: Statement, statement: str, problems: list[str]) -> list[SummaryRow]:
    lines = [ln for ln in st.lines if nfkc(ln.text).strip()]
    garbled = run_together_line(lines)
    if garbled is not None:
        return parse_run_together(st, garbled, statement, problems)
    header_text = ""
    roles: list[str] | None = None
    start = None
    numbered = next((i for i, ln in enumerate(lines) if ln.cells is None and "栏次" in squash(ln.text)), None)
    for i, line in enumerate(lines):
        if numbered is not None and i <= numbered:  # text tables: data start after the 栏次 line
            header_text += squash(line.text)
            continue
        if line.cells is None:
            tokens = nfkc(line.text).split()
            labels = [t for t in tokens if has_cjk(t)]
            if any(known_label(x) for x in split_label(labels)) if labels else False:
                start = i
                break
        elif _names_columns(line.cells):
            pass  # a lower header row (合计 | 基本支出 | 项目支出 / 人员经费 | 公用经费)
        elif sum(_cell_role(c) == "label" for c in line.cells) < 2 and any(
            known_label(clean_name(c)) for c in line.cells if has_cjk(c)
        ):  # (header rows name funds and sides with words that look like labels: 财政拨款收入)
            roles = _cell_roles(lines[:i])
            if roles is not None:  # else a header row (收入 | 支出) before the 项目 row
                start = i
                break
        header_text += squash(line.text)
    if start is None:
        raise InputError(f"{location(st)}: no 收支总表 line recognized")
    has_lineno = "行次" in header_text or "行次" in header_text.replace("\n", "")
    fund_columns = statement == "fiscal" and "一般公共预" in header_text
    entries: list[SummaryEntry] = []
    cells = _CellEntries(roles) if roles is not None else None
    for line in lines[start:]:
        text = nfkc(line.text).strip()
        if is_note(text) or text.startswith("注"):
            break
        if line.cells is not None:
            if cells is None:
                raise InputError(f"{location(st, line.ref)}: no 项目 header row to place the cells")
            cells.add(line)
        elif cells is not None and _PAGE_FURNITURE.match(squash(text)):
            continue  # page number / next table's number printed between PDF tables
        else:
            entries.extend(_text_entries(line, has_lineno))
    if cells is not None:
        entries = cells.entries + entries
        problems.extend(f"{location(st)} {p}" for p in cells.problems)
    if all(is_blank(a) for e in entries for a in e.amounts):
        raise InputError(f"{location(st)}: empty template: {len(entries)} lines listed but no amount printed")
    return summary_rows(st, statement, entries, fund_columns or roles is not None and any(r in FUND_FIELDS for r in roles), problems)


def parse_summary(st: Statement, problems: list[str] | None = None) -> list[SummaryRow]:
    """01 收入支出决算总表 / 部门收支总表 (预算), statement="overall"."""
    return _summary(st, "overall", problems if problems is not None else [])


def parse_fiscal_summary(st: Statement, problems: list[str] | None = None) -> list[SummaryRow]:
    """04 财政拨款收入支出决算总表 / 财政拨款收支总表, statement="fiscal"."""
    return _summary(st, "fiscal", problems if problems is not None else [])
