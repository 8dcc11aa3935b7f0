"""Cross-table checks on small synthetic disclosures."""

from __future__ import annotations

from dataclasses import replace

from generator.check import between
from generator.model import Status
from tests.test_checks_support import TP, D, E, Ec, S, by_id, consistent


def test_summary_vs_income_and_expenditure() -> None:
    d = consistent()
    r = by_id(between.summary_vs_income(d) + between.summary_vs_expenditure(d))
    assert r["X.T01-T02.income_subtotal"].status is Status.PASS
    assert r["X.T01-T02.fiscal_appropriation"].status is Status.PASS
    assert r["X.T01-T03.class.210"].status is Status.PASS
    assert "X.T01-T03.class.201" not in r  # a blank template line absent from 03 is consistent
    d.expenditure_by_function = [replace(x, total=D("89.99")) if x.code == "210" else x
                                 for x in d.expenditure_by_function]
    d.summary.append(S("overall", "expenditure", "function_class", "1.00", code="221", name="二十、住房保障支出"))
    r = by_id(between.summary_vs_expenditure(d))
    assert r["X.T01-T03.class.210"].status is Status.WARN and r["X.T01-T03.class.210"].difference == D("-0.01")
    # a class printed in 01 but missing from 03 counts as 0 there: fail
    assert r["X.T01-T03.class.221"].status is Status.FAIL and r["X.T01-T03.class.221"].actual == D("0")


def test_classes_matched_by_name_when_codes_missing() -> None:
    d = consistent()
    d.expenditure_by_function = [E("total", 0, "合计", "100.00", "70.00", "30.00"),
                                 E("", 1, "社会保障和就业支出", "10.00", "10.00"),
                                 E("", 1, "卫生健康支出", "95.00", "60.00", "30.00")]
    r = by_id(between.summary_vs_expenditure(d))
    assert r["X.T01-T03.class.208"].status is Status.PASS
    assert r["X.T01-T03.class.210"].status is Status.FAIL


def test_one_side_without_classes_is_one_skip() -> None:
    d = consistent()
    d.expenditure_by_function = [E("total", 0, "合计", "100.00", "70.00", "30.00")]
    r = by_id(between.summary_vs_expenditure(d))
    assert r["X.T01-T03.classes"].status is Status.SKIP
    assert not any(k.startswith("X.T01-T03.class.") for k in r)


def test_fiscal_chain() -> None:
    d = consistent()
    r = by_id(between.income_vs_fiscal(d) + between.fiscal_vs_general_budget(d) + between.general_budget_vs_economic(d))
    assert {x.status for x in r.values()} == {Status.PASS}
    assert "X.T04-T05.class.210" in r
    d.basic_expenditure_economic = [replace(x, amount=D("12.00")) if x.code == "total_public" else x
                                    for x in d.basic_expenditure_economic]
    r = by_id(between.general_budget_vs_economic(d))
    assert r["X.T05-T06.basic"].status is Status.FAIL
    assert r["X.T05-T06.basic"].expected == D("70.00") and r["X.T05-T06.basic"].actual == D("72.00")


def test_expenditure_at_least_general_budget() -> None:
    d = consistent()
    d.general_budget_expenditure = [replace(x, total=D("60.01")) if x.code == "2101501" else x
                                    for x in d.general_budget_expenditure]
    d.expenditure_by_function = [replace(x, total=D("59.00")) if x.code == "2101502" else x
                                 for x in d.expenditure_by_function]
    r = by_id(between.expenditure_vs_general_budget(d))
    assert r["X.T03-T05.row.2101501.total"].status is Status.WARN  # short by 0.01 only
    assert r["X.T03-T05.row.2101502.total"].status is Status.PASS  # 03 may exceed 05
    assert r["X.T03-T05.row.total.project"].status is Status.PASS
    d.general_budget_expenditure = [replace(x, total=D("61.00")) if x.code == "2101501" else x
                                    for x in d.general_budget_expenditure]
    assert by_id(between.expenditure_vs_general_budget(d))["X.T03-T05.row.2101501.total"].status is Status.FAIL


def test_economic_vs_three_public_is_an_inequality() -> None:
    d = consistent()  # 30217 公务接待费 6.00, 三公 final reception 6.00
    r = by_id(between.economic_vs_three_public(d))
    assert r["X.T06-T09.reception"].status is Status.PASS
    assert "06表仅含基本支出" in r["X.T06-T09.reception"].description
    d.three_public = [TP("final", "reception", "8.00")]
    assert by_id(between.economic_vs_three_public(d))["X.T06-T09.reception"].status is Status.PASS
    d.three_public = [TP("final", "reception", "5.00")]
    r = by_id(between.economic_vs_three_public(d))
    assert r["X.T06-T09.reception"].status is Status.FAIL and r["X.T06-T09.reception"].difference == D("-1.00")
    # budget disclosures compare the budget phase
    d.meta.stage = "budget"
    d.three_public = [TP("budget", "reception", "5.00")]
    d.basic_expenditure_economic.append(Ec("30231", "公务用车运行维护费", "public", "1.00"))
    r = by_id(between.economic_vs_three_public(d))
    assert r["X.T06-T09.reception"].status is Status.FAIL
    assert r["X.T06-T09.vehicle_operation"].status is Status.SKIP  # 三公 item not printed
