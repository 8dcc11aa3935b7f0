"""Checks between tables: the same quantity printed in two statements must agree."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..model import CheckResult, Disclosure
from .rows import ZERO, by_code, plus, row_keys, squash, summary_row, summary_rows, total_row
from .tolerance import TABLE_UNIT, at_least, compare, refs, skip

SCOPE = "cross-table"

_NUMBERING = re.compile(r"^[一二三四五六七八九十百]+、|^\d+[、.]")


def _class_name(name: str) -> str:
    """`八、社会保障和就业支出` and `社会保障和就业` both → `社会保障和就业`."""
    s = _NUMBERING.sub("", squash(name))
    return s[:-2] if s.endswith("支出") else s


def _match(row: Any, candidates: list[Any]) -> Any | None:
    """The row of another table with the same code, else the same level and name."""
    if row.code:
        hit = by_code(candidates, row.code)
        if hit is not None:
            return hit
    name = _class_name(row.name)
    level = getattr(row, "level", None)
    for c in candidates:
        if _class_name(c.name) == name and (level is None or getattr(c, "level", level) == level):
            return c
    return None


def _value(row: Any | None, attr: str = "amount") -> Decimal | None:
    return None if row is None else getattr(row, attr)


# ---------------------------------------------------------------- 01 vs 02 / 03


def summary_vs_income(d: Disclosure) -> list[CheckResult]:
    income = d.income_by_function
    overall = [r for r in d.summary if r.statement == "overall"]
    if not income or not overall:
        return []
    total = total_row(income)
    out = []
    sub = summary_row(d, "overall", "income", "income_subtotal")
    out.append(compare("X.T01-T02.income_subtotal",
                       "01表 本年收入合计 = 02表 合计行 本年收入合计 / 01 income subtotal = 02 total",
                       _value(sub), _value(total, "total"), TABLE_UNIT, SCOPE, refs(sub, total)))
    fiscal = [r for k in ("general_budget_appropriation", "gov_fund_appropriation", "state_capital_appropriation")
              for r in summary_rows(d, "overall", "income", k)]
    out.append(compare("X.T01-T02.fiscal_appropriation",
                       "01表 财政拨款收入(一般公共预算+政府性基金+国有资本经营) = 02表 合计行 财政拨款收入 / fiscal income",
                       plus(r.amount for r in fiscal) if fiscal else None, _value(total, "fiscal_appropriation"),
                       TABLE_UNIT, SCOPE, refs(*fiscal, total)))
    non_fiscal = (("upper_subsidy", "上级补助收入"), ("business_income", "事业收入"),
                  ("operating_income", "经营收入"), ("affiliated_income", "附属单位上缴收入"),
                  ("other_income", "其他收入"))
    parent = next((r for k in ("unit_funds", "other_funds") if (r := summary_row(d, "overall", "income", k))), None)
    if parent is not None and not any(summary_row(d, "overall", "income", k) for k, _ in non_fiscal):
        # 01 prints one line (单位资金 / 其他资金) for what 02 splits into columns
        columns = [_value(total, k) for k, _ in non_fiscal]
        out.append(compare(f"X.T01-T02.{parent.item_key}",
                           f"01表 {parent.name} = 02表 合计行 Σ(上级补助、事业、经营、附属单位上缴、其他收入)",
                           _value(parent), plus(columns), TABLE_UNIT, SCOPE, refs(parent, total)))
        return out
    for key, label in non_fiscal:
        line = summary_row(d, "overall", "income", key)
        column = _value(total, key)
        if not _value(line) and not column:
            continue  # both blank: nothing reported to compare
        out.append(compare(f"X.T01-T02.{key}", f"01表 {label} = 02表 合计行 {label}",
                           _value(line) if line is not None else ZERO, column, TABLE_UNIT, SCOPE,
                           refs(line, total)))
    return out


def summary_vs_expenditure(d: Disclosure) -> list[CheckResult]:
    exp = d.expenditure_by_function
    overall = [r for r in d.summary if r.statement == "overall"]
    if not exp or not overall:
        return []
    total = total_row(exp)
    out = []
    sub = summary_row(d, "overall", "expenditure", "expenditure_subtotal")
    out.append(compare("X.T01-T03.expenditure_subtotal",
                       "01表 本年支出合计 = 03表 合计行 本年支出合计 / 01 expenditure subtotal = 03 total",
                       _value(sub), _value(total, "total"), TABLE_UNIT, SCOPE, refs(sub, total)))
    out += _classes("X.T01-T03", "01表", "03表", summary_rows(d, "overall", "expenditure", "function_class"),
                    "amount", [r for r in exp if r.level == 1], "total")
    return out


def _classes(prefix: str, left_label: str, right_label: str, left: list[Any], left_attr: str,
             right: list[Any], right_attr: str) -> list[CheckResult]:
    """Each 类 printed in either table: the amounts must agree (a class not listed counts as 0)."""
    return _classes_values(prefix, left_label, right_label, [(r, _value(r, left_attr)) for r in left],
                           [(r, _value(r, right_attr)) for r in right])


# ---------------------------------------------------------------- 02 / 04 / 05 / 06 fiscal chain


def summary_vs_fiscal(d: Disclosure) -> list[CheckResult]:
    if not any(r.statement == "fiscal" for r in d.summary) or not any(r.statement == "overall" for r in d.summary):
        return []
    left = summary_row(d, "overall", "income", "general_budget_appropriation")
    right = summary_row(d, "fiscal", "income", "general_budget_appropriation")
    if left is None and right is None:
        return []
    return [compare("X.T01-T04.general_budget_appropriation",
                    "01表 一般公共预算财政拨款收入 = 04表 一般公共预算财政拨款收入 / general budget appropriation",
                    _value(left), _value(right), TABLE_UNIT, SCOPE, refs(left, right))]


def income_vs_fiscal(d: Disclosure) -> list[CheckResult]:
    if not d.income_by_function or not any(r.statement == "fiscal" for r in d.summary):
        return []
    total = total_row(d.income_by_function)
    sub = summary_row(d, "fiscal", "income", "income_subtotal")
    return [compare("X.T02-T04.fiscal",
                    "02表 合计行 财政拨款收入 = 04表 本年收入合计 / fiscal appropriation column = fiscal income subtotal",
                    _value(total, "fiscal_appropriation"), _value(sub), TABLE_UNIT, SCOPE, refs(total, sub))]


def _general_budget_part(row: Any | None) -> Decimal | None:
    """The 一般公共预算 column of a 04 line, or its amount when the column is not printed separately."""
    if row is None:
        return None
    return row.general_budget if row.general_budget is not None else row.amount


def fiscal_vs_general_budget(d: Disclosure) -> list[CheckResult]:
    gb = d.general_budget_expenditure
    if not gb or not any(r.statement == "fiscal" for r in d.summary):
        return []
    total = total_row(gb)
    sub = summary_row(d, "fiscal", "expenditure", "expenditure_subtotal")
    out = [compare("X.T04-T05.total",
                   "04表 本年支出合计(一般公共预算财政拨款) = 05表 合计 / general budget expenditure agrees",
                   _general_budget_part(sub), _value(total, "total"), TABLE_UNIT, SCOPE, refs(sub, total))]
    classes = summary_rows(d, "fiscal", "expenditure", "function_class")
    out += _classes_values("X.T04-T05", "04表(一般公共预算)", "05表",
                           [(r, _general_budget_part(r)) for r in classes],
                           [(r, r.total) for r in gb if r.level == 1])
    return out


def _classes_values(prefix: str, left_label: str, right_label: str, left: list[tuple[Any, Decimal | None]],
                    right: list[tuple[Any, Decimal | None]]) -> list[CheckResult]:
    """Like _classes, with the compared value given next to each row.

    When one side lists no 类 line at all (a table read from the narrative, or a table
    whose lines were not read), the classes cannot be compared: one skip line says so.
    """
    if not [r for r, v in left if v] or not right:
        if any(v for _, v in left) or any(v for _, v in right):
            return [skip(f"{prefix}.classes", f"{left_label} 或 {right_label} 未列出各类(类级)金额 / "
                         "one side lists no functional classes: classes not compared", SCOPE,
                         refs(*[r for r, _ in left][:1], *[r for r, _ in right][:1]))]
        return []
    out = []
    right_rows = [r for r, _ in right]
    right_value = {id(r): v for r, v in right}
    used: set[int] = set()
    for r, value in left:
        other = _match(r, right_rows)
        if other is not None:
            used.add(id(other))
        if other is None and not value:
            continue
        code = r.code or _class_name(r.name)
        out.append(compare(f"{prefix}.class.{code}",
                           f"{left_label} {_class_name(r.name)}(类) = {right_label} 同类合计 / class amount agrees",
                           value if value is not None else ZERO,
                           right_value[id(other)] if other is not None else ZERO, TABLE_UNIT, SCOPE,
                           refs(r, other) if other is not None else refs(r)))
    for other, value in right:
        if id(other) in used or not value:
            continue
        code = other.code or _class_name(other.name)
        out.append(compare(f"{prefix}.class.{code}",
                           f"{left_label} 未列出 {right_label} 的 {_class_name(other.name)}(类) / class missing on one side",
                           ZERO, value, TABLE_UNIT, SCOPE, refs(other)))
    return out


def general_budget_vs_economic(d: Disclosure) -> list[CheckResult]:
    gb, econ = d.general_budget_expenditure, d.basic_expenditure_economic
    if not gb or not econ:
        return []
    total = total_row(gb)
    grand = by_code(econ, "total")
    parts = [r for r in econ if r.code in ("total_personnel", "total_public")]
    if grand is not None:
        value, used = grand.amount, [grand]
    elif parts:
        value, used = plus(r.amount for r in parts), parts
    else:  # no printed totals: add up the top lines
        top = [r for r in econ if len(r.code) == 3] or [r for r in econ if len(r.code) == 5]
        value, used = plus(r.amount for r in top), top
    return [compare("X.T05-T06.basic",
                    "05表 合计行 基本支出 = 06表 基本支出合计(人员经费+公用经费) / basic expenditure agrees",
                    _value(total, "basic"), value, TABLE_UNIT, SCOPE, refs(total, *used))]


def expenditure_vs_general_budget(d: Disclosure) -> list[CheckResult]:
    """03 (all funds) ≥ 05 (general budget only) on every row and column."""
    exp, gb = d.expenditure_by_function, d.general_budget_expenditure
    if not exp or not gb:
        return []
    out = []
    lines = [e for e in exp if e.code != "total"]
    if not lines and any(r.code != "total" for r in gb):
        out.append(skip("X.T03-T05.rows", "03表 未列出分科目行 / 03 lists no lines: only the totals are compared",
                        SCOPE, refs(*exp[:1])))
    for key, r in zip(row_keys(gb), gb, strict=True):
        if r.code != "total" and not lines:
            continue
        other = total_row(exp) if r.code == "total" else _match(r, lines)
        columns = ("total", "basic", "project") if r.code == "total" else ("total",)
        for column in columns:
            lower = getattr(r, column)
            if other is None:
                if lower:
                    out.append(skip(f"X.T03-T05.row.{key}.{column}",
                                    f"03表 无与05表 {r.name} 对应的行 / no matching 03 row for 05 {r.name}",
                                    SCOPE, refs(r), expected=lower))
                continue
            value = getattr(other, column)
            if value is None and lower is None:
                continue
            out.append(at_least(
                f"X.T03-T05.row.{key}.{column}",
                f"03表 {r.name} {column} ≥ 05表 同行 (03含全部资金, 05仅一般公共预算) / all funds ≥ general budget",
                lower if lower is not None else ZERO, value, TABLE_UNIT, SCOPE, refs(r, other)))
    return out


# 06 economic line ↔ 三公 item. 06 covers basic spending only while 三公 also counts project
# spending, so the valid relation is 三公 ≥ 06 line (equality is not required).
_THREE_PUBLIC_LINES = (
    ("30217", "reception", "公务接待费"),
    ("30231", "vehicle_operation", "公务用车运行维护费"),
    ("30212", "overseas", "因公出国(境)费"),
    ("31013", "vehicle_purchase", "公务用车购置"),
)


def economic_vs_three_public(d: Disclosure) -> list[CheckResult]:
    econ, tp = d.basic_expenditure_economic, d.three_public
    if not econ or not tp:
        return []
    phase = "final" if d.meta.stage == "final" else "budget"
    items = {r.item_key: r for r in tp if r.phase == phase}
    if not items:
        return []
    out = []
    for code, key, label in _THREE_PUBLIC_LINES:
        line, item = by_code(econ, code), items.get(key)
        if line is None or not line.amount:
            continue  # nothing spent on this line from basic expenditure: the relation holds trivially
        if item is None:
            out.append(skip(f"X.T06-T09.{key}", f"09表 未列 {label} / 三公 item not printed", SCOPE, refs(line),
                            expected=line.amount))
            continue
        out.append(at_least(
            f"X.T06-T09.{key}",
            f"09表 {label}({'决算' if phase == 'final' else '预算'}) ≥ 06表 {code} {label}: 06表仅含基本支出, "
            f"三公还含项目支出 / 06 is basic spending only, so 三公 ≥ 06 line",
            line.amount, item.amount, TABLE_UNIT, SCOPE, refs(line, item)))
    return out


CHECKS = [summary_vs_income, summary_vs_expenditure, summary_vs_fiscal, income_vs_fiscal, fiscal_vs_general_budget,
          general_budget_vs_economic, expenditure_vs_general_budget, economic_vs_three_public]
