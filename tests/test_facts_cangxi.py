"""Golden facts of cangxi-2024-final.md: 决算情况说明, 概况 and the 绩效评价报告 (附件1)."""

from tests.test_facts_common import by_key, check_values, facts_of

SRC = ("cangxi-2024-final.md", "final", 2024)

EXPECTED = {
    "budget_units": ("1", "个"),
    "budget_units_admin": ("1", "个"),
    "budget_units_civil_service_managed": ("0", "个"),
    "budget_units_other": ("0", "个"),
    "income_total": ("949.22", "万元"),
    "expenditure_total": ("949.22", "万元"),
    "total_change": ("-1406.32", "万元"),
    "total_change_pct": ("-59.7", "%"),
    "income_subtotal": ("949.13", "万元"),
    "fiscal_income_general": ("908.44", "万元"),
    "fiscal_income_general_share_pct": ("95.7", "%"),
    "other_income": ("40.68", "万元"),
    "other_income_share_pct": ("4.3", "%"),
    "expenditure_subtotal": ("913.19", "万元"),
    "basic_expenditure": ("471.07", "万元"),
    "basic_share_pct": ("51.6", "%"),
    "project_expenditure": ("442.12", "万元"),
    "project_share_pct": ("48.4", "%"),
    "fiscal_total": ("908.44", "万元"),
    "fiscal_total_change": ("-1410.74", "万元"),
    "fiscal_total_change_pct": ("-60.8", "%"),
    "general_budget_expenditure": ("908.44", "万元"),
    "general_budget_share_pct": ("99.5", "%"),
    "general_budget_expenditure_change": ("-1142.38", "万元"),
    "general_budget_expenditure_change_pct": ("-55.7", "%"),
    "class_amount:201": ("1.72", "万元"),
    "class_share_pct:201": ("0.2", "%"),
    "class_amount:208": ("48.88", "万元"),
    "class_share_pct:208": ("5.4", "%"),
    "class_amount:210": ("818.44", "万元"),
    "class_share_pct:210": ("90.1", "%"),
    "class_amount:213": ("2.8", "万元"),
    "class_share_pct:213": ("0.3", "%"),
    "class_amount:221": ("36.6", "万元"),
    "class_share_pct:221": ("4", "%"),
    # "完成预算89.7%" without 年初: not the 年初预算 completion rate
    "general_budget_expenditure_completion_pct": ("89.7", "%"),
    "general_budget_basic": ("471.07", "万元"),
    "personnel_cost": ("430.96", "万元"),
    "public_cost": ("40.11", "万元"),
    "economic_amount:30101": ("125.51", "万元"),  # 基本工资
    "economic_amount:30399": ("0.2", "万元"),  # 其他对个人和家庭补助
    "economic_amount:30217": ("0.56", "万元"),  # 公务接待费 inside 公用经费
    "economic_amount:30239": ("12.09", "万元"),  # 其他交通费
    "three_public_total_final": ("0.56", "万元"),
    "three_public_total_completion_pct": ("35", "%"),
    "three_public_total_change": ("-0.52", "万元"),
    "three_public_total_change_pct": ("-48.2", "%"),
    "three_public_overseas_final": ("0", "万元"),
    "three_public_overseas_share_pct": ("0", "%"),
    "three_public_vehicle_final": ("0", "万元"),
    "three_public_vehicle_change": ("0", "万元"),  # "与2023年度持平"
    "three_public_reception_final": ("0.56", "万元"),
    "three_public_reception_share_pct": ("100", "%"),
    "three_public_reception_domestic_final": ("0.56", "万元"),
    "three_public_reception_domestic_groups": ("5", "批次"),
    "three_public_reception_domestic_persons": ("65", "人次"),
    "vehicles_purchased": ("0", "辆"),
    "vehicles_purchased_sedan_amount": ("0", "万元"),
    "vehicles": ("0", "辆"),
    "gov_fund_expenditure": ("0", "万元"),
    "gov_fund_expenditure_change": ("0", "万元"),
    "state_capital_expenditure": ("0", "万元"),
    "operating_cost": ("40.11", "万元"),
    "operating_cost_change": ("-3.58", "万元"),
    "operating_cost_change_pct": ("-8.2", "%"),
    "procurement_total": ("5.67", "万元"),
    "procurement_goods": ("5.67", "万元"),
    "procurement_works": ("0", "万元"),
    "procurement_services": ("0", "万元"),
    "procurement_sme": ("0", "万元"),
    "procurement_sme_share_pct": ("0", "%"),
    "procurement_small_micro": ("5.67", "万元"),
    "procurement_small_micro_share_pct": ("100", "%"),
    "vehicles@2.10.3": ("0", "辆"),  # "无公务用车辆"
    "large_equipment": ("0", "台(套)"),
    "target_projects": ("14", "个"),
    "monitored_projects": ("6", "个"),
    "performance_score": ("94.59", "分"),
    # 绩效评价报告
    "staff_authorized": ("26", "人"),
    "staff_actual": ("32", "人"),
    "initial_budget_income": ("898.62", "万元"),
    "initial_budget_expenditure": ("898.62", "万元"),
    "income_total@4.2.1": ("949.22", "万元"),
    "expenditure_total@4.2.2": ("949.22", "万元"),
    "closing_balance": ("36.03", "万元"),
    "eval_score:effectiveness": ("15", "分"),
    "eval_score:budget_management": ("22.59", "分"),
    "eval_score:budget_preparation": ("7.75", "分"),
    "eval_score:execution_progress": ("4.01", "分"),
    "eval_score:year_end_balance": ("4.83", "分"),
    "eval_score:target_achievement": ("11", "分"),
    "execution_h1": ("266.23", "万元"),
    "execution_oct": ("437.9", "万元"),
    "annual_budget": ("1054.04", "万元"),
    "fixed_asset_utilization_pct": ("100", "%"),
    "asset_revitalization_pct": ("0", "%"),
    "procurement_total@4.3.1": ("0", "万元"),  # "不存在政府采购" — contradicts 5.67 above
    "phase_projects": ("8", "个"),
    "phase_projects_budget": ("555.75", "万元"),
    "phase_projects_progress_pct": ("76.7", "%"),
    "phase_projects_high_balance": ("6", "个"),
    "recurring_projects": ("0", "个"),
    "projects_low_balance": ("2", "个"),
    "projects_low_balance_share_pct": ("25", "%"),
    "performance_score@4.4.1": ("94.59", "分"),
}


def test_values():
    check_values(facts_of(*SRC), EXPECTED)


def test_count_and_scores():
    facts = facts_of(*SRC)
    assert len(facts) == 189 + 19  # + document facts: 15 final_vs_budget, 4 stated_year
    scores = [f for f in facts if f.topic_key.startswith("eval_score:")]
    # 履职效能 4, 预算管理 5, 财务管理 4, 资产管理 4, 采购管理 3, 项目决策 4, 项目执行 4, 目标实现 4
    assert len(scores) == 32
    assert all(f.unit == "分" for f in scores)


def test_key_work_keeps_amounts_only():
    # 重点工作: "完成参保523686人,占…98.8%" are not amounts and are not recorded
    labels = {f.topic_key for f in facts_of(*SRC)}
    assert not any(k.startswith("other_") and "98.8" in k for k in labels)
    assert all(f.value != 523686 for f in facts_of(*SRC))


def test_refs():
    got = by_key(facts_of(*SRC))
    assert got["eval_score:budget_management"].source_ref == "narrative:L375"
    assert got["fiscal_total_change"].source_ref == "narrative:L125"
