"""Cleaning of table cells extracted from PDFs (pure functions, no pdfplumber)."""

from __future__ import annotations

import re

from ..normalize.numbers import nfkc

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef()"
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_CODE_PART = {0: re.compile(r"^\d{3}$"), 1: re.compile(r"^\d{2}$"), 2: re.compile(r"^\d{2}$")}
# A folio line: "7", "- 7 -", "─7─" (box-drawing dashes), "第7页", "7/32", "第 7 页 共 32 页"
PAGE_NUMBER = re.compile(r"^(?:[-—–─━―‒−]\s*)*(?:第\s*)?(?P<n>\d{1,4})(?:\s*页)?(?:\s*[-—–─━―‒−])*"
                         r"(?:\s*[,，/]?\s*共?\s*\d{1,4}\s*页?)?$")


def clean_cell(cell: str | None) -> str:
    """Wrapped cells come back with newlines; spaced-out CJK (`因 公 出 国`) is joined."""
    if cell is None:
        return ""
    text = nfkc(cell).replace("\n", "")
    return _SPACE_IN_CJK.sub("", text).strip()


def split_code_groups(header_rows: list[list[str]]) -> list[list[int]]:
    """Column groups printed as separate 类 / 款 / 项 cells, found in the header rows."""
    groups: list[list[int]] = []
    for row in header_rows:
        for i, cell in enumerate(row):
            if cell == "类" and i + 1 < len(row) and row[i + 1] == "款":
                group = [i, i + 1]
                if i + 2 < len(row) and row[i + 2] == "项":
                    group.append(i + 2)
                groups.append(group)
    return groups


def merge_split_codes(
    rows: list[list[str]], carried: list[list[int]] | None = None
) -> tuple[list[list[str]], list[list[int]]]:
    """Join split 类/款/项 code columns into one code cell (`201`,`06`,`01` -> `2010601`).

    The header row that labels them (类 款 项) becomes `科目编码`, so every row keeps
    the same number of columns and parsers see one code column per panel. A table
    continued on the next page has no header: the caller passes the groups found on
    the previous page (`carried`); they are returned for the next call.
    """
    groups = split_code_groups(rows[:6])
    if not groups and carried and rows and _continues(rows[0], carried):
        groups = carried
    if not groups:
        return rows, []
    drop = {i for g in groups for i in g[1:]}
    out: list[list[str]] = []
    for row in rows:
        row = list(row)
        for group in groups:
            parts = [row[i] if i < len(row) else "" for i in group]
            if parts[:2] == ["类", "款"]:
                row[group[0]] = "科目编码"
            elif all(not p or _CODE_PART[k].match(p) for k, p in enumerate(parts)) and parts[0]:
                code = ""
                for p in parts:
                    if not p:
                        break
                    code += p
                row[group[0]] = code
        out.append([c for i, c in enumerate(row) if i not in drop])
    return out, groups


def _continues(first_row: list[str], carried: list[list[int]]) -> bool:
    """A headerless table continues the previous page's split-code table if its first
    row has the same width for the groups and a 类 code where the group starts."""
    if max(i for g in carried for i in g) >= len(first_row):
        return False
    return bool(_CODE_PART[0].match(first_row[carried[0][0]]))
