"""Text ↔ table checks on small synthetic disclosures (topic keys of fact_topics.yaml)."""

from __future__ import annotations

from generator.check import text
from generator.model import BudgetExecutionRow, Disclosure, Status
from tests.test_checks_support import D, F, by_id, consistent, meta


def test_fact_vs_table() -> None:
    d = consistent()
    d.facts = [F("expenditure_subtotal", "100"), F("basic_expenditure", "70.01"), F("project_expenditure", "31"),
               F("class_amount:210", "90.00"), F("class_amount:210@3.5.2", "90.1"), F("vehicles", "2", unit="辆")]
    r = by_id(text.facts_vs_tables(d))
    assert r["N.facts.expenditure_subtotal"].status is Status.PASS  # 100 = 100.00
    assert r["N.facts.basic_expenditure"].status is Status.WARN
    assert r["N.facts.project_expenditure"].status is Status.FAIL
    assert r["N.facts.class_amount:210"].status is Status.PASS
    assert r["N.facts.class_amount:210@3.5.2"].status is Status.FAIL  # 90.1 vs 90.00, tol 0.055
    assert "N.facts.vehicles" not in r  # not a table figure


def test_fact_whose_table_is_absent_is_not_listed_but_missing_figure_is_a_skip() -> None:
    d = consistent()
    d.basic_expenditure_economic = []
    d.facts = [F("personnel_cost", "60.00"), F("class_amount:213", "2.00")]
    r = by_id(text.facts_vs_tables(d))
    assert "N.facts.personnel_cost" not in r
    assert r["N.facts.class_amount:213"].status is Status.SKIP
    assert r["N.facts.class_amount:213"].actual == D("2.00")


def test_shares_from_table_or_stated_amounts() -> None:
    d = consistent()  # basic 70 of 100
    d.facts = [F("basic_share_pct", "70.0", unit="%"), F("project_share_pct", "30.1", unit="%"),
               F("class_share_pct:208", "10", unit="%"), F("class_share_pct:210", "91", unit="%")]
    r = by_id(text.shares(d))
    assert r["N.facts.basic_share_pct"].status is Status.PASS
    assert r["N.facts.project_share_pct"].status is Status.FAIL  # 30.00 vs 30.1, tol ≈ 0.05
    assert r["N.facts.class_share_pct:208"].status is Status.PASS
    assert r["N.facts.class_share_pct:210"].status is Status.FAIL  # 90% vs 91 (±0.5)
    # no tables: recomputed from the stated amounts
    e = Disclosure(meta=meta())
    e.facts = [F("basic_expenditure", "471.07"), F("basic_share_pct", "51.6", unit="%"),
               F("expenditure_subtotal", "913.19"), F("project_share_pct", "48.4", unit="%")]
    r = by_id(text.shares(e))
    assert r["N.facts.basic_share_pct"].status is Status.PASS  # 51.585… rounds to the printed 51.6
    assert r["N.facts.basic_share_pct"].expected == D("51.5851")
    assert r["N.facts.project_share_pct"].status is Status.SKIP  # 项目支出 not stated


def test_change_percentages() -> None:
    # jiangan-2024: +393.1 "增长24.2%" on 1627.17 → the base is 1234.07, so 31.9% (24.2% = 393.1/1627.17)
    e = Disclosure(meta=meta())
    e.facts = [F("income_total", "1627.17"), F("total_change", "393.1"), F("total_change_pct", "24.2", unit="%")]
    r = by_id(text.changes(e))
    assert r["N.facts.total_change_pct"].status is Status.FAIL
    assert r["N.facts.total_change_pct"].expected == D("31.8539")
    # cangxi: -1406.32, -59.7% on 949.22 (decreases are negative)
    e.facts = [F("income_total", "949.22"), F("total_change", "-1406.32"), F("total_change_pct", "-59.7", unit="%")]
    assert by_id(text.changes(e))["N.facts.total_change_pct"].status is Status.PASS  # -59.703 → -59.7
    # cangxi L200: 0.56, 减少0.52, "下降48.2%": -0.52 / 1.08 = -48.148 → -48.1, but 48.2 is within rounding
    e.facts = [F("three_public_total_final", "0.56"), F("three_public_total_change", "-0.52"),
               F("three_public_total_change_pct", "-48.2", unit="%")]
    r = by_id(text.changes(e))
    assert r["N.facts.three_public_total_change_pct"].status is Status.WARN
    assert r["N.facts.three_public_total_change_pct"].expected == D("-48.1481")
    # vs budget: 13.74, -1.29, -8.6%
    e.facts = [F("operating_cost", "13.74"), F("operating_cost_vs_budget", "-1.29"),
               F("operating_cost_vs_budget_pct", "-8.6", unit="%")]
    assert by_id(text.changes(e))["N.facts.operating_cost_vs_budget_pct"].status is Status.PASS  # -8.583
    # a stated change vs both years stated
    e.facts = [F("operating_cost", "40.11"), F("operating_cost", "43.69", year=2023),
               F("operating_cost_change", "-3.58"), F("operating_cost_change_pct", "-8.2", unit="%")]
    r = by_id(text.changes(e))
    assert r["N.facts.operating_cost_change"].status is Status.PASS
    assert r["N.facts.operating_cost_change_pct"].status is Status.PASS  # -3.58 / 43.69 = -8.194
    e.facts = [F("operating_cost_change_pct", "-8.2", unit="%")]
    assert by_id(text.changes(e))["N.facts.operating_cost_change_pct"].status is Status.SKIP


def test_completion_rates() -> None:
    e = Disclosure(meta=meta())
    e.facts = [F("initial_budget", "1527.2"), F("general_budget_expenditure", "1627.17"),
               F("initial_budget_completion_pct", "106.5", unit="%"),
               F("three_public_total_budget", "0.2"), F("three_public_total_final", "0"),
               F("three_public_total_completion_pct", "0", unit="%"),
               F("three_public_reception_completion_pct", "35", unit="%")]
    r = by_id(text.completions(e))
    assert r["N.facts.initial_budget_completion_pct"].status is Status.PASS  # 106.546 → 106.5
    assert r["N.facts.three_public_total_completion_pct"].status is Status.PASS
    assert r["N.facts.three_public_reception_completion_pct"].status is Status.SKIP


def test_budget_execution_rows() -> None:
    d = consistent()
    d.budget_execution = [
        BudgetExecutionRow("2101501", "行政运行", D("50.00"), D("60.00"), D("120.0"), "", "L1"),
        BudgetExecutionRow("2101502", "一般行政管理事务", D("9.46"), D("30.00"), D("288.7"), "", "L2"),
        BudgetExecutionRow("2080505", "养老", D("0"), D("10.00"), None, "", "L3"),
        BudgetExecutionRow("2101301", "城乡医疗救助", None, D("1.00"), D("100"), "", "L4"),
    ]
    r = by_id(text.budget_execution(d))
    assert r["N.budget_execution.2101501.completion_rate"].status is Status.PASS
    assert r["N.budget_execution.2101501.final"].status is Status.PASS
    assert r["N.budget_execution.2101502.completion_rate"].status is Status.FAIL  # 317.1%
    assert r["N.budget_execution.2101502.final"].status is Status.PASS
    assert "N.budget_execution.2080505.completion_rate" not in r  # no rate stated, budget 0
    assert r["N.budget_execution.2101301.completion_rate"].status is Status.SKIP
    assert r["N.budget_execution.2101301.final"].status is Status.SKIP  # no such 05 line


def test_stated_sums() -> None:
    e = Disclosure(meta=meta())
    e.facts = [F("expenditure_subtotal", "913.19"), F("basic_expenditure", "471.07"),
               F("project_expenditure", "442.12"), F("general_budget_expenditure", "908.44"),
               F("class_amount:201", "1.72"), F("class_amount:208", "48.88"), F("class_amount:210", "818.44"),
               F("class_amount:221", "36.6"), F("class_amount:213", "2.8"), F("class_amount:210@2", "818.44"),
               F("personnel_cost", "430.96"), F("economic_amount:30101", "430.00"),
               F("economic_amount:30302", "0.95")]
    r = by_id(text.stated_sums(e))
    assert r["N.sum.expenditure_subtotal=basic_expenditure+project_expenditure"].status is Status.PASS
    assert r["N.sum.general_budget_expenditure=class_amount"].status is Status.PASS  # repeats counted once
    # 301* parts plus the optional 303* ones: 430.95 vs 430.96 is rounding (3 terms: ±0.015)
    assert r["N.sum.personnel_cost=economic_amount:301"].status is Status.WARN
    e.facts[-1] = F("economic_amount:30302", "0.90")
    assert by_id(text.stated_sums(e))["N.sum.personnel_cost=economic_amount:301"].status is Status.FAIL
    e.facts = [F("expenditure_subtotal", "913.19"), F("basic_expenditure", "471.07")]
    assert text.stated_sums(e) == []  # 项目支出 not stated: nothing to add up


def test_fact_read_from_the_same_line_as_its_table_row_is_not_checked() -> None:
    # cangxi L381 "2024年年末结转结余为36.03万元": the 01表 closing_balance row was read from that very line
    d = consistent()
    row = next(r for r in d.summary if r.statement == "overall" and r.item_key == "closing_balance")
    row.amount, row.source_ref = D("36.03"), "narrative:L381"
    same = F("closing_balance", "36.03")
    same.source_ref = "narrative:L381"
    other = F("closing_balance@4.3.1", "36.03")
    other.source_ref = "narrative:L361"  # a second statement of the figure: a real check
    d.facts = [same, other]
    r = by_id(text.facts_vs_tables(d))
    assert r["N.facts.closing_balance"].status is Status.SKIP
    assert "same statement" in r["N.facts.closing_balance"].description
    assert r["N.facts.closing_balance@4.3.1"].status is Status.PASS
    # the line decides, not the resource prefix; page refs (PDF) are too coarse to tell
    assert text.same_statement("narrative:L381", "L381")
    assert not text.same_statement("narrative:L38", "narrative:L381")
    assert not text.same_statement("narrative:p3", "general_budget:p3")
