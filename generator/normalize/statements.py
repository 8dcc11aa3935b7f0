"""Dispatch recognized statements to their parsers and collect the rows.

A statement whose parser rejects it (InputError/ValueError) is kept verbatim as
a RawTable and reported in Disclosure.problems: nothing is dropped silently.
Programming errors (TypeError, KeyError, ...) are not caught: they must surface.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..model import (
    BudgetExecutionRow,
    CheckResult,
    Disclosure,
    DisclosureMeta,
    EconomicRow,
    ExpenditureRow,
    Fact,
    FiscalBasicEconomicRow,
    FiscalExpenditureRow,
    GeneralBudgetRow,
    GovFundExpenditureRow,
    IncomeRow,
    IndicatorRow,
    InputError,
    Kind,
    OperatingCostRow,
    ProcurementRow,
    ProjectRow,
    RawTable,
    SpendingPlanRow,
    StateCapitalExpenditureRow,
    Statement,
    SummaryRow,
    ThreePublicRow,
)
from . import economic, functional, procurement, summary, summary_lines, three_public
from .numbers import is_amount

# Kind → parser. THREE_PUBLIC parsers also take the stage.
PARSERS: dict[Kind, Callable[..., Any]] = {
    Kind.SUMMARY: summary.parse_summary,
    Kind.FISCAL_SUMMARY: summary.parse_fiscal_summary,
    Kind.INCOME: functional.parse_income,
    Kind.EXPENDITURE: functional.parse_expenditure,
    Kind.GENERAL_BUDGET: functional.parse_general_budget,
    Kind.BASIC_ECONOMIC: economic.parse_basic_economic,
    Kind.THREE_PUBLIC: three_public.parse_three_public,
    Kind.PROCUREMENT: procurement.parse_procurement,
}
# Read from the whole document by generator.performance.extract_performance.
PERFORMANCE_KINDS = frozenset(
    {Kind.PROJECT_EXPENDITURE, Kind.PERFORMANCE_TARGETS, Kind.PERFORMANCE_SELF_EVAL}
)
# Tables that are normally empty ("本单位无…"): the note is itself a fact.
EMPTY_FACT_KINDS = {Kind.GOV_FUND: "gov_fund_empty", Kind.STATE_CAPITAL: "state_capital_empty"}

# Row type → Disclosure list attribute.
ROW_TARGETS: dict[type, str] = {
    SummaryRow: "summary",
    IncomeRow: "income_by_function",
    ExpenditureRow: "expenditure_by_function",
    GeneralBudgetRow: "general_budget_expenditure",
    EconomicRow: "basic_expenditure_economic",
    ThreePublicRow: "three_public",
    Fact: "facts",
    BudgetExecutionRow: "budget_execution",
    ProjectRow: "projects",
    IndicatorRow: "indicators",
    CheckResult: "checks",
    RawTable: "raw_tables",
    ProcurementRow: "procurement",
    SpendingPlanRow: "spending_plan",
    FiscalExpenditureRow: "fiscal_expenditure_by_function",
    GovFundExpenditureRow: "gov_fund_expenditure",
    StateCapitalExpenditureRow: "state_capital_expenditure",
    FiscalBasicEconomicRow: "fiscal_basic_expenditure_economic",
    OperatingCostRow: "operating_cost_economic",
}

# Statements laid out like a national one: read by that one's parser, published as their own resource.
SAME_LAYOUT: dict[Kind, tuple[Kind, type]] = {
    Kind.FISCAL_EXPENDITURE: (Kind.GENERAL_BUDGET, FiscalExpenditureRow),
    Kind.GOV_FUND: (Kind.GENERAL_BUDGET, GovFundExpenditureRow),
    Kind.STATE_CAPITAL: (Kind.GENERAL_BUDGET, StateCapitalExpenditureRow),
    Kind.FISCAL_BASIC_ECONOMIC: (Kind.BASIC_ECONOMIC, FiscalBasicEconomicRow),
    Kind.OPERATING_COST: (Kind.BASIC_ECONOMIC, OperatingCostRow),
}
# 决算 政府性基金 / 国有资本经营 tables print balances and income beside expenditure: another layout
_BALANCE_LAYOUT = re.compile(r"结转|结余|本年收入")


def add_rows(d: Disclosure, rows: Any) -> int:
    """Append rows of any published type to the matching Disclosure list; returns how many.

    Accepts a list of rows (mixed types allowed), a tuple/list of such lists, a dict of
    lists, a Disclosure, or a stage's result dataclass whose fields are such lists plus
    `problems` (list[str]) and `raw_lines` (list[list[Line]]: tables the stage did not
    understand, kept as RawTables), so stages may return whatever shape is natural to them.
    """
    if rows is None:
        return 0
    if dataclasses.is_dataclass(rows) and not isinstance(rows, type) and type(rows) not in ROW_TARGETS:
        return _add_result(d, rows)
    if isinstance(rows, Disclosure):
        n = 0
        for attr in set(ROW_TARGETS.values()):
            n += add_rows(d, getattr(rows, attr))
        d.problems.extend(rows.problems)
        return n
    if isinstance(rows, dict):
        return sum(add_rows(d, value) for value in rows.values())
    if isinstance(rows, (list, tuple)):
        return sum(add_rows(d, row) for row in rows)
    target = ROW_TARGETS.get(type(rows))
    if target is None:
        raise TypeError(f"a stage returned {type(rows).__name__}, which is not a published row type")
    getattr(d, target).append(rows)
    return 1


def _add_result(d: Disclosure, result: Any) -> int:
    n = 0
    problems: list[str] = list(getattr(result, "problems", []))
    for f in dataclasses.fields(result):
        value = getattr(result, f.name)
        if f.name == "problems":
            d.problems.extend(value)
        elif f.name == "raw_lines":
            for lines in value:
                if not lines:
                    continue
                ref = lines[0].ref
                # the stage's own problem about this table is the best reason
                told = next((p for p in problems if re.search(rf"\b{re.escape(ref)}\b", p)), None)
                reason = told or f"table not understood by {type(result).__module__}"
                if told is None:
                    d.problems.append(f"{ref}: {reason}, kept raw")
                title = lines[0].text.strip()[:60]
                d.raw_tables.append(RawTable(title, "other", reason, list(lines), ref))
                n += 1
        else:
            n += add_rows(d, value)
    return n


def raw_table(st: Statement, reason: str) -> RawTable:
    return RawTable(title=st.title, kind=st.kind.value, reason=reason, lines=list(st.lines), ref=st.ref)


def _has_numbers(st: Statement) -> bool:
    for line in st.lines:
        cells: Iterable[str] = line.cells if line.cells is not None else line.text.split()
        if any(is_amount(c) for c in cells):
            return True
    return False


def _empty_fact(topic_key: str, st: Statement) -> Fact:
    return Fact(
        topic_key=topic_key,
        label=st.title,
        value=None,
        unit="",
        quote=st.empty_note or "",
        source_ref=st.ref,
    )


# Parse order: 01 first (its income lines tell which 02/03 columns can hold money in
# plain-text exports), then 02/05 (their codes recover 03 codes printed as names only).
PARSE_ORDER = [
    Kind.SUMMARY, Kind.FISCAL_SUMMARY, Kind.INCOME, Kind.GENERAL_BUDGET, Kind.EXPENDITURE,
    Kind.BASIC_ECONOMIC, Kind.THREE_PUBLIC, Kind.PROCUREMENT,
]


def _parse_order(statements: list[Statement]) -> list[Statement]:
    rank = {kind: i for i, kind in enumerate(PARSE_ORDER)}
    return sorted(statements, key=lambda st: rank.get(st.kind, len(rank)))


def _parse_same_layout(st: Statement, d: Disclosure) -> list[Any]:
    base, row_type = SAME_LAYOUT[st.kind]
    head = " ".join(line.text for line in st.lines[:8])
    if base is Kind.GENERAL_BUDGET and _BALANCE_LAYOUT.search(head):
        raise InputError(f"{st.kind.value} table with balance columns (结转/本年收入): no parser for this layout")
    rows = _parse(dataclasses.replace(st, kind=base), d)
    return [row_type(**{f.name: getattr(r, f.name) for f in dataclasses.fields(r)}) for r in rows]


def _parse(st: Statement, d: Disclosure) -> Any:
    if st.kind in SAME_LAYOUT:
        return _parse_same_layout(st, d)
    parser = PARSERS[st.kind]
    if st.kind is Kind.THREE_PUBLIC:
        return parser(st, d.meta.stage)
    if st.kind is Kind.BASIC_ECONOMIC:
        return parser(st)
    if st.kind is Kind.PROCUREMENT:
        return parser(st, problems=d.problems)
    if st.kind in (Kind.SUMMARY, Kind.FISCAL_SUMMARY):
        return parser(st, problems=d.problems)
    hints = summary_lines
    overall = [r for r in d.summary if r.statement == "overall"]
    coded = d.income_by_function or d.general_budget_expenditure
    reference = [(r.code, r.name) for r in coded if r.code and r.code != "total"] or None
    if st.kind is Kind.INCOME:
        return parser(st, problems=d.problems, active_columns=hints.income_columns_from_summary(overall))
    if st.kind is Kind.EXPENDITURE:
        return parser(
            st, reference_rows=reference, problems=d.problems,
            active_columns=hints.expenditure_columns_from_summary(overall),
        )
    return parser(st, reference_rows=reference, problems=d.problems)


def _where(st: Statement) -> str:
    return f"{st.title} ({st.ref})"


def normalize(statements: list[Statement], meta: DisclosureMeta) -> Disclosure:
    """The rows of every parsable statement; the rest kept raw and reported."""
    d = Disclosure(meta=meta, statements=list(statements))
    for st in _parse_order(statements):
        if st.kind in PERFORMANCE_KINDS:
            continue
        if st.kind is Kind.OTHER:
            d.raw_tables.append(raw_table(st, "unclassified table"))
            d.problems.append(f"{_where(st)}: unclassified table kept raw")
            continue
        if st.kind in EMPTY_FACT_KINDS and (st.empty_note or not _has_numbers(st)):
            if st.empty_note:
                d.facts.append(_empty_fact(EMPTY_FACT_KINDS[st.kind], st))
            continue
        if st.kind not in PARSERS and st.kind not in SAME_LAYOUT:
            reason = f"no parser for {st.kind.value} statements"
            d.raw_tables.append(raw_table(st, reason))
            d.problems.append(f"{_where(st)}: {reason}")
            continue
        before = len(d.problems)
        try:
            rows = _parse(st, d)
        except (InputError, ValueError) as exc:
            d.raw_tables.append(raw_table(st, str(exc)))
            d.problems.append(f"{_where(st)}: {exc}")
            continue
        n = add_rows(d, rows)
        if n and len(d.problems) > before:
            # parsed only in part: the verbatim table stays available next to the rows
            d.raw_tables.append(raw_table(st, "parsed in part: " + "; ".join(d.problems[before:])))
        if n == 0:
            if st.empty_note:
                d.facts.append(_empty_fact(f"{st.kind.value}_empty", st))
            elif _has_numbers(st):
                reason = "the parser found no rows in a table with figures"
                d.raw_tables.append(raw_table(st, reason))
                d.problems.append(f"{_where(st)}: {reason}")
    return d


def kinds_present(d: Disclosure) -> set[Kind]:
    """The statement kinds for which the disclosure already has rows (for the prose fallback)."""
    have: set[Kind] = set()
    if any(r.statement == "overall" for r in d.summary):
        have.add(Kind.SUMMARY)
    if any(r.statement == "fiscal" for r in d.summary):
        have.add(Kind.FISCAL_SUMMARY)
    for kind, attr in (
        (Kind.INCOME, "income_by_function"),
        (Kind.EXPENDITURE, "expenditure_by_function"),
        (Kind.GENERAL_BUDGET, "general_budget_expenditure"),
        (Kind.BASIC_ECONOMIC, "basic_expenditure_economic"),
        (Kind.THREE_PUBLIC, "three_public"),
    ):
        if getattr(d, attr):
            have.add(kind)
    if any(f.topic_key == "gov_fund_empty" for f in d.facts):
        have.add(Kind.GOV_FUND)
    if any(f.topic_key == "state_capital_empty" for f in d.facts):
        have.add(Kind.STATE_CAPITAL)
    return have
