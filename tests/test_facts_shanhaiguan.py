"""Golden facts of shanhaiguan-2024-budget.txt (DOCX export; prose after the tables)."""

from tests.test_facts_common import by_key, check_values, facts_of

SRC = ("shanhaiguan-2024-budget.txt", "budget", 2024)

EXPECTED = {
    # L1573
    "income_subtotal": ("436.66", "万元"),
    "fiscal_income_general": ("436.66", "万元"),
    "fiscal_income_gov_fund": ("0.00", "万元"),
    "fiscal_income_state_capital": ("0.00", "万元"),
    "special_account_income": ("0.00", "万元"),
    "unit_funds_income": ("0.00", "万元"),
    "opening_balance": ("0.00", "万元"),
    # L1575
    "expenditure_subtotal": ("436.66", "万元"),
    "basic_expenditure": ("260.06", "万元"),
    "personnel_cost": ("245.69", "万元"),
    "public_cost": ("14.37", "万元"),
    "project_expenditure": ("176.60", "万元"),
    # L1575 "项目支出176.60万元,主要为卫生健康支出176.6万元": the 项目支出 part of 类 210, not the class
    "project_class_amount:210": ("176.6", "万元"),
    # L1577
    "income_total": ("436.66", "万元"),
    "expenditure_total": ("436.66", "万元"),
    "total_change": ("3.18", "万元"),
    "basic_expenditure_change": ("-7.42", "万元"),
    "project_expenditure_change": ("10.60", "万元"),
    # L1579, L1581
    "operating_cost": ("14.37", "万元"),
    "three_public_total_budget": ("0.07", "万元"),
    "three_public_overseas_budget": ("0.00", "万元"),
    "three_public_vehicle_budget": ("0.00", "万元"),
    "three_public_vehicle_purchase_budget": ("0.00", "万元"),
    "three_public_vehicle_operation_budget": ("0.00", "万元"),
    "three_public_reception_budget": ("0.07", "万元"),
    "three_public_total_change": ("0.00", "万元"),
    # L2258
    "fixed_assets": ("0.00", "万元"),
    "fixed_assets_purchase_planned": ("0.00", "万元"),
}


def test_values():
    check_values(facts_of(*SRC), EXPECTED)


def test_count_and_refs():
    facts = facts_of(*SRC)
    assert len(facts) == 28 + 1  # + document fact: 1 stated_year
    got = by_key(facts)
    assert got["fixed_assets"].year == 2023  # "上年末固定资产金额"
    assert got["public_cost"].source_ref == "narrative:L1575"
    # the performance-target thresholds ("90%以上完成指标为优") are not facts
    assert not [f for f in facts if f.unit == "%"]
