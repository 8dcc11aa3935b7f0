"""Checks inside one table: lines add up to their totals, rows to their columns."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..model import CheckResult, Disclosure, Kind, Status, SummaryRow
from .figures import rules
from .rows import (
    TABLES,
    ZERO,
    children,
    has_table,
    plus,
    row_keys,
    strip_suffix,
    summary_row,
    summary_rows,
    table_rows,
    total_row,
)
from .tolerance import TABLE_UNIT, compare, refs, skip, sum_tolerance, table_unit

SCOPE = "table"

# summary income lines that make up 本年收入合计 (data-model item keys)
_FISCAL_INCOME = ("general_budget_appropriation", "gov_fund_appropriation", "state_capital_appropriation")
_OTHER_INCOME = ("special_account_income",)
# 单位资金 (budget templates) is the parent of these; used when it is not printed itself
_UNIT_FUNDS_PARENTS = ("unit_funds", "other_funds")
_UNIT_FUNDS_PARTS = ("upper_subsidy", "business_income", "operating_income", "affiliated_income", "other_income")

# where a table's figures are located (generator/check/figures.py locators)
_TABLE_PREFIX = {
    "T01": "summary.overall.", "T02": "income.", "T03": "expenditure.", "T04": "summary.fiscal.",
    "T05": "general_budget.", "T06": "economic.", "T09": "three_public.",
}

_KIND_OF_TABLE = {
    "T01": Kind.SUMMARY, "T02": Kind.INCOME, "T03": Kind.EXPENDITURE, "T04": Kind.FISCAL_SUMMARY,
    "T05": Kind.GENERAL_BUDGET, "T06": Kind.BASIC_ECONOMIC, "T09": Kind.THREE_PUBLIC,
}


def _sum_check(check_id: str, description: str, total: Any, total_value: Decimal | None,
               parts: Sequence[Decimal | None], part_rows: Sequence[Any]) -> CheckResult:
    """total (as printed) vs Σ parts: expected = Σ parts, actual = printed total.

    A blank cell is 0 in the rows; None means "not reported": then the check is a skip
    (expected is None unless every part is known).
    """
    ref = refs(total, *part_rows)
    if not parts or any(p is None for p in parts):
        return skip(check_id, description + " — 有数未列出 / a figure is not reported", SCOPE, ref,
                    expected=None, actual=total_value)
    expected = plus(parts)
    unit = table_unit(total_value, *parts)
    return compare(check_id, description, expected, total_value, sum_tolerance(list(parts), unit), SCOPE, ref)


# ---------------------------------------------------------------- presence


def _listed_in_contents(d: Disclosure) -> set[str]:
    """Statement kinds the table of contents (目录) lists (facts toc_statement:<kind>)."""
    keys = (strip_suffix(f.topic_key) for f in d.facts)
    return {k.split(":", 1)[1] for k in keys if k.startswith("toc_statement:")}


def _stated_figures(d: Disclosure, prefix: str) -> list[Any]:
    """Narrative amounts of this year that restate a figure of the table at `prefix`."""
    topics: dict[str, list[str]] = rules()["topics"]
    out = []
    for f in d.facts:
        if f.value is None or f.unit != "万元" or f.year not in (None, d.meta.year):
            continue
        locators = topics.get(strip_suffix(f.topic_key).split(":", 1)[0], [])
        if any(loc.startswith(prefix) for loc in locators):
            out.append(f)
    return out


def table_presence(d: Disclosure) -> list[CheckResult]:
    """One line per standard table without rows, so users see what could not be checked.

    A skip, except when the source is at fault: the table of contents lists the table but
    the document lacks it, or the table is printed without any figure while the narrative
    states figures it should show (fail)."""
    out = []
    listed = _listed_in_contents(d)
    elsewhere = [f for f in d.facts if strip_suffix(f.topic_key) == "tables_elsewhere"]
    for table, (_, label) in TABLES.items():
        if has_table(d, table):
            continue
        kind = _KIND_OF_TABLE[table]
        statements = [s for s in d.statements if s.kind == kind]
        raw = [r for r in d.raw_tables if r.kind == kind.value]
        ref = statements[0].ref if statements else raw[0].ref if raw else ""
        check_id = f"{table}.absent"
        if statements and statements[0].empty_note:
            why = f"表内无数据（{statements[0].empty_note}）/ empty table"
        elif statements or raw:
            stated = _stated_figures(d, _TABLE_PREFIX[table])
            if stated:
                out.append(CheckResult(
                    check_id,
                    f"{table} {label}: 表已列出但无数字行, 而说明列有该表数字（{stated[0].label} {stated[0].value}万元）"
                    " / the table prints no figures while the narrative states them",
                    None, None, None, Status.FAIL, SCOPE, None, " ".join(x for x in (ref, stated[0].source_ref) if x)))
                continue
            why = "表已识别但未能解析出数据行 / recognized but no rows parsed"
        elif kind.value in listed and elsewhere:
            why = f"目录列出此表, 文中注明另附（{elsewhere[0].label}）/ listed, published in another file"
        elif kind.value in listed:
            toc = next(f for f in d.facts if strip_suffix(f.topic_key) == f"toc_statement:{kind.value}")
            out.append(CheckResult(
                check_id, f"{table} {label}: 目录列出“{toc.label}”, 但文中未见此表 / listed in the table of contents "
                "but absent from the document", None, None, None, Status.FAIL, SCOPE, None, toc.source_ref))
            continue
        else:
            why = "本公开未含此表 / table not in this disclosure"
        out.append(skip(check_id, f"{table} {label}: {why}; 该表的核对未执行 / its checks not run", SCOPE, ref))
    return out


# ---------------------------------------------------------------- 01 / 04 summaries


def _summary_checks(d: Disclosure, statement: str, table: str) -> list[CheckResult]:
    rows = [r for r in d.summary if r.statement == statement]
    if not rows:
        return []
    out: list[CheckResult] = []

    def get(side: str, key: str) -> Any | None:
        return summary_row(d, statement, side, key)

    def amount(row: Any | None) -> Decimal | None:
        return None if row is None else row.amount

    # income lines → 本年收入合计
    subtotal = get("income", "income_subtotal")
    part_keys = list(_FISCAL_INCOME) + list(_OTHER_INCOME)
    # 单位资金 (budget templates) / 其他资金 (Jiangsu): the parent of the non-fiscal income lines
    parent = next((r for k in _UNIT_FUNDS_PARENTS if (r := get("income", k)) is not None and r.amount), None)
    if parent is not None:
        part_keys.append(parent.item_key)
    else:
        part_keys += list(_UNIT_FUNDS_PARTS)
    parts = [r for k in part_keys for r in summary_rows(d, statement, "income", k)]
    if subtotal is not None or parts:
        out.append(_sum_check(
            f"{table}.income_subtotal",
            f"{table}表 本年收入合计 = Σ 各项收入 / income subtotal = sum of income lines ({len(parts)} lines)",
            subtotal, amount(subtotal), [r.amount for r in parts], parts))

    # functional class lines → 本年支出合计
    exp_subtotal = get("expenditure", "expenditure_subtotal")
    classes = summary_rows(d, statement, "expenditure", "function_class")
    if exp_subtotal is not None or classes:
        out.append(_sum_check(
            f"{table}.expenditure_subtotal",
            f"{table}表 本年支出合计 = Σ 功能分类各类支出 / expenditure subtotal = sum of functional classes "
            f"({len(classes)} lines)",
            exp_subtotal, amount(exp_subtotal), [r.amount for r in classes], classes))

    # 总计 = 合计 + 结转 (both sides); balance lines not printed in a template count as 0
    for side, sub, extras, total_key, label in (
        ("income", "income_subtotal", ("non_fiscal_balance_used", "opening_balance"), "income_total",
         "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 / income total = subtotal + balances"),
        ("expenditure", "expenditure_subtotal", ("surplus_distribution", "closing_balance"), "expenditure_total",
         "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余 / expenditure total = subtotal + balances"),
    ):
        total = get(side, total_key)
        sub_row = get(side, sub)
        if total is None and sub_row is None:
            continue
        # 使用非财政拨款结余 / 结余分配 exist only in 决算 templates (absent = not in the template);
        # the 结转和结余 line is in every template, so its absence means "not reported"
        optional, required = extras
        balance = _balance_rows(d, statement, side, required)
        extra_rows = summary_rows(d, statement, side, optional) + balance
        values: list[Decimal | None] = [amount(sub_row)] + [r.amount for r in extra_rows]
        if not balance:
            values.append(None)
        out.append(_sum_check(f"{table}.{total_key}", f"{table}表 {label}", total, amount(total), values,
                              [r for r in (sub_row, *extra_rows) if r is not None]))

    inc_total, exp_total = get("income", "income_total"), get("expenditure", "expenditure_total")
    if inc_total is not None or exp_total is not None:
        out.append(compare(
            f"{table}.balance", f"{table}表 收入总计 = 支出总计 / income total = expenditure total",
            amount(inc_total), amount(exp_total), TABLE_UNIT, SCOPE, refs(inc_total, exp_total)))

    # 04: each expenditure line = 一般公共预算 + 政府性基金 + 国有资本经营 columns
    if statement == "fiscal":
        lines = [r for r in rows if r.side == "expenditure"
                 and r.item_key in ("function_class", "expenditure_subtotal", "expenditure_total")]
        split_rows = [r for r in lines if any(v is not None for v in (r.general_budget, r.gov_fund, r.state_capital))]
        if lines and not split_rows:
            out.append(skip(f"{table}.fund_columns", f"{table}表 分资金来源列(一般公共预算/政府性基金/国有资本经营)"
                            "未列出或未读出 / fund columns not reported", SCOPE, refs(*lines[:1])))
        for r in split_rows:
            key = r.code if r.item_key == "function_class" else r.item_key
            out.append(_sum_check(
                f"{table}.row.{key}.total=general_budget+gov_fund+state_capital",
                f"{table}表 {r.name} 合计 = 一般公共预算 + 政府性基金 + 国有资本经营 / line total = fund columns",
                r, r.amount, [v if v is not None else ZERO for v in (r.general_budget, r.gov_fund, r.state_capital)],
                []))
    # unit budgets: each expenditure line = 基本支出 人员经费 + 公用经费 + 项目支出
    for r in rows:
        purpose = (r.personnel, r.public, r.project)
        if r.side == "expenditure" and any(v is not None for v in purpose):
            key = r.code if r.item_key == "function_class" else r.item_key
            out.append(_sum_check(
                f"{table}.row.{key}.total=personnel+public+project",
                f"{table}表 {r.name} 合计 = 人员经费 + 公用经费 + 项目支出 / line total = purpose columns",
                r, r.amount, [v if v is not None else ZERO for v in purpose], []))
    return out


def _balance_rows(d: Disclosure, statement: str, side: str, key: str) -> list[SummaryRow]:
    """The 结转和结余 line, or its sub-lines by fund (04表) when the line itself is left blank."""
    parent = summary_rows(d, statement, side, key)
    subs = [r for r in d.summary if r.statement == statement and r.side == side and r.item_key.startswith(key + "_")]
    if subs and not any(r.amount for r in parent):
        return subs
    return parent


def summary_overall(d: Disclosure) -> list[CheckResult]:
    return _summary_checks(d, "overall", "T01")


def summary_fiscal(d: Disclosure) -> list[CheckResult]:
    return _summary_checks(d, "fiscal", "T04")


# ---------------------------------------------------------------- 02 / 03 / 05 functional tables

# value columns that add up to the row's 合计 (本年收入 columns + 上年结转 for 02)
_INCOME_COLUMNS = ("fiscal_appropriation", "special_account_income", "upper_subsidy", "business_income",
                   "operating_income", "affiliated_income", "other_income", "carryover")
_EXPENDITURE_COLUMNS = ("basic", "project", "upper_payment", "operating", "affiliated_subsidy", "reserve")
_GENERAL_BUDGET_COLUMNS = ("basic", "project")

_COLUMN_LABELS = {
    "total": "合计", "fiscal_appropriation": "财政拨款", "upper_subsidy": "上级补助", "business_income": "事业收入",
    "operating_income": "经营收入", "affiliated_income": "附属单位上缴", "other_income": "其他收入",
    "carryover": "上年结转", "income_subtotal": "本年收入小计", "special_account_income": "财政专户",
    "basic": "基本支出", "project": "项目支出", "upper_payment": "上缴上级", "operating": "经营支出",
    "affiliated_subsidy": "对附属单位补助", "reserve": "单位预留机动经费",
}


# columns every template of the table prints: None there means "not reported", never "no such column"
_REQUIRED_COLUMNS = {"fiscal_appropriation", "basic", "project"}


def _printed_columns(rows: Sequence[Any], columns: Sequence[str]) -> list[str]:
    """Columns the table prints: an optional column None on every row is not in this template."""
    return [c for c in columns if c in _REQUIRED_COLUMNS or any(getattr(r, c, None) is not None for r in rows)]


def _row_rules(rows: Sequence[Any], columns: Sequence[str], rule: str) -> list[tuple[str, str, list[str]]]:
    """(rule name, total column, part columns) for the row checks of a table."""
    printed = _printed_columns(rows, columns)
    if "income_subtotal" in _printed_columns(rows, ("income_subtotal",)):
        # budget 收入总表: 合计 = 本年收入小计 + 上年结转, 小计 = Σ 本年收入 columns
        current = [c for c in printed if c != "carryover"]
        out = [("subtotal=sum_of_columns", "income_subtotal", current)]
        out.append(("total=subtotal+carryover", "total", ["income_subtotal"] + [c for c in printed if c == "carryover"]))
        return out
    return [(rule, "total", printed)]


def _functional_checks(rows: list[Any], table: str, columns: tuple[str, ...], row_rule: str) -> list[CheckResult]:
    if not rows:
        return []
    out: list[CheckResult] = []
    keys = row_keys(rows)
    rules = _row_rules(rows, columns, row_rule)

    # per row: 合计 = Σ columns; when no row can be checked, one skip line instead of one per row
    row_checks: list[CheckResult] = []
    if any(parts for _, _, parts in rules):
        for key, r in zip(keys, rows, strict=True):
            for name, total_column, part_columns in rules:
                parts = [getattr(r, c) for c in part_columns]
                printed = getattr(r, total_column)
                if printed is None and all(p is None for p in parts):
                    continue  # a heading line without figures
                labels = "+".join(_COLUMN_LABELS[c] for c in part_columns)
                row_checks.append(_sum_check(
                    f"{table}.row.{key}.{name}",
                    f"{table}表 {r.name}: {_COLUMN_LABELS[total_column]} = {labels} / row total = sum of its columns",
                    r, printed, parts, []))

    if row_checks and all(c.status is Status.SKIP for c in row_checks) or not any(parts for _, _, parts in rules):
        out.append(skip(f"{table}.columns", f"{table}表 分列金额未列出或未读出 / column figures not reported: "
                        "每行 合计 = Σ各列 未核对 / row checks not run", SCOPE, refs(*rows[:1])))
    else:
        out += row_checks

    # hierarchy per column: 合计 = Σ类, 类 = Σ款, 款 = Σ项 (in table order, codes not required)
    body = [r for r in rows if r.code != "total"]
    body_keys = [k for k, r in zip(keys, rows, strict=True) if r.code != "total"]
    total = total_row(rows)
    groups: list[tuple[str, Any, list[Any]]] = []
    if total is not None and any(r.level == 1 for r in body):
        groups.append(("total", total, [r for r in body if r.level == 1]))
    for i, (key, r) in enumerate(zip(body_keys, body, strict=True)):
        if r.level in (1, 2):
            kids = children(body, i)
            if kids:
                groups.append((key, r, kids))
    level_name = {0: "合计", 1: "类", 2: "款"}
    child_name = {0: "Σ类", 1: "Σ款", 2: "Σ项"}
    hierarchy_columns = ["total", *_printed_columns(rows, ("income_subtotal",)), *_printed_columns(rows, columns)]
    for key, parent, kids in groups:
        for column in hierarchy_columns:
            values = [getattr(k, column) for k in kids]
            printed = getattr(parent, column)
            if printed is None and all(v is None for v in values):
                continue
            if not printed and not any(values) and None not in values:
                continue  # an empty column: nothing to add up
            scope_name = "total" if key == "total" else f"{'class' if parent.level == 1 else 'kuan'}.{key}"
            out.append(_sum_check(
                f"{table}.{scope_name}.{column}",
                f"{table}表 {parent.name}({level_name[parent.level]}) {_COLUMN_LABELS[column]} = "
                f"{child_name[parent.level]} / parent = sum of its children",
                parent, printed, values, kids))
    return out


def income_table(d: Disclosure) -> list[CheckResult]:
    return _functional_checks(d.income_by_function, "T02", _INCOME_COLUMNS, "total=sum_of_columns")


def expenditure_table(d: Disclosure) -> list[CheckResult]:
    return _functional_checks(d.expenditure_by_function, "T03", _EXPENDITURE_COLUMNS, "total=basic+project")


def general_budget_table(d: Disclosure) -> list[CheckResult]:
    return _functional_checks(d.general_budget_expenditure, "T05", _GENERAL_BUDGET_COLUMNS, "total=basic+project")


# ---------------------------------------------------------------- 06 economic classification


def economic_table(d: Disclosure) -> list[CheckResult]:
    rows = d.basic_expenditure_economic
    if not rows:
        return []
    out: list[CheckResult] = []
    lines = [r for r in rows if not r.code.startswith("total")]
    classes = [r for r in lines if len(r.code) == 3]
    items = [r for r in lines if len(r.code) == 5]
    top = classes or items  # some tables print only 款 lines

    for category, key, label in (("personnel", "total_personnel", "人员经费合计 = Σ 301 工资福利 + 303 对个人和家庭补助"),
                                 ("public", "total_public", "公用经费合计 = Σ 302 商品和服务 + 310 资本性 (+307, 399)")):
        printed = next((r for r in rows if r.code == key), None)
        parts = [r for r in top if r.category == category]
        if printed is None and not parts:
            continue
        if printed is None:
            out.append(skip(f"T06.{category}", f"T06表 {label}: 合计行未列出 / total line not printed", SCOPE,
                            refs(*parts), expected=plus(r.amount for r in parts)))
            continue
        out.append(_sum_check(f"T06.{category}", f"T06表 {label} / {category} total = sum of its lines",
                              printed, printed.amount, [r.amount for r in parts], parts))

    grand = next((r for r in rows if r.code == "total"), None)
    pers = next((r for r in rows if r.code == "total_personnel"), None)
    pub = next((r for r in rows if r.code == "total_public"), None)
    if grand is not None:
        if pers is not None or pub is not None:
            parts_rows = [r for r in (pers, pub) if r is not None]
            out.append(_sum_check("T06.total", "T06表 合计 = 人员经费 + 公用经费 / total = personnel + public",
                                  grand, grand.amount, [r.amount for r in parts_rows], parts_rows))
        else:
            out.append(_sum_check("T06.total", "T06表 合计 = Σ 各类 / total = sum of classes",
                                  grand, grand.amount, [r.amount for r in top], top))

    for c in classes:
        kids = [r for r in items if r.code.startswith(c.code)]
        if not kids and not c.amount:
            continue
        out.append(_sum_check(f"T06.class.{c.code}", f"T06表 {c.code} {c.name}(类) = Σ 款 / class = sum of its items",
                              c, c.amount, [k.amount for k in kids], kids))
    return out


# ---------------------------------------------------------------- 09 三公


def three_public_table(d: Disclosure) -> list[CheckResult]:
    out: list[CheckResult] = []
    for phase in ("budget", "final"):
        rows = {r.item_key: r for r in d.three_public if r.phase == phase}
        if not rows:
            continue
        label = "预算数" if phase == "budget" else "决算数"

        def val(key: str, rows: dict[str, Any] = rows) -> Decimal | None:
            r = rows.get(key)
            return None if r is None else r.amount

        vehicle_parts = [rows[k] for k in ("vehicle_purchase", "vehicle_operation") if k in rows]
        if "vehicle" in rows and vehicle_parts:
            parts_values = [r.amount for r in vehicle_parts] + [None] * (2 - len(vehicle_parts))
            out.append(_sum_check(
                f"T09.{phase}.vehicle=purchase+operation",
                f"T09表 {label} 公务用车购置及运行费 = 购置费 + 运行费 / vehicle = purchase + operation",
                rows["vehicle"], val("vehicle"), parts_values, vehicle_parts))
        # the vehicle subtotal, or its two parts when the subtotal is not printed
        if "vehicle" in rows:
            vehicle_rows, vehicle_values = [rows["vehicle"]], [val("vehicle")]
        elif len(vehicle_parts) == 2:
            vehicle_rows, vehicle_values = vehicle_parts, [r.amount for r in vehicle_parts]
        else:
            vehicle_rows, vehicle_values = vehicle_parts, [None]
        part_rows = [rows[k] for k in ("overseas", "reception") if k in rows] + vehicle_rows
        values = [val("overseas") if "overseas" in rows else None, val("reception") if "reception" in rows else None]
        if "total" in rows or len(part_rows) > 1:
            out.append(_sum_check(
                f"T09.{phase}.total=overseas+vehicle+reception",
                f"T09表 {label} “三公”经费合计 = 因公出国(境) + 公务用车购置及运行 + 公务接待 / total = sum of three",
                rows.get("total"), val("total"), values + vehicle_values, part_rows))
        if "grand_total" in rows:
            extra = [rows[k] for k in ("total", "meeting", "training") if k in rows]
            out.append(_sum_check(
                f"T09.{phase}.grand_total=total+meeting+training",
                f"T09表 {label} 合计 = “三公”小计 + 会议费 + 培训费 / grand total = three public + meetings + training",
                rows["grand_total"], val("grand_total"), [r.amount for r in extra], extra))
    return out


CHECKS = [table_presence, summary_overall, income_table, expenditure_table, summary_fiscal, general_budget_table,
          economic_table, three_public_table]

__all__ = ["CHECKS", "ZERO", "table_rows"]
