"""Golden facts of cangxi-2024-final.md: 决算情况说明, 概况 and the 绩效评价报告 (附件1)."""

from decimal import Decimal

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
    # 189 topic facts + 28 work statistics (重点工作 L74–84: 20, 机构 L322: 3, 绩效评价 L369–389: 5)
    # + document facts: 15 final_vs_budget, 4 stated_year
    assert len(facts) == 189 + 28 + 19
    scores = [f for f in facts if f.topic_key.startswith("eval_score:")]
    # 履职效能 4, 预算管理 5, 财务管理 4, 资产管理 4, 采购管理 3, 项目决策 4, 项目执行 4, 目标实现 4
    assert len(scores) == 32
    assert all(f.unit == "分" for f in scores)


# Counts and rates of the narrative no topic names, typed from the source: (line, value, unit).
WORK_STATISTICS = [
    ("L74", "30", "次"), ("L74", "5", "次"),  # 组织学习30余次, 开展专题研讨5次
    ("L76", "4", "次"), ("L76", "3", "次"), ("L76", "2", "次"), ("L76", "1", "次"),
    ("L78", "8", "次"), ("L78", "7", "人"), ("L78", "2", "人"), ("L78", "1", "人"),
    ("L80", "523686", "人"), ("L80", "53", "万人"), ("L80", "98.8", "%"), ("L80", "100", "%"), ("L80", "37.09", "万人"),
    ("L82", "54.45", "万人"), ("L82", "95", "%"), ("L82", "236", "家"), ("L82", "100", "%"),
    ("L84", "12", "次"),
    ("L322", "1", "室"), ("L322", "4", "股"), ("L322", "1", "中心"),  # 内设1室4股1中心
    ("L369", "51", "万人次"), ("L369", "100", "%"), ("L369", "2", "次"),
    ("L373", "97", "%"),  # 执行率大于97%: a bound that ends its clause is a stated figure
    ("L389", "1", "名"), ("L389", "1", "名"),  # 会计人员1名, 出纳人员1名
]
WORK_KEYS = ("work_persons", "work_staff", "work_times", "work_units", "work_rate", "other_pct")


def test_work_statistics():
    got = [
        (f.source_ref.removeprefix("narrative:"), f.value, f.unit)
        for f in facts_of(*SRC)
        if f.topic_key.split("@")[0].split(":")[0] in WORK_KEYS
    ]
    assert got == [(ref, Decimal(v), u) for ref, v, u in WORK_STATISTICS]


def test_work_statistic_keys_and_labels():
    facts = [f for f in facts_of(*SRC) if f.topic_key.split("@")[0].split(":")[0] in WORK_KEYS]
    by_ref_value = {(f.source_ref, f.value, f.unit): f for f in facts}
    bound = by_ref_value[("narrative:L373", Decimal("97"), "%")]
    assert bound.topic_key.startswith("work_rate") and bound.label == "医保政策宣传普及执行率大于97%"
    approx = by_ref_value[("narrative:L74", Decimal("30"), "次")]
    assert approx.topic_key == "work_times" and approx.label.endswith("组织学习30余次")
    assert by_ref_value[("narrative:L82", Decimal("95"), "%")].label == "激活率达95%以上"
    assert by_ref_value[("narrative:L80", Decimal("523686"), "人")].label == "完成参保"
    # "完成参保523686人,占市下达目标任务53万人的98.8%": a share names its part and its whole
    assert by_ref_value[("narrative:L80", Decimal("98.8"), "%")].label == "完成参保占市下达目标任务比例"
    assert by_ref_value[("narrative:L80", Decimal("53"), "万人")].label == "市下达目标任务"
    # "特殊群体100%参保": the verb after the figure says what the rate is
    assert by_ref_value[("narrative:L80", Decimal("100"), "%")].label == "特殊群体参保率"
    # "截至10月31日,2025年度城乡居民医保缴费已完成37.09万人": a figure of 2025, no verb in the label
    paid = by_ref_value[("narrative:L80", Decimal("37.09"), "万人")]
    assert (paid.label, paid.year) == ("2025年度城乡居民医保缴费人数", 2025)
    assert all(f.year is None for f in facts if f is not paid)
    # "全县236家均已实现医保药品耗材追溯码接口改造": a place alone is no label
    assert by_ref_value[("narrative:L82", Decimal("236"), "家")].label == "全县实现医保药品耗材追溯码接口改造的机构"
    assert by_ref_value[("narrative:L82", Decimal("100"), "%")].label == "接入率"
    # "县医疗保障局部门内设1室4股1中心": each count names its own unit, not the previous count
    assert [by_ref_value[("narrative:L322", Decimal(v), u)].label for v, u in (("1", "室"), ("4", "股"), ("1", "中心"))] == [
        "县医疗保障局部门内设室", "县医疗保障局部门内设股", "县医疗保障局部门内设中心"]
    staff = [f for f in facts if f.topic_key.startswith("work_staff")]
    assert [f.label for f in staff] == ["配有会计人员", "出纳人员"]
    assert [f.topic_key for f in staff] == ["work_staff", "work_staff@4.3.1"]


def test_thresholds_are_no_figures():
    # "预算结余率大于10%的项目共计6个": the 10% names the category; the 6 is the figure
    values = [(f.source_ref, f.value) for f in facts_of(*SRC)]
    assert ("narrative:L423", Decimal("10")) not in values
    assert ("narrative:L423", Decimal("6")) in values


def test_refs():
    got = by_key(facts_of(*SRC))
    assert got["eval_score:budget_management"].source_ref == "narrative:L375"
    assert got["fiscal_total_change"].source_ref == "narrative:L125"
