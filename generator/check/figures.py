"""Named table figures, located by data (generator/reference/fact_checks.yaml).

A locator is a dotted path into the published rows:

    summary.<statement>.<side>.<item_key>[.<code>][:<column>]   e.g. summary.overall.income.income_total
    income.<code>.<column>             02表 row (code "total" = 合计), e.g. income.total.fiscal_appropriation
    expenditure.<code>.<column>        03表
    general_budget.<code>.<column>     05表, e.g. general_budget.{param}.total
    fiscal_expenditure.<code>.<column> 财政拨款支出表 (all fiscal funds by function, Jiangsu)
    economic.<code>                    06表, e.g. economic.total_personnel
    three_public.<phase>.<item_key>    09表, phase may be {phase} (budget|final, the disclosure's stage)

`{param}` is the parameter of a topic key (`class_amount:210` → 210).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..model import Disclosure
from .rows import by_code, summary_rows

_RESOURCES = {
    "income": "income_by_function",
    "expenditure": "expenditure_by_function",
    "general_budget": "general_budget_expenditure",
    "fiscal_expenditure": "fiscal_expenditure_by_function",
    "economic": "basic_expenditure_economic",
    "three_public": "three_public",
}
_TABLE_LABELS = {
    "summary.overall": "01表", "summary.fiscal": "04表", "income": "02表", "expenditure": "03表",
    "general_budget": "05表", "economic": "06表", "three_public": "09表",
    "fiscal_expenditure": "财政拨款支出表",
}


@dataclass(frozen=True)
class Figure:
    """A figure looked up in the tables: `present` says whether its table has rows at all."""

    value: Decimal | None
    source_ref: str
    table: str  # "01表" …
    present: bool


@lru_cache(maxsize=8)
def reference(name: str) -> dict[str, Any]:
    """A YAML mapping of generator/reference (the checks' rules and sentences)."""
    text = resources.files("generator.reference").joinpath(name).read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def rules() -> dict[str, Any]:
    return reference("fact_checks.yaml")


def _phase(d: Disclosure) -> str:
    return "final" if d.meta.stage == "final" else "budget"


def locate(d: Disclosure, locator: str, param: str = "") -> Figure:
    """The figure at `locator`; value None when the table has rows but not this figure."""
    path = locator.replace("{param}", param).replace("{phase}", _phase(d))
    column = ""
    if ":" in path:
        path, column = path.split(":", 1)
    parts = path.split(".")
    kind = parts[0]
    if kind == "summary":
        statement, side, item_key = parts[1], parts[2], parts[3]
        code = parts[4] if len(parts) > 4 else ""
        label = _TABLE_LABELS[f"summary.{statement}"]
        present = any(r.statement == statement for r in d.summary)
        for r in summary_rows(d, statement, side, item_key):
            if not code or r.code == code:
                value = getattr(r, column) if column else r.amount
                if value is None and column:
                    value = r.amount  # the fund column is not printed separately
                return Figure(value, r.source_ref, label, present)
        return Figure(None, "", label, present)
    rows = getattr(d, _RESOURCES[kind])
    label = _TABLE_LABELS[kind]
    if kind == "three_public":
        phase, item_key = parts[1], parts[2]
        present = bool(rows)
        for r in rows:
            if r.phase == phase and r.item_key == item_key:
                return Figure(r.amount, r.source_ref, label, present)
        return Figure(None, "", label, present)
    code = parts[1]
    row = by_code(rows, code)
    if row is None:
        return Figure(None, "", label, bool(rows))
    value = row.amount if kind == "economic" else getattr(row, parts[2])
    return Figure(value, row.source_ref, label, True)


def first(d: Disclosure, locators: list[str], param: str = "") -> Figure | None:
    """The first locator that gives a value; else the first whose table is present; None if no table is."""
    seen: Figure | None = None
    for loc in locators:
        fig = locate(d, loc, param)
        if fig.value is not None:
            return fig
        if fig.present and seen is None:
            seen = fig
    return seen
