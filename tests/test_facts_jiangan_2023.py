"""Golden facts of jiangan-2023-final.txt (plain text, sentences wrapped over lines)."""

from decimal import Decimal

from tests.test_facts_common import by_key, check_values, facts_of

SRC = ("jiangan-2023-final.txt", "final", 2023)

EXPECTED = {
    "income_total": ("1234.07", "万元"),
    "expenditure_total": ("1234.07", "万元"),
    "total_change": ("50.26", "万元"),
    "total_change_pct": ("4.2", "%"),
    "income_subtotal": ("1234.07", "万元"),
    "fiscal_income": ("1234.07", "万元"),
    "fiscal_income_share_pct": ("100", "%"),
    "expenditure_subtotal": ("1234.07", "万元"),
    "basic_expenditure": ("191.04", "万元"),
    "basic_share_pct": ("15.5", "%"),
    "project_expenditure": ("1043.03", "万元"),
    "project_share_pct": ("84.5", "%"),
    "fiscal_total": ("1234.07", "万元"),
    "fiscal_total_change": ("50.26", "万元"),
    "fiscal_income_general": ("1234.07", "万元"),
    "fiscal_income_general_change": ("85.3", "万元"),
    "fiscal_income_gov_fund": ("0", "万元"),
    "fiscal_income_gov_fund_change": ("-35.04", "万元"),
    "general_budget_expenditure": ("1234.07", "万元"),
    "general_budget_share_pct": ("100", "%"),
    "general_budget_expenditure_change": ("85.3", "万元"),
    "general_budget_expenditure_change_pct": ("7.4", "%"),
    "class_amount:208": ("18.78", "万元"),
    "class_share_pct:208": ("1.5", "%"),
    "class_amount:210": ("1189.08", "万元"),
    "class_share_pct:210": ("96.4", "%"),
    "class_amount:221": ("26.21", "万元"),
    "class_share_pct:221": ("2.1", "%"),
    "initial_budget": ("1634.35", "万元"),
    "initial_budget_completion_pct": ("75.5", "%"),
    "general_budget_basic": ("191.04", "万元"),
    "personnel_cost": ("181.02", "万元"),
    "public_cost": ("10.02", "万元"),
    "gov_fund_expenditure": ("0", "万元"),
    "state_capital_expenditure": ("0", "万元"),
    "three_public_total_budget": ("0.4", "万元"),
    "three_public_total_final": ("0", "万元"),
    "three_public_overseas_vs_budget": ("0", "万元"),
    "three_public_reception_final": ("0", "万元"),
    "three_public_reception_vs_budget": ("-0.4", "万元"),
    "vehicles_purchased": ("0", "辆"),
    "vehicles": ("0", "辆"),
    "operating_cost": ("10.02", "万元"),
    "operating_cost_vs_budget": ("-1.78", "万元"),
    "operating_cost_vs_budget_pct": ("-15.1", "%"),
    "procurement_total": ("20.11", "万元"),
    "procurement_goods": ("0.11", "万元"),
    "procurement_works": ("0", "万元"),
    "procurement_services": ("20", "万元"),
    "procurement_sme": ("20.11", "万元"),
    "procurement_sme_share_pct": ("100", "%"),
    "procurement_small_micro": ("20.11", "万元"),
    "large_equipment": ("0", "台(套)"),
    "self_eval_projects": ("4", "个"),
    "self_eval_amount": ("1043.03", "万元"),
    "dept_self_eval_units": ("1", "个"),
    "dept_self_eval_amount": ("1234.07", "万元"),
    # 第四部分 重点工作 (prose only; the summary table after "序号 重要事项" is skipped)
    "medical_aid_paid": ("966.22", "万元"),
    "medical_aid_inpatient": ("729.30", "万元"),
    "medical_aid_outpatient": ("236.92", "万元"),
    "fund_recovered": ("268.18", "万元"),
    "fund_recovered_part": ("10.67", "万元"),  # 一是…共追回医保基金10.67万元: one item of the 268.18
}


def test_values():
    check_values(facts_of(*SRC), EXPECTED)


def test_count():
    facts = facts_of(*SRC)
    # 98 topic facts + 79 of project lists, work reports and explanations + document facts:
    # 9 final_vs_budget, 5 stated_year
    assert len(facts) == 98 + 79 + 14
    # "2022年1-3季度的医中救助是按照80%比例进行预拨付" (in 7 explanations): a figure, but of no
    # topic — kept under the fallback key, never as a change rate of the paragraph's subject
    pcts = [f for f in facts if f.value == 80 and f.unit == "%"]
    assert [f.source_ref for f in pcts] == [f"narrative:L{n}" for n in (725, 739, 757, 777, 787, 813, 937)]
    assert all(f.topic_key.startswith("other_pct") for f in pcts)


def test_project_list_keeps_the_narratives_own_figure():
    # L855 "1.部门日常管理经费16.83万元" while the self-evaluation table says 16.84 (projects keeps
    # the table's): the narrative's figure is published as a fact
    got = by_key(facts_of(*SRC))
    assert got["project_list_amount"].value == Decimal("16.83")
    assert got["project_list_amount"].source_ref == "narrative:L855"
    assert got["project_self_eval_executed"].value == Decimal("16.83")


def test_work_report_counts():
    # 第四部分 L1230–1236: "全区医保参保人数80.8万人,其中职工医保61.6万人,居民医保19.2万人,
    # 职工医保、居民医保参保率稳定在95%以上,…报销比例分别达77.6%、69.2%"
    got = [(f.source_ref, f.value, f.unit, f.topic_key.split("@")[0]) for f in facts_of(*SRC)
           if f.source_ref in ("narrative:L1230", "narrative:L1232", "narrative:L1236")]
    assert got == [
        ("narrative:L1230", Decimal("80.8"), "万人", "work_persons:万人"),
        ("narrative:L1230", Decimal("61.6"), "万人", "work_persons:万人"),
        ("narrative:L1232", Decimal("19.2"), "万人", "work_persons:万人"),
        ("narrative:L1232", Decimal("95"), "%", "work_rate"),
        ("narrative:L1236", Decimal("77.6"), "%", "work_rate"),
        ("narrative:L1236", Decimal("69.2"), "%", "work_rate"),
    ]
    labels = {f.value: f.label for f in facts_of(*SRC) if f.source_ref == "narrative:L1236"}
    # "A、B…报销比例分别达x、y": A↔x, B↔y
    assert labels[Decimal("77.6")] == "职工医保住院费用政策范围内报销比例"
    assert labels[Decimal("69.2")] == "居民医保住院费用政策范围内报销比例"
    approx = [f.label for f in facts_of(*SRC) if f.source_ref == "narrative:L1304"]
    assert approx and approx[0].endswith("累计督导700余次")


def test_wrapped_sentence_keeps_start_line():
    got = by_key(facts_of(*SRC))
    # "2023 年度一般公共预算财政拨款支出年初预算为" / "1634.35 万元，…": the figure is on L845
    assert got["initial_budget"].source_ref == "narrative:L845"
    assert got["fiscal_income_gov_fund_change"].source_ref == "narrative:L791"


def test_other_year_and_labels_of_the_work_report():
    facts = facts_of(*SRC)
    # "2022年1-3季度的医中救助是按照80%比例进行预拨付" (L725 …): a figure of 2022
    advance = [f for f in facts if f.value == Decimal("80") and f.unit == "%"]
    assert [f.source_ref for f in advance] == [f"narrative:L{n}" for n in (725, 739, 757, 777, 787, 813, 937)]
    assert {(f.label, f.year) for f in advance} == {("2022年1-3季度的医中救助预拨付比例", 2022)}
    assert all(f.year is None for f in facts if f not in advance)
    by = {(f.source_ref, f.value): f for f in facts}
    # "抽查复查定点医药机构115家。其中,定点医疗机构15家、定点药店100家,抽查复查发现问题114家。
    # 其中,定点医疗机构15家、定点药店99家,抽查复查违规问题金额共计174.92万元。其中,定点医疗机构
    # 122.24万元、定点药店52.68万元。" (L1266–1274): each 其中 names its whole
    assert by[("narrative:L1268", Decimal("15"))].label == "抽查复查定点医药机构中定点医疗机构"
    assert by[("narrative:L1268", Decimal("100"))].label == "抽查复查定点医药机构中定点药店"
    assert by[("narrative:L1270", Decimal("15"))].label == "抽查复查发现问题中定点医疗机构"
    assert by[("narrative:L1270", Decimal("99"))].label == "抽查复查发现问题中定点药店"
    assert by[("narrative:L1272", Decimal("174.92"))].label == "抽查复查违规问题金额"
    assert by[("narrative:L1272", Decimal("122.24"))].label == "抽查复查违规问题金额中定点医疗机构"
    assert by[("narrative:L1274", Decimal("52.68"))].label == "抽查复查违规问题金额中定点药店"
    # "一是组织辖区定点医药机构开展自查自纠,覆盖率100%" (L1256)
    assert by[("narrative:L1256", Decimal("100"))].label == "组织辖区定点医药机构开展自查自纠覆盖率"
    # a heading wrapped over lines ends at its short last line: quotes do not run into the text
    assert by[("narrative:L1242", Decimal("100"))].quote == "四、严厉打击医保定点医药机构欺诈骗保行为,发现问题查处率100%"
    assert by[("narrative:L1244", Decimal("683"))].quote == "2023年,全区正常联网结算的“两定机构”共有683家。"
    assert by[("narrative:L1198", Decimal("2.9214"))].quote.startswith("2023年,我局共救助困难群众")
    assert by[("narrative:L1212", Decimal("8"))].quote.startswith("动员辖区医疗机构参加湖北省")
    drg = by[("narrative:L1288", Decimal("100"))]
    assert drg.quote.startswith("完成辖区定点医疗机构DRG付费100%覆盖") and drg.label == "完成辖区定点医疗机构DRG付费覆盖率"
