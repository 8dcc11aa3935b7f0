"""The narrative against itself: restatements and parts (generator/check/restated.py).

cangxi-2024-final (typed from the source): L240 "政府采购支出总额5.67万元,其中:政府采购货物支出5.67万元…
授予中小企业合同金额0万元,占政府采购支出总额的0%,其中:授予小微企业合同金额5.67万元,占政府采购支出总额的100%";
L414 "我部门2024年度不存在政府采购" (a 0). Both contradictions fail.
jiangan-2023-final L1248 "已追回医保基金268.18万元" and L1258 (after "一是…") "共追回医保基金10.67万元": the
second is one item of the first, not a restatement of it.
"""

from __future__ import annotations

from decimal import Decimal

from generator.check.restated import parts, restatements
from generator.model import Disclosure, Status
from tests.test_checks_real import build
from tests.test_checks_support import F, by_id, meta


def test_cangxi_procurement_contradictions_fail() -> None:
    r = by_id(build("cangxi-2024-final").checks)
    total = r["N.restated.procurement_total@4.3.1"]
    assert total.status is Status.FAIL
    assert (total.expected, total.actual) == (Decimal("5.67"), Decimal("0"))
    assert total.source_ref == "narrative:L240 narrative:L414"
    assert "L240" in total.explanation and "L414" in total.explanation and "5.67" in total.explanation
    small = r["N.part.procurement_small_micro"]
    assert small.status is Status.FAIL
    assert (small.expected, small.actual) == (Decimal("5.67"), Decimal("0"))  # part 5.67, whole 0
    assert "大于授予中小企业合同金额" in small.explanation
    assert r["N.part.procurement_sme"].status is Status.PASS  # 0 ≤ 5.67
    assert r["N.part.procurement_goods"].status is Status.PASS  # 5.67 ≤ 5.67


def test_consistent_restatements_pass() -> None:
    r = by_id(build("cangxi-2024-final").checks)
    # 收入总计 949.22 (L96 收支总计, L357 收入总计)
    assert r["N.restated.income_total@4.2.1"].status is Status.PASS
    assert r["N.restated.performance_score@4.4.1"].actual == Decimal("94.59")


def test_a_part_of_an_enumeration_is_no_restatement() -> None:
    d = build("jiangan-2023-final")
    keys = {f.topic_key: f for f in d.facts if f.topic_key.startswith("fund_recovered")}
    assert keys["fund_recovered"].value == Decimal("268.18")
    assert keys["fund_recovered_part"].value == Decimal("10.67")
    assert keys["fund_recovered_part"].source_ref == "narrative:L1258"
    assert not [c for c in d.checks if c.check_id.startswith("N.restated.fund_recovered")]


def test_labelled_parts_of_a_whole() -> None:
    r = by_id(build("jiangan-2023-final").checks)
    # L1272-1274 "抽查复查违规问题金额174.92万元,其中定点医疗机构122.24万元,定点药店52.68万元"
    part = next(c for c in r.values() if c.check_id.startswith("N.part.other_amount") and c.expected == Decimal("122.24"))
    assert part.status is Status.PASS and part.actual == Decimal("174.92")


def _disclosure(*facts: object) -> Disclosure:
    return Disclosure(meta=meta(), facts=list(facts))  # type: ignore[arg-type]


def test_restatement_verdicts() -> None:
    d = _disclosure(F("procurement_total", "5.67"), F("procurement_total@4", "5.7"),
                    F("procurement_total@5", "6.00"), F("vehicles", "2", "辆"), F("vehicles@3", "2", "辆"),
                    F("work_units:家", "1", "家", label="解除医保协议"), F("work_units:家@2", "3", "家", label="中止医保协议"))
    r = by_id(restatements(d))
    assert r["N.restated.procurement_total@4"].status is Status.WARN  # 5.7 is 5.67 rounded
    assert r["N.restated.procurement_total@5"].status is Status.FAIL
    assert r["N.restated.vehicles@3"].status is Status.PASS
    assert not any(k.startswith("N.restated.work_units") for k in r)  # generic figures are no topic
    # another year's figure is another figure
    d = _disclosure(F("income_total", "10"), F("income_total@2", "8", year=2023))
    assert restatements(d) == []


def test_part_verdicts() -> None:
    d = _disclosure(F("procurement_total", "10"), F("procurement_sme", "12"), F("procurement_small_micro", "3"),
                    F("work_units:家", "15", "家", label="抽查复查发现问题"),
                    F("work_units:家@2", "16", "家", label="抽查复查发现问题中定点药店"))
    r = by_id(parts(d))
    assert r["N.part.procurement_sme"].status is Status.FAIL
    assert r["N.part.procurement_small_micro"].status is Status.PASS
    assert r["N.part.work_units:家@2"].status is Status.FAIL
    assert "部分不能大于整体" in r["N.part.work_units:家@2"].explanation
