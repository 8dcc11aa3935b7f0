"""Lines of a 收支总表 (01 / 04): the label vocabulary, and published rows from entries.

An entry is a label with its line number and printed amounts, as the layout readers
(cells, plain text, a table run into one line) find them; `summary_rows` turns entries
into SummaryRow by the vocabulary in reference/summary_items.yaml.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..model import Statement, SummaryRow
from .codes import lookup_function_name, normalize_name
from .numbers import is_blank
from .refs import ZERO, cell_amount, location, squash, table_ref


@lru_cache(maxsize=1)
def _summary_rules() -> dict[str, list[dict]]:
    text = resources.files("generator.reference").joinpath("summary_items.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def summary_key(label: str, side: str, previous: str | None = None) -> tuple[str, str] | None:
    """(item_key, code) of a 收支总表 label on `side`, or None if unknown."""
    s = normalize_name(label)
    if not s:
        return None
    raw = squash(label)
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
class SummaryEntry:
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
    # cells: the role of each amount column (amount, a fund, a purpose), when the header names them
    roles: tuple[str, ...] = ()


FUND_FIELDS = ("general_budget", "gov_fund", "state_capital")
# columns splitting an expenditure line by purpose (基本支出 人员经费 / 公用经费, 项目支出)
PURPOSE_FIELDS = ("personnel", "public", "project")


def is_lineno(tok: str) -> bool:
    return tok.isdigit() and len(tok) <= 2


def known_label(label: str) -> bool:
    return summary_key(label, "income") is not None or summary_key(label, "expenditure") is not None


def summary_rows(st: Statement, statement: str, entries: list[SummaryEntry], funds: bool, problems: list[str]) -> list[SummaryRow]:
    out: list[SummaryRow] = []
    previous: dict[str, str | None] = {"income": None, "expenditure": None}
    income_funds: set[str] = set()
    pending_fund_rows: list[tuple[SummaryRow, SummaryEntry]] = []
    for e in entries:
        where = location(st, e.ref)
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
        row = SummaryRow(statement, side, key, code, e.label, None, f"{table_ref(st)}:{e.ref}")
        if any(r in PURPOSE_FIELDS for r in e.roles):
            for role, cell in zip(e.roles, e.amounts, strict=True):
                if role in PURPOSE_FIELDS:
                    setattr(row, role, cell_amount(cell, st.unit, where))
            e = dataclasses.replace(e, amounts=[a for r, a in zip(e.roles, e.amounts, strict=True) if r not in PURPOSE_FIELDS])
        split = funds and side == "expenditure"
        if not split:
            printed = [a for a in e.amounts if not is_blank(a)] if not e.positional else e.amounts[:1]
            if len(printed) > 1:
                problems.append(f"{where}: {e.label!r} has {len(printed)} amounts {printed}; the first is used")
            row.amount = cell_amount(printed[0] if printed else "", st.unit, where)
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


def _place_funds(row: SummaryRow, e: SummaryEntry, income_funds: set[str], st: Statement, problems: list[str]) -> None:
    """04 expenditure lines: 合计 and the split by fund (一般公共预算 / 政府性基金 / 国有资本经营)."""
    where = location(st, e.ref)
    if e.positional:
        cells = (e.amounts + [""] * 4)[:4]
        values = [cell_amount(c, st.unit, where) for c in cells]
    else:
        amounts = [cell_amount(a, st.unit, where) for a in e.amounts]
        if not amounts:
            values = [ZERO] * 4
        elif len(amounts) == 4:
            values = amounts
        else:
            # blank cells vanished: a fund column can only hold money if that fund has income
            active = [i + 1 for i, f in enumerate(FUND_FIELDS) if f in income_funds]
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
FISCAL_INCOME = {"general_budget_appropriation", "gov_fund_appropriation", "state_capital_appropriation"}


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
    if not any(k in keyed for k in FISCAL_INCOME) or any(v is None for v in keyed.values()):
        return None
    non_fiscal = [k for k, v in keyed.items() if v and k in _INCOME_COLUMN_OF and k not in FISCAL_INCOME]
    if non_fiscal or keyed.get("non_fiscal_balance_used"):
        return None
    return {"total", "basic", "project"}
