"""02/03 tables that print only the 合计 line, laid out by fund source (Jiangsu 预算 templates).

- 收入预算总表 (Jiangsu 公开02表): a vertical list `fund | part | 金额` (一般公共预算资金 / 小计,
  其他资金 / 事业收入, 上年结转和结余资金 / 小计 …), no functional codes.
- 支出预算总表 (Jiangsu 公开03表): one header row (合计 | 基本支出 | 项目支出 | …) over one row of
  amounts, whose cells Word exports shift against the header: each amount goes to the nearest title.

Both become the total row (code "total") of income_by_function / expenditure_by_function.
Lines with no published column are reported, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import yaml

from ..model import Line, Statement
from .numbers import is_amount, is_blank, nfkc, parse_amount, to_wan
from .rows import clean_name, has_cjk

_EXPENDITURE_TITLES: tuple[tuple[str, str], ...] = (
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("上缴上级", "upper_payment"),
    ("经营支出", "operating"),
    ("附属单位", "affiliated_subsidy"),
    ("预留机动", "reserve"),
    ("合计", "total"),
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", nfkc(text))


def _amount(cell: str, unit: str) -> Decimal:
    value = to_wan(parse_amount(cell), unit)
    assert value is not None
    return value


@lru_cache(maxsize=1)
def _income_lines() -> list[dict]:
    text = resources.files("generator.reference").joinpath("income_fund_lines.yaml").read_text("utf-8")
    return list(yaml.safe_load(text)["lines"])


def _income_rule(fund: str, part: str) -> dict | None:
    return next((r for r in _income_lines() if re.search(r["fund"], fund) and re.search(r["part"], part)), None)


@dataclass
class _FundLine:
    fund: str
    part: str
    value: Decimal
    printed: bool
    rule: dict
    ref: str


def _fund_lines(st: Statement, problems: list[str]) -> list[_FundLine]:
    out: list[_FundLine] = []
    fund = ""
    for line in st.lines:
        if line.cells is None:
            continue
        words = [(i, _squash(clean_name(c))) for i, c in enumerate(line.cells) if has_cjk(c)]
        amounts = [c for c in line.cells if not is_blank(c) and is_amount(nfkc(c).strip())]
        if not words or words[0][1] == "项目名称":
            continue
        if words[0][0] == 0 or len(words) == 2:
            fund = words[0][1]
        part = words[-1][1] if len(words) == 2 or words[0][0] > 0 else ""
        rule = _income_rule(fund, part)
        if rule is None:
            if amounts:
                problems.append(f"{line.ref}: {fund} {part} {amounts[-1]} has no published column (a part of {fund})")
            continue
        if len(amounts) > 1:
            problems.append(f"{line.ref}: {fund} {part} has {len(amounts)} amounts {amounts}; the last is used")
        value = _amount(amounts[-1], st.unit) if amounts else Decimal("0")
        out.append(_FundLine(fund, part, value, bool(amounts), rule, line.ref))
    return out


def _check_breakdowns(lines: list[_FundLine], problems: list[str]) -> None:
    """Breakdown lines add up to the line they break down; a split over several parts is reported."""
    funds = dict.fromkeys(ln.fund for ln in lines)
    for fund in funds:
        own = [ln for ln in lines if ln.fund == fund]
        details = [ln for ln in own if ln.rule.get("detail")]
        whole = next((ln for ln in own if ln.rule.get("subtotal") or (ln.part == "小计" and ln.rule.get("field"))), None)
        if whole is None:
            continue
        parts = [ln for ln in own if ln is not whole and (ln.rule.get("field") or ln.rule.get("detail"))]
        if whole.rule.get("field"):
            parts = details
        if not any(p.value for p in parts):
            continue
        if sum(p.value for p in parts) != whole.value:
            problems.append(
                f"{whole.ref}: {fund} 小计 {whole.value} is not the sum of its parts "
                f"({' + '.join(f'{p.part} {p.value}' for p in parts)})"
            )
        nonzero = [p for p in details if p.value]
        if len(nonzero) > 1:
            problems.append(
                f"{whole.ref}: {fund} is split into {', '.join(f'{p.part} {p.value}' for p in nonzero)}, "
                "which income_by_function has no columns for"
            )


def vertical_income(st: Statement, problems: list[str]) -> tuple[dict[str, Decimal], str] | None:
    """Fields of the total row from a vertical fund list, and its source line; None if not that layout."""
    cell_lines = [ln for ln in st.lines if ln.cells is not None]
    if not any(_squash(c) == "收入总计" for ln in cell_lines for c in ln.cells or ()):
        return None
    lines = _fund_lines(st, problems)
    _check_breakdowns(lines, problems)
    found: dict[str, list[Decimal]] = {}
    for ln in lines:
        if ln.rule.get("field"):
            found.setdefault(ln.rule["field"], []).append(ln.value)
    ref = next((ln.ref for ln in lines if ln.rule.get("field") == "total"), "")
    out: dict[str, Decimal] = {}
    for field, values in found.items():
        printed = [v for v in values if v]
        if len(printed) > 1:
            problems.append(f"{st.title}: {field} is printed as {len(printed)} separate amounts; left empty, not added up")
            continue
        out[field] = printed[0] if printed else Decimal("0")
    return out, ref


def horizontal_expenditure(st: Statement, problems: list[str]) -> tuple[dict[str, Decimal], str] | None:
    """Fields of the total row from one title row over one amount row; None if not that layout."""
    lines = [ln for ln in st.lines if ln.cells is not None]
    for n, line in enumerate(lines[:-1]):
        assert line.cells is not None
        titles = {i: _squash(c) for i, c in enumerate(line.cells) if _squash(c)}
        if "合计" not in titles.values() or not any("基本支出" == t for t in titles.values()):
            continue
        values: Line = lines[n + 1]
        assert values.cells is not None
        cells = {i: nfkc(c).strip() for i, c in enumerate(values.cells) if not is_blank(c)}
        if not cells or not all(is_amount(c) for c in cells.values()):
            return None
        out: dict[str, Decimal] = {}
        for i, cell in cells.items():
            title = titles[min(titles, key=lambda t: (abs(t - i), t))]
            field = next((f for word, f in _EXPENDITURE_TITLES if word in title), None)
            if field is None or field in out:
                problems.append(f"{values.ref}: {title} {cell} has no published column of expenditure_by_function")
                continue
            out[field] = _amount(cell, st.unit)
        for title in titles.values():
            field = next((f for word, f in _EXPENDITURE_TITLES if word in title), None)
            if field is not None:
                out.setdefault(field, Decimal("0"))
        return out, values.ref
    return None
