"""Golden facts of jiangan-2024-final.md (values typed from the source's 第三部分/第四部分)."""

from decimal import Decimal

from tests.test_facts_common import by_key, check_values, facts_of

SRC = ("jiangan-2024-final.md", "final", 2024)

EXPECTED = {
    # 一、收入支出决算总体情况 (L332)
    "income_total": ("1627.17", "万元"),
    "expenditure_total": ("1627.17", "万元"),
    "total_change": ("393.1", "万元"),
    "total_change_pct": ("24.2", "%"),
    # 二、收入 (L342)
    "income_subtotal": ("1627.17", "万元"),
    "income_subtotal_change": ("393.1", "万元"),
    "income_subtotal_change_pct": ("24.2", "%"),
    "fiscal_income": ("1627.17", "万元"),
    "fiscal_income_share_pct": ("100", "%"),
    # 三、支出 (L351)
    "expenditure_subtotal": ("1627.17", "万元"),
    "basic_expenditure": ("189.66", "万元"),
    "basic_share_pct": ("11.7", "%"),
    "project_expenditure": ("1437.51", "万元"),
    "project_share_pct": ("88.3", "%"),
    # 四、财政拨款 (L359, L361)
    "fiscal_total": ("1627.17", "万元"),
    "fiscal_total_change": ("393.1", "万元"),
    "fiscal_total_change_pct": ("24.2", "%"),
    "fiscal_income_general": ("1627.17", "万元"),
    "fiscal_income_general_change": ("393.1", "万元"),
    # 五、一般公共预算财政拨款支出
    "general_budget_expenditure": ("1627.17", "万元"),
    "general_budget_share_pct": ("100", "%"),
    "general_budget_expenditure_change": ("393.1", "万元"),
    "general_budget_expenditure_change_pct": ("24.2", "%"),
    "general_budget_expenditure@3.5.2": ("1627.17", "万元"),
    "class_amount:208": ("14.12", "万元"),
    "class_share_pct:208": ("0.9", "%"),
    "class_amount:210": ("1589.41", "万元"),
    "class_share_pct:210": ("97.7", "%"),
    "class_amount:221": ("23.64", "万元"),
    "class_share_pct:221": ("1.4", "%"),
    "initial_budget": ("1527.2", "万元"),
    "general_budget_expenditure@3.5.3": ("1627.17", "万元"),
    "initial_budget_completion_pct": ("106.5", "%"),
    "basic_expenditure@3.5.3": ("189.66", "万元"),
    "project_expenditure@3.5.3": ("1437.51", "万元"),
    # 六、基本支出
    "general_budget_basic": ("189.66", "万元"),
    "personnel_cost": ("175.92", "万元"),
    "public_cost": ("13.74", "万元"),
    # 七、八: "本部门无…" stated as 0
    "gov_fund_expenditure": ("0", "万元"),
    "fiscal_income_gov_fund": ("0", "万元"),
    "state_capital_expenditure": ("0", "万元"),
    # 九、三公
    "three_public_total_budget": ("0.2", "万元"),
    "three_public_total_final": ("0", "万元"),
    "three_public_total_completion_pct": ("0", "%"),
    "three_public_total_change": ("0", "万元"),
    "three_public_overseas_budget": ("0", "万元"),
    "three_public_overseas_final": ("0", "万元"),
    "three_public_overseas_groups": ("0", "个"),
    "three_public_overseas_persons": ("0", "人次"),
    "three_public_vehicle_budget": ("0", "万元"),
    "three_public_vehicle_final": ("0", "万元"),
    "three_public_vehicle_purchase_final": ("0", "万元"),
    "three_public_vehicle_operation_final": ("0", "万元"),
    "vehicles_purchased": ("0", "辆"),
    "vehicles": ("0", "辆"),
    "three_public_reception_budget": ("0.2", "万元"),
    "three_public_reception_final": ("0", "万元"),
    "three_public_reception_completion_pct": ("0", "%"),
    "three_public_reception_foreign_final": ("0", "万元"),
    "three_public_reception_domestic_final": ("0", "万元"),
    "three_public_reception_domestic_groups": ("0", "个"),
    # 十、机关运行经费 (L449)
    "operating_cost": ("13.74", "万元"),
    "operating_cost_vs_budget": ("-1.29", "万元"),
    "operating_cost_vs_budget_pct": ("-8.6", "%"),
    # 十一、政府采购 (L453)
    "procurement_total": ("19.05", "万元"),
    "procurement_goods": ("0.18", "万元"),
    "procurement_works": ("0", "万元"),
    "procurement_services": ("18.87", "万元"),
    "procurement_sme": ("19.05", "万元"),
    "procurement_sme_share_pct": ("100", "%"),
    "procurement_small_micro": ("19.05", "万元"),
    "procurement_small_micro_share_of_procurement_sme_pct": ("100", "%"),  # 占授予中小企业合同金额的100%
    "procurement_sme_goods_share_pct": ("100", "%"),
    "procurement_sme_services_share_pct": ("100", "%"),
    # 十二、国有资产 (L457)
    "vehicles@3.12": ("0", "辆"),
    "large_equipment": ("0", "台(套)"),
    # 十三、绩效
    "self_eval_projects": ("6", "个"),
    "self_eval_amount": ("1437.51", "万元"),
    "self_eval_amount_share_pct": ("100", "%"),
    "dept_self_eval_units": ("1", "个"),
    "dept_self_eval_amount": ("1627.17", "万元"),
    # 第四部分 重点工作 (amounts only)
    "medical_aid_paid": ("1359.96", "万元"),
    "fund_recovered": ("1903.04", "万元"),
}


def test_values():
    check_values(facts_of(*SRC), EXPECTED)


def test_count_and_no_unclaimed_figures_in_the_explanation():
    facts = facts_of(*SRC)
    # 94 topic facts + 68 of the project lists and work reports (24 project-list figures, 41 work
    # statistics, 3 restated 追回/拨付/一般公共预算 amounts) + document facts: 9 final_vs_budget,
    # 7 stated_year, 9 toc_statement
    assert len(facts) == 94 + 68 + 25
    # the only fallback amounts/percentages are the 重点工作 figures of 第四部分 (L503)
    others = [f for f in facts if f.topic_key.startswith("other_")]
    assert [(f.label, f.value) for f in others] == [
        ("省平台入库金额", Decimal("10736.29")),
        ("医院HIS采购金额", Decimal("12314.34")),
        ("网采率较上年度提高", Decimal("16")),  # "网采率87%,较上年度提高16%" (the text prints %)
    ]


def test_project_lists_are_facts_too():
    # "项目支出主要用于:1.部门日常管理经费11.8万元,主要成效:…" (L386–394) and the 绩效自评综述
    # (L473–481): the narrative's own figures (a table may override them in `projects`)
    facts = facts_of(*SRC)
    amounts = [(f.source_ref, f.value) for f in facts if f.topic_key.startswith("project_list_amount")]
    assert amounts == [
        ("narrative:L386", Decimal("11.8")),
        ("narrative:L387", Decimal("13.25")),
        ("narrative:L391", Decimal("1359.96")),
        ("narrative:L392", Decimal("0.07")),
        ("narrative:L393", Decimal("3")),
        ("narrative:L394", Decimal("49.43")),
    ]
    budgets = [f.value for f in facts if f.topic_key.startswith("project_self_eval_budget")]
    assert budgets == [Decimal(v) for v in ("11.8", "13.25", "1359.96", "0.07", "49.43", "3")]
    rates = [f.value for f in facts if f.topic_key.startswith("project_self_eval_rate")]
    assert rates == [Decimal("100")] * 6
    got = by_key(facts)
    assert got["project_list_amount"].label == "部门日常管理经费(项目支出)"
    assert got["project_self_eval_budget@3.13.3.5"].label == "2024年第二批中央财政医疗服务与保障能力提升补助资金项目全年预算数"
    assert Decimal("13.96") not in {f.value for f in facts}  # a budget_execution row


def test_work_report_counts():
    # 第四部分 L503: "实施集中带量采购22批,涉及药品416种、高值耗材11种。…中选药品593种、医用耗材29类。
    # 参与高值医用耗材采购机构共8家,省平台入库数量108830件,…医院HIS采购数量136973件,…网采率87%"
    got = [(f.value, f.unit) for f in facts_of(*SRC) if f.source_ref == "narrative:L503" and f.unit != "万元"]
    assert got == [
        (Decimal("22"), "批"), (Decimal("416"), "种"), (Decimal("11"), "种"), (Decimal("593"), "种"),
        (Decimal("29"), "类"), (Decimal("8"), "家"), (Decimal("108830"), "件"), (Decimal("136973"), "件"),
        (Decimal("87"), "%"), (Decimal("16"), "%"),
    ]
    rate = next(f for f in facts_of(*SRC) if f.source_ref == "narrative:L503" and f.value == 87)
    assert rate.topic_key.startswith("work_rate") and rate.label == "网采率"


def test_provenance_and_quote():
    got = by_key(facts_of(*SRC))
    total = got["total_change_pct"]
    assert total.source_ref == "narrative:L332"
    assert total.quote.startswith("与2023年度相比,收、支总计各增加393.1万元,增长24.2%")
    assert len(got["procurement_total"].quote) <= 200
    assert got["class_amount:221"].source_ref == "narrative:L380"
    # "2025年度城乡居民基本医疗保险参保人数17.78万人,目标完成率102.38%" (L393, L481, L494): of 2025
    later = [f for f in facts_of(*SRC) if f.year is not None]
    assert [(f.source_ref, f.value, f.year) for f in later] == [
        (f"narrative:L{n}", Decimal(v), 2025) for n in (393, 481, 494) for v in ("17.78", "102.38")]
    assert {f.label for f in later} == {"2025年度城乡居民基本医疗保险参保人数", "目标完成率"}
