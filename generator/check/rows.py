"""Read-only lookups in the row lists of a Disclosure, shared by the checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from ..model import Disclosure, SummaryRow
from ..normalize.numbers import nfkc

ZERO = Decimal(0)

# Published resources of the standard statements: (label used in check ids, Disclosure attribute, 中文名).
TABLES: dict[str, tuple[str, str]] = {
    "T01": ("summary:overall", "收入支出总表"),
    "T02": ("income_by_function", "收入表"),
    "T03": ("expenditure_by_function", "支出表"),
    "T04": ("summary:fiscal", "财政拨款收入支出总表"),
    "T05": ("general_budget_expenditure", "一般公共预算财政拨款支出表"),
    "T06": ("basic_expenditure_economic", "一般公共预算财政拨款基本支出表"),
    "T09": ("three_public", "财政拨款“三公”经费支出表"),
}


def table_rows(d: Disclosure, table: str) -> list[Any]:
    """The rows of a standard table ("T01" … "T09")."""
    attr = TABLES[table][0]
    if attr.startswith("summary:"):
        statement = attr.split(":", 1)[1]
        return [r for r in d.summary if r.statement == statement]
    return list(getattr(d, attr))


def has_table(d: Disclosure, table: str) -> bool:
    return bool(table_rows(d, table))


def summary_rows(d: Disclosure, statement: str, side: str, item_key: str) -> list[SummaryRow]:
    return [r for r in d.summary if r.statement == statement and r.side == side and r.item_key == item_key]


def summary_row(d: Disclosure, statement: str, side: str, item_key: str, code: str = "") -> SummaryRow | None:
    for r in summary_rows(d, statement, side, item_key):
        if not code or r.code == code:
            return r
    return None


def total_row(rows: Sequence[Any]) -> Any | None:
    """The 合计 line of a functional/economic table (code "total")."""
    for r in rows:
        if r.code == "total":
            return r
    return None


def by_code(rows: Sequence[Any], code: str) -> Any | None:
    for r in rows:
        if r.code == code:
            return r
    return None


def plus(values: Iterable[Decimal | None]) -> Decimal:
    """Sum where a blank (None) cell counts as 0 (a listed line with an empty cell)."""
    return sum((v for v in values if v is not None), ZERO)


def squash(name: str) -> str:
    """Name for matching across tables: NFKC, no spaces, no (类)/(款)/(项) marks."""
    s = "".join(nfkc(name).split())
    for mark in ("(类)", "(款)", "(项)"):
        s = s.replace(mark, "")
    return s


def row_keys(rows: Sequence[Any]) -> list[str]:
    """A stable key per row for check ids: the code, else the name; repeats get #2, #3."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for r in rows:
        base = r.code or squash(r.name) or "row"
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return keys


def children(rows: Sequence[Any], index: int) -> list[Any]:
    """The rows one level below rows[index], read in table order (works without codes).

    A 类 (level 1) owns the following 款 (level 2) rows up to the next row of level ≤ 1.
    """
    parent = rows[index]
    out = []
    for r in rows[index + 1 :]:
        if r.level <= parent.level or r.code == "total":
            break
        if r.level == parent.level + 1:
            out.append(r)
    return out


def strip_suffix(topic_key: str) -> str:
    """`class_amount:210@3` → `class_amount:210` (the @n marks a repeated statement)."""
    return topic_key.split("@", 1)[0]
