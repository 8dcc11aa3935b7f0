"""Errors planted in a copy of a bundled source: the cross-checks between two places that print one
figure object to them, and pass on the original.

- shanhaiguan-2024-budget L1895: 医保业务经费 资金支出计划 12月底 32.00 (预算数 32.00 万元, L1869) → 40.00:
  the plan runs above its budget (P.plan fails). The original's 12月底 32.00 passes.
- jiangan-2023-final L859: "2.医保资金监管经费 59.91 万元，主要成效" → 59.81, while its self-evaluation
  table (L1928) prints 执行数 59.91: P.narrative fails. The original passes.
Values typed from the sources.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.catalog import load_catalog
from generator.model import CheckResult, Disclosure, Status
from generator.pipeline import build_disclosure
from tests.test_checks_real import ROOT, build


def _planted(tmp_path: Path, disclosure_id: str, line: int, old: str, new: str) -> Disclosure:
    meta = next(m for m in load_catalog(ROOT / "sources" / "catalog.yaml") if m.disclosure_id == disclosure_id)
    source = ROOT / "sources" / meta.file
    lines = source.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    copy = tmp_path / source.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    meta.sha256 = ""
    return build_disclosure(meta, copy)


def _check(d: Disclosure, check_id: str) -> CheckResult:
    return next(c for c in d.checks if c.check_id == check_id)


def test_spending_plan_above_its_budget(tmp_path: Path) -> None:
    planted = _planted(tmp_path, "shanhaiguan-2024-budget", 1895, "32.00", "40.00")
    result = _check(planted, "P.plan.医保业务经费")
    assert result.status is Status.FAIL
    assert (result.expected, result.actual) == (Decimal("32.00"), Decimal("40.00"))
    assert "超过预算数32.00万元" in result.explanation
    assert _check(build("shanhaiguan-2024-budget"), "P.plan.医保业务经费").status is Status.PASS


def test_spending_plans_of_the_original() -> None:
    d = build("shanhaiguan-2024-budget")
    # L2066 专项补助 12月底 112.00 above 预算数 102.50 (L2044); L1804 人事代理专项补助 20.00 below 21.10
    over = _check(d, "P.plan.专项补助")
    assert (over.status, over.expected, over.actual) == (Status.FAIL, Decimal("102.50"), Decimal("112.00"))
    under = _check(d, "P.plan.人事代理专项补助")
    assert (under.status, under.expected, under.actual) == (Status.FAIL, Decimal("21.10"), Decimal("20.00"))
    assert "少于预算数" in under.explanation
    # L1717 全民参保业务经费: 10月底 3.00 is the last value printed and the 预算数 3.00
    assert _check(d, "P.plan.全民参保业务经费").status is Status.PASS


def test_narrative_project_amount_differs_from_its_table(tmp_path: Path) -> None:
    planted_value = "59.81"
    planted = _planted(tmp_path, "jiangan-2023-final", 859, "59.91", planted_value)
    result = _check(planted, "P.narrative.project_list_amount@3.5.3")
    assert result.status is Status.FAIL
    assert (result.expected, result.actual) == (Decimal("59.91"), Decimal(planted_value))
    assert "医保资金监管经费" in result.explanation and "59.91" in result.explanation
    original = _check(build("jiangan-2023-final"), "P.narrative.project_list_amount@3.5.3")
    assert original.status is Status.PASS


def test_narrative_project_amounts_of_the_originals() -> None:
    # jiangan-2023 L855 "部门日常管理经费16.83万元", its table L1791 16.84: within rounding
    r = _check(build("jiangan-2023-final"), "P.narrative.project_list_amount")
    assert (r.status, r.expected, r.actual) == (Status.WARN, Decimal("16.84"), Decimal("16.83"))
    # jiangan-2024: the OCR lost the table's 预算数/执行数 of 部门日常管理经费 (L592); they are read from the
    # narrative (L386, L473), so comparing them with the narrative would be circular
    r = _check(build("jiangan-2024-final"), "P.narrative.project_list_amount")
    assert r.status is Status.SKIP
    project = next(p for p in build("jiangan-2024-final").projects if p.name == "部门日常管理经费")
    assert project.source_ref == "L592 L386 L473"
