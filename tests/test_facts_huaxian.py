"""Golden facts of huaxian-2024-budget.txt (预算说明 prose)."""

from tests.test_facts_common import by_key, check_values, facts_of

SRC = ("huaxian-2024-budget.txt", "budget", 2024)

EXPECTED = {
    "income_total": ("23278.10", "万元"),
    "expenditure_total": ("23278.10", "万元"),
    "total_change": ("6683.89", "万元"),
    "total_change_pct": ("40.28", "%"),
    "staff_authorized": ("81", "人"),
    "internal_units": ("15", "个"),
    "staff_actual": ("81", "人"),
    "retirees": ("6", "人"),
    "income_subtotal": ("23278.10", "万元"),
    "fiscal_income_general": ("23278.10", "万元"),
    "fiscal_income_state_capital": ("0", "万元"),
    "fiscal_income_gov_fund": ("0", "万元"),
    "special_account_income": ("0", "万元"),
    "business_income": ("0", "万元"),
    "other_income": ("0", "万元"),
    "expenditure_subtotal": ("23278.10", "万元"),
    "basic_expenditure": ("797.18", "万元"),
    "basic_share_pct": ("3.42", "%"),
    "project_expenditure": ("22480.92", "万元"),
    "project_share_pct": ("96.58", "%"),
    "general_budget_total": ("23278.10", "万元"),
    "general_budget_total_change": ("6683.89", "万元"),
    "general_budget_total_change_pct": ("40.28", "%"),
    "gov_fund_total": ("0", "万元"),
    "gov_fund_total_change": ("0", "万元"),  # "与 2023 年相比无变化"
    "state_capital_total": ("0", "万元"),
    "initial_budget": ("23278.10", "万元"),
    "general_budget_basic": ("797.18", "万元"),
    "personnel_cost": ("738.55", "万元"),
    "personnel_cost_share_pct": ("92.65", "%"),
    "public_cost": ("58.63", "万元"),
    "public_cost_share_pct": ("7.35", "%"),
    "three_public_total_budget": ("9.20", "万元"),
    "three_public_total_change": ("2", "万元"),
    "three_public_overseas_budget": ("0", "万元"),
    "three_public_overseas_change": ("0", "万元"),
    "three_public_reception_budget": ("2", "万元"),
    "three_public_reception_change": ("2", "万元"),
    "three_public_vehicle_budget": ("7.20", "万元"),
    "three_public_vehicle_change": ("0", "万元"),
    "three_public_vehicle_purchase_budget": ("0", "万元"),
    "three_public_vehicle_operation_budget": ("7.20", "万元"),
    "gov_fund_expenditure": ("0", "万元"),
    "operating_cost": ("58.63", "万元"),
    "procurement_total": ("0", "万元"),
    "procurement_goods": ("0", "万元"),
    "procurement_works": ("0", "万元"),
    "procurement_services": ("0", "万元"),
    "performance_managed_total": ("23278.10", "万元"),
    "budget_projects": ("12", "个"),
    "budget_projects_amount": ("22480.92", "万元"),
    "vehicles": ("2", "辆"),
    "vehicles_general": ("2", "辆"),
    "general_equipment_over_50": ("0", "台(套)"),
    "large_equipment": ("0", "台(套)"),
    "transfer_projects": ("2", "项"),
    "transfer_amount": ("3082", "万元"),
}


def test_values():
    check_values(facts_of(*SRC), EXPECTED)


def test_count_and_years():
    facts = facts_of(*SRC)
    assert len(facts) == 71
    got = by_key(facts)
    assert got["vehicles"].year == 2023  # "2023年期末,我单位共有车辆2辆"
    assert got["large_equipment"].year == 2023
    assert got["staff_actual"].year is None
    # the two transfer-payment items are kept under the fallback key with their names
    others = [(f.label, str(f.value)) for f in facts if f.topic_key.startswith("other_amount")]
    assert others == [
        ("提前下达2024年医疗服务与保障能力提升补助资金项目", "41"),
        ("中央和省级财政医疗救助补助资金城乡医疗救助资金", "3041"),
    ]


def test_tables_after_the_annex_are_not_read():
    assert all(int(f.source_ref.split(":L")[1]) < 300 for f in facts_of(*SRC))
