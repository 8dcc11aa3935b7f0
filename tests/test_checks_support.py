"""Builders of small synthetic Disclosures for the check tests (no tests here)."""

from __future__ import annotations

from decimal import Decimal

from generator.model import (
    CheckResult,
    Disclosure,
    DisclosureMeta,
    EconomicRow,
    ExpenditureRow,
    Fact,
    GeneralBudgetRow,
    IncomeRow,
    Status,
    SummaryRow,
    ThreePublicRow,
)


def D(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def meta(stage: str = "final", year: int = 2024) -> DisclosureMeta:
    return DisclosureMeta(disclosure_id=f"test-{year}-{stage}", department_id="test", department="测试局",
                          year=year, stage=stage, title="t", file="t.md", format="markdown", sha256="")


def S(statement: str, side: str, key: str, amount: str | None, code: str = "", name: str = "", **kw: str
      ) -> SummaryRow:
    extra = {k: D(v) for k, v in kw.items()}
    return SummaryRow(statement, side, key, code, name or key, D(amount), f"S.{side}.{key}{code}", **extra)


def E(code: str, level: int, name: str, total: str | None, basic: str | None = "0",
      project: str | None = "0") -> ExpenditureRow:
    """A 03 row; a blank cell is "0" (None = not reported); the other columns are not in the template."""
    return ExpenditureRow(code, level, name, D(total), D(basic), D(project), None, None, None, f"E.{code or name}")


def G(code: str, level: int, name: str, total: str | None, basic: str | None = "0",
      project: str | None = "0") -> GeneralBudgetRow:
    return GeneralBudgetRow(code, level, name, D(total), D(basic), D(project), f"G.{code}")


def I(code: str, level: int, name: str, total: str | None, fiscal: str | None = "0",  # noqa: E743
      other: str | None = "0") -> IncomeRow:
    return IncomeRow(code, level, name, D(total), D(fiscal), None, None, None, None, D(other), None, f"I.{code}")


def Ec(code: str, name: str, category: str, amount: str | None) -> EconomicRow:
    level = 0 if code.startswith("total") else (1 if len(code) == 3 else 2)
    return EconomicRow(code, level, name, category, D(amount), f"Ec.{code}")


def TP(phase: str, key: str, amount: str | None) -> ThreePublicRow:
    return ThreePublicRow(phase, key, key, D(amount), f"TP.{phase}.{key}")


def F(topic: str, value: str | None, unit: str = "万元", year: int | None = None, label: str = "") -> Fact:
    return Fact(topic, label or topic, D(value), unit, "quote", f"F.{topic}", year)


def consistent() -> Disclosure:
    """A small disclosure in which every check passes exactly."""
    d = Disclosure(meta=meta())
    d.summary = [
        S("overall", "income", "general_budget_appropriation", "100.00"),
        S("overall", "income", "gov_fund_appropriation", "0"),
        S("overall", "income", "other_income", "0"),
        S("overall", "income", "income_subtotal", "100.00"),
        S("overall", "income", "non_fiscal_balance_used", "0"),
        S("overall", "income", "opening_balance", "0"),
        S("overall", "income", "income_total", "100.00"),
        S("overall", "expenditure", "function_class", "0", code="201", name="一、一般公共服务支出"),
        S("overall", "expenditure", "function_class", "10.00", code="208", name="八、社会保障和就业支出"),
        S("overall", "expenditure", "function_class", "90.00", code="210", name="九、卫生健康支出"),
        S("overall", "expenditure", "expenditure_subtotal", "100.00"),
        S("overall", "expenditure", "surplus_distribution", "0"),
        S("overall", "expenditure", "closing_balance", "0"),
        S("overall", "expenditure", "expenditure_total", "100.00"),
        S("fiscal", "income", "general_budget_appropriation", "100.00"),
        S("fiscal", "income", "income_subtotal", "100.00"),
        S("fiscal", "income", "opening_balance", "0"),
        S("fiscal", "income", "income_total", "100.00"),
        S("fiscal", "expenditure", "function_class", "10.00", code="208", name="社会保障和就业支出",
          general_budget="10.00"),
        S("fiscal", "expenditure", "function_class", "90.00", code="210", name="卫生健康支出",
          general_budget="90.00"),
        S("fiscal", "expenditure", "expenditure_subtotal", "100.00", general_budget="100.00"),
        S("fiscal", "expenditure", "closing_balance", "0"),
        S("fiscal", "expenditure", "expenditure_total", "100.00", general_budget="100.00"),
    ]
    d.income_by_function = [
        I("total", 0, "合计", "100.00", "100.00"),
        I("208", 1, "社会保障和就业支出", "10.00", "10.00"),
        I("20805", 2, "行政事业单位养老支出", "10.00", "10.00"),
        I("2080505", 3, "机关事业单位基本养老保险缴费支出", "10.00", "10.00"),
        I("210", 1, "卫生健康支出", "90.00", "90.00"),
        I("21015", 2, "医疗保障管理事务", "90.00", "90.00"),
        I("2101501", 3, "行政运行", "60.00", "60.00"),
        I("2101502", 3, "一般行政管理事务", "30.00", "30.00"),
    ]
    rows = [
        ("total", 0, "合计", "100.00", "70.00", "30.00"),
        ("208", 1, "社会保障和就业支出", "10.00", "10.00", "0"),
        ("20805", 2, "行政事业单位养老支出", "10.00", "10.00", "0"),
        ("2080505", 3, "机关事业单位基本养老保险缴费支出", "10.00", "10.00", "0"),
        ("210", 1, "卫生健康支出", "90.00", "60.00", "30.00"),
        ("21015", 2, "医疗保障管理事务", "90.00", "60.00", "30.00"),
        ("2101501", 3, "行政运行", "60.00", "60.00", "0"),
        ("2101502", 3, "一般行政管理事务", "30.00", "0", "30.00"),
    ]
    d.expenditure_by_function = [E(*r) for r in rows]
    d.general_budget_expenditure = [G(*r) for r in rows]
    d.basic_expenditure_economic = [
        Ec("301", "工资福利支出", "personnel", "60.00"),
        Ec("30101", "基本工资", "personnel", "50.00"),
        Ec("30108", "机关事业单位基本养老保险缴费", "personnel", "10.00"),
        Ec("302", "商品和服务支出", "public", "10.00"),
        Ec("30201", "办公费", "public", "4.00"),
        Ec("30217", "公务接待费", "public", "6.00"),
        Ec("total_personnel", "人员经费合计", "personnel", "60.00"),
        Ec("total_public", "公用经费合计", "public", "10.00"),
    ]
    d.three_public = [
        TP("budget", "total", "8.00"), TP("budget", "overseas", "0"), TP("budget", "vehicle", "0"),
        TP("budget", "vehicle_purchase", "0"), TP("budget", "vehicle_operation", "0"),
        TP("budget", "reception", "8.00"),
        TP("final", "total", "6.00"), TP("final", "overseas", "0"), TP("final", "vehicle", "0"),
        TP("final", "vehicle_purchase", "0"), TP("final", "vehicle_operation", "0"),
        TP("final", "reception", "6.00"),
    ]
    return d


def by_id(results: list[CheckResult]) -> dict[str, CheckResult]:
    ids = [r.check_id for r in results]
    assert len(ids) == len(set(ids)), "check ids must be unique"
    return {r.check_id: r for r in results}


def statuses(results: list[CheckResult]) -> dict[Status, int]:
    out: dict[Status, int] = {}
    for r in results:
        out[r.status] = out.get(r.status, 0) + 1
    return out
