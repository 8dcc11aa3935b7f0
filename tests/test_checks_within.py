"""Within-table checks and the tolerance rules, on small synthetic disclosures."""

from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal

from generator.check import run_checks, within
from generator.check.tolerance import percent_tolerance, quote_tolerance, sum_tolerance, unit_of, verdict
from generator.model import Disclosure, Kind, Statement, Status
from tests.test_checks_support import TP, D, E, Ec, S, by_id, consistent, meta


def test_tolerance_rules() -> None:
    assert unit_of(Decimal("24.2")) == Decimal("0.1")
    assert unit_of(Decimal("1627.17")) == Decimal("0.01")
    assert unit_of(Decimal("3")) == Decimal("1")
    # n rounded terms: n × 0.005, at least 0.01; blanks and zeros are exact
    assert sum_tolerance([D("1.00"), D("2.00")]) == Decimal("0.01")
    assert sum_tolerance([D("1.00")] * 13) == Decimal("0.065")
    assert sum_tolerance([D("1.00"), None, D("0")]) == Decimal("0.01")
    assert quote_tolerance(Decimal("393.1"), Decimal("393.10")) == Decimal("0.055")
    # 24.2% printed with 1 decimal: ±0.05 plus propagated input rounding
    tol = percent_tolerance(Decimal("24.2"), Decimal("393.1"), Decimal("1234.07"), Decimal("0.1"), Decimal("0.01"))
    assert Decimal("0.05") < tol < Decimal("0.07")
    assert verdict(Decimal("1.00"), Decimal("1.00"), Decimal("0.01")) == (Decimal("0.00"), Status.PASS)
    assert verdict(Decimal("1.00"), Decimal("1.01"), Decimal("0.01")) == (Decimal("0.01"), Status.WARN)
    assert verdict(Decimal("1.00"), Decimal("1.02"), Decimal("0.01")) == (Decimal("0.02"), Status.FAIL)
    assert verdict(None, Decimal("1.02"), Decimal("0.01")) == (None, Status.SKIP)


def test_consistent_disclosure_passes_everything() -> None:
    d = consistent()
    before = copy.deepcopy(d)
    results = by_id(run_checks(d))
    assert d == before  # pure: the rows are not touched
    bad = {k: r for k, r in results.items() if r.status is not Status.PASS and not k.endswith(".absent")}
    assert bad == {}
    # the expected ids exist (the registry covers every table)
    for cid in ("T01.income_subtotal", "T01.expenditure_subtotal", "T01.income_total", "T01.expenditure_total",
                "T01.balance", "T02.row.total.total=sum_of_columns", "T03.row.2101501.total=basic+project",
                "T03.class.210.basic", "T03.kuan.21015.project", "T03.total.total", "T05.total.basic",
                "T06.personnel", "T06.public", "T06.class.301", "T09.final.total=overseas+vehicle+reception",
                "T09.budget.vehicle=purchase+operation", "T04.balance",
                "T04.row.210.total=general_budget+gov_fund+state_capital"):
        assert cid in results, cid
    # an empty column is not a check: 02 has no 其他收入 anywhere
    assert not any(k.endswith(".other_income") for k in results)


def test_summary_fail_warn_and_skip() -> None:
    d = consistent()
    d.summary = [replace(r, amount=D("100.02")) if r.item_key == "income_subtotal" and r.statement == "overall"
                 else r for r in d.summary]
    r = by_id(within.summary_overall(d))
    assert r["T01.income_subtotal"].status is Status.FAIL  # 100.00 vs 100.02, one term → tol 0.01
    assert r["T01.income_subtotal"].difference == D("0.02")
    assert r["T01.income_subtotal"].expected == D("100.00")
    # total = subtotal + balances: 100.00 vs 100.02 as well
    assert r["T01.income_total"].status is Status.FAIL

    d.summary = [replace(r, amount=D("100.01")) if r.item_key == "income_subtotal" and r.statement == "overall"
                 else r for r in d.summary]
    r = by_id(within.summary_overall(d))
    assert r["T01.income_subtotal"].status is Status.WARN

    d.summary = [replace(r, amount=None) if r.item_key == "income_subtotal" and r.statement == "overall"
                 else r for r in d.summary]
    r = by_id(within.summary_overall(d))
    assert r["T01.income_subtotal"].status is Status.SKIP
    assert r["T01.income_subtotal"].actual is None and r["T01.income_subtotal"].expected == D("100.00")
    assert r["T01.income_total"].status is Status.SKIP


def test_summary_balance_lines_count() -> None:
    d = consistent()
    d.summary = [replace(r, amount=D("5.00")) if r.item_key == "opening_balance" else r for r in d.summary]
    r = by_id(within.summary_overall(d))
    assert r["T01.income_total"].status is Status.FAIL  # 100 + 5 ≠ 100
    assert r["T01.income_total"].expected == D("105.00")


def test_row_and_hierarchy_checks() -> None:
    d = consistent()
    # 03: 行政运行 basic 60 but total printed 61 → row fails, 款 21015 total fails
    d.expenditure_by_function = [replace(r, total=D("61.00")) if r.code == "2101501" else r
                                 for r in d.expenditure_by_function]
    r = by_id(within.expenditure_table(d))
    assert r["T03.row.2101501.total=basic+project"].status is Status.FAIL
    assert r["T03.kuan.21015.total"].status is Status.FAIL
    assert r["T03.kuan.21015.total"].expected == D("91.00")
    assert r["T03.class.210.total"].status is Status.PASS  # 90 = 90 (款 line unchanged)
    # a missing 合计 (OCR lost it): the row check is a skip that still shows the expected value
    d.expenditure_by_function = [replace(r, total=None) if r.code == "total" else r
                                 for r in consistent().expenditure_by_function]
    r = by_id(within.expenditure_table(d))
    row = r["T03.row.total.total=basic+project"]
    assert row.status is Status.SKIP and row.expected == D("100.00") and row.actual is None


def test_hierarchy_without_codes_uses_table_order() -> None:
    d = Disclosure(meta=meta())
    d.expenditure_by_function = [
        E("", 1, "社会保障和就业支出", "0.28", "0.28"),
        E("", 2, "其他社会保障和就业支出", "0.14", "0.14"),
        E("", 3, "其他社会保障和就业支出", "0.14", "0.14"),
        E("", 2, "行政事业单位养老支出", "0.14", "0.14"),
    ]
    r = by_id(within.expenditure_table(d))
    assert r["T03.class.社会保障和就业支出.total"].status is Status.PASS
    # repeated names get distinct ids
    assert "T03.row.其他社会保障和就业支出#2.total=basic+project" in r
    assert r["T03.kuan.其他社会保障和就业支出.total"].expected == D("0.14")


def test_economic_checks() -> None:
    d = consistent()
    d.basic_expenditure_economic = [replace(r, amount=D("10.01")) if r.code == "total_public" else r
                                    for r in d.basic_expenditure_economic]
    r = by_id(within.economic_table(d))
    assert r["T06.public"].status is Status.WARN
    assert r["T06.personnel"].status is Status.PASS
    assert r["T06.class.302"].status is Status.PASS
    # 款-only tables (no 类 lines): the totals add up the 款 lines; 13 terms allow 0.065
    d.basic_expenditure_economic = [Ec("total_public", "公用经费", "public", "58.63")] + [
        Ec(f"302{i:02d}", "x", "public", v) for i, v in enumerate(
            ["3.00", "3.00", "7.00", "0.60", "2.43", "3.00", "7.20", "6.60", "6.71", "9.78", "2.50", "2.00", "4.82"],
            start=1)]
    r = by_id(within.economic_table(d))
    assert r["T06.public"].expected == D("58.64") and r["T06.public"].status is Status.WARN
    d.basic_expenditure_economic[0] = Ec("total_public", "公用经费", "public", "58.00")
    assert by_id(within.economic_table(d))["T06.public"].status is Status.FAIL


def test_three_public_checks() -> None:
    d = consistent()
    d.three_public = [TP("final", "total", "6.00"), TP("final", "overseas", "1.00"),
                      TP("final", "vehicle", "2.00"), TP("final", "vehicle_purchase", "0"),
                      TP("final", "vehicle_operation", "2.50"), TP("final", "reception", "3.00")]
    r = by_id(within.three_public_table(d))
    assert r["T09.final.vehicle=purchase+operation"].status is Status.FAIL
    assert r["T09.final.total=overseas+vehicle+reception"].status is Status.PASS
    assert not any(k.startswith("T09.budget") for k in r)
    d.three_public.append(TP("final", "grand_total", "7.00"))
    d.three_public.append(TP("final", "meeting", "0.50"))
    d.three_public.append(TP("final", "training", "0.50"))
    assert by_id(within.three_public_table(d))["T09.final.grand_total=total+meeting+training"].status is Status.PASS


def test_absent_tables_give_one_skip_each() -> None:
    d = consistent()
    d.income_by_function = []
    d.general_budget_expenditure = []
    d.statements = [Statement(Kind.GENERAL_BUDGET, "05表", "05", "万元", [], "L9")]
    r = by_id(within.table_presence(d))
    assert set(r) == {"T02.absent", "T05.absent"}
    assert all(x.status is Status.SKIP for x in r.values())
    assert "未含" in r["T02.absent"].description and "未能解析" in r["T05.absent"].description
    # and no per-row skips flood in for the absent tables
    ids = by_id(run_checks(d))
    assert not any(k.startswith(("T02.", "T05.")) and not k.endswith(".absent") for k in ids)
    assert not any(k.startswith(("X.T01-T02", "X.T04-T05", "X.T03-T05")) for k in ids)


def test_fiscal_summary_fund_columns() -> None:
    d = consistent()
    d.summary.append(S("fiscal", "expenditure", "function_class", "5.00", code="221", name="住房保障支出",
                       general_budget="4.00", gov_fund="0.50"))
    r = by_id(within.summary_fiscal(d))
    assert r["T04.row.221.total=general_budget+gov_fund+state_capital"].status is Status.FAIL
    assert r["T04.expenditure_subtotal"].status is Status.FAIL  # 10 + 90 + 5 ≠ 100


def test_not_reported_cells_make_skips_not_fails() -> None:
    d = consistent()
    # a 05 line whose 项目支出 was not read: that row is a skip (None = not reported, 0 = blank)
    d.general_budget_expenditure = [replace(r, project=None) if r.code == "2101502" else r
                                    for r in d.general_budget_expenditure]
    r = by_id(within.general_budget_table(d))
    assert r["T05.row.2101502.total=basic+project"].status is Status.SKIP
    assert r["T05.kuan.21015.project"].status is Status.SKIP
    assert r["T05.row.2101501.total=basic+project"].status is Status.PASS
    # no row readable at all: one line for the table instead of one per row
    d.general_budget_expenditure = [replace(r, basic=None, project=None) for r in d.general_budget_expenditure]
    r = by_id(within.general_budget_table(d))
    assert r["T05.columns"].status is Status.SKIP
    assert not any(".row." in k for k in r)


def test_fiscal_opening_balance_by_fund() -> None:
    d = consistent()
    d.summary = [r for r in d.summary if not (r.statement == "fiscal" and r.item_key == "opening_balance")]
    d.summary += [S("fiscal", "income", "opening_balance", "0"),
                  S("fiscal", "income", "opening_balance_general_budget", "3.00")]
    r = by_id(within.summary_fiscal(d))
    assert r["T04.income_total"].expected == D("103.00") and r["T04.income_total"].status is Status.FAIL
    # the 结转 line missing altogether: not reported → skip
    d.summary = [r for r in d.summary if not r.item_key.startswith("opening_balance")]
    assert by_id(within.summary_fiscal(d))["T04.income_total"].status is Status.SKIP


def test_purpose_columns_add_up_to_the_line() -> None:
    """Unit budgets split each expenditure line into 人员经费 + 公用经费 + 项目支出: a line whose parts
    do not add up fails, one that does passes."""
    d = Disclosure(meta=meta("budget", 2025))
    d.summary = [
        S("overall", "expenditure", "function_class", "2160.1733", "201", personnel="1082.3891",
          public="146.7842", project="931"),
        S("overall", "expenditure", "function_class", "88.1803", "210", personnel="88.1803", public="0",
          project="1"),
    ]
    got = by_id(within.summary_overall(d))
    assert got["T01.row.201.total=personnel+public+project"].status is Status.PASS
    assert got["T01.row.210.total=personnel+public+project"].status is Status.FAIL
