"""The checks object to every error planted in a copy of a real disclosure.

putuo-caizhengju-2024-final-planted-errors.pdf is putuo-caizhengju-2024-final.pdf with
errors put in by hand. Each planted error must produce a failing check in the copy, and
the same check must pass (or be absent) in the original. The original has real errors
of its own, which must fail there: 财政拨款收入支出总计 printed as 0.3万元 (04表: 2961.68) and
一般公共服务支出 "占71.73%" (2106.66 ÷ 2940.05 = 71.65%).
Figures below are typed from the PDFs (第三部分 情况说明, pp. 21–24 of the original).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.model import CheckResult, Disclosure, Status
from generator.pipeline import build_from_document, infer_meta, read

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-pdfs"
ORIGINAL = REAL / "putuo-caizhengju-2024-final.pdf"
PLANTED = REAL / "putuo-caizhengju-2024-final-planted-errors.pdf"

pytestmark = pytest.mark.skipif(not PLANTED.is_file() or not ORIGINAL.is_file(),
                                reason="../shared/real-pdfs not present")


def _build(path: Path) -> Disclosure:
    doc = read(path)
    return build_from_document(infer_meta(doc, path), doc)


@pytest.fixture(scope="module")
def original() -> Disclosure:
    return _build(ORIGINAL)


@pytest.fixture(scope="module")
def planted() -> Disclosure:
    return _build(PLANTED)


def _checks(d: Disclosure, prefix: str, text: str = "") -> list[CheckResult]:
    """Checks whose id is `prefix` or `prefix~n`, whose description contains `text`."""
    return [c for c in d.checks if c.check_id.split("~")[0] == prefix and text in c.description]


def _failing(d: Disclosure, prefix: str, text: str = "") -> list[CheckResult]:
    return [c for c in _checks(d, prefix, text) if c.status == Status.FAIL]


# (planted error, check id, text in the description)
PLANTED_ERRORS = [
    ("第二部分 heading says 上海市普陀区XX局", "D.placeholder", "XX"),
    ("03 支出决算表 missing though 目录 lists it", "T03.absent", "目录"),
    ("三公 table printed without amounts", "T09.absent", "三公"),
    ("第三部分 heading says 2023年度 in a 2024 disclosure", "D.year.heading", "2023年度部门决算情况说明"),
    ("收入支出总计0万元 (01表 2995.39)", "N.facts.expenditure_total", ""),
    ("职业年金 80.81 → 80.38 called 决算数大于预算数", "N.final_vs_budget.2080506", "大于"),
    ("行政单位医疗 62.29 → 60.99 called 决算数等于预算数", "N.final_vs_budget.2101101", "等于"),
    ("截至2023年12月31日", "D.year.as_of", "2023"),
    # not in the list we were given, found by the checks: 行政运行 1560.05 → 1511.89 called 大于
    ("行政运行 1560.05 → 1511.89 called 决算数大于预算数", "N.final_vs_budget.2010601", "大于"),
]


@pytest.mark.parametrize(("error", "check_id", "text"), PLANTED_ERRORS, ids=[e[1] for e in PLANTED_ERRORS])
def test_planted_error_fails(planted: Disclosure, original: Disclosure, error: str, check_id: str,
                             text: str) -> None:
    assert _failing(planted, check_id, text), f"no failing {check_id} for: {error}"
    assert not _failing(original, check_id), f"{check_id} fails in the original too"


def test_figures_behind_the_verdicts(planted: Disclosure, original: Disclosure) -> None:
    (total,) = _checks(planted, "N.facts.expenditure_total")
    assert (total.expected, total.actual) == (Decimal("2995.39"), Decimal("0"))
    (total,) = _checks(original, "N.facts.expenditure_total")
    assert (total.status, total.actual) == (Status.PASS, Decimal("2995.39"))
    pension = _failing(planted, "N.final_vs_budget.2080506")[0]
    assert "80.81" in pension.description and "80.38" in pension.description
    assert (pension.expected, pension.actual) == (Decimal(-1), Decimal(1))
    medical = _failing(planted, "N.final_vs_budget.2101101")[0]
    assert (medical.expected, medical.actual) == (Decimal(-1), Decimal(0))
    for check_id in ("N.final_vs_budget.2080506", "N.final_vs_budget.2101101", "D.year.as_of"):
        assert [c.status for c in _checks(original, check_id)] == [Status.PASS], check_id
    years = _checks(original, "D.year.heading")
    assert years and all(c.status == Status.PASS for c in years)


def test_the_original_own_errors_fail(original: Disclosure, planted: Disclosure) -> None:
    (fiscal,) = _checks(original, "N.facts.fiscal_total")
    assert (fiscal.status, fiscal.expected, fiscal.actual) == (Status.FAIL, Decimal("2961.68"), Decimal("0.3"))
    # the planted copy prints 2961.68 there
    (fiscal,) = _checks(planted, "N.facts.fiscal_total")
    assert (fiscal.status, fiscal.actual) == (Status.PASS, Decimal("2961.68"))
    (share,) = _checks(original, "N.facts.class_share_pct:201")
    assert (share.status, share.actual) == (Status.FAIL, Decimal("71.73"))


def test_the_empty_three_public_table_is_kept_raw_and_reported(planted: Disclosure) -> None:
    (raw,) = [r for r in planted.raw_tables if r.kind == "three_public"]
    assert "prints no amounts" in raw.reason
    assert any("prints no amounts" in p for p in planted.problems)
    assert planted.three_public == []


def test_no_other_failure_in_the_original(original: Disclosure) -> None:
    assert sorted(c.check_id for c in original.checks if c.status == Status.FAIL) == [
        "N.facts.class_share_pct:201", "N.facts.fiscal_total"]


def test_narrative_figures_set_apart_in_the_pdf_are_read(original: Disclosure) -> None:
    """ONLYOFFICE sets the figures of a prose line a few points lower: they are put back."""
    facts = {f.topic_key: f.value for f in original.facts}
    assert facts["expenditure_total"] == Decimal("2995.39")
    assert facts["fiscal_total"] == Decimal("0.3")
    assert facts["initial_budget"] == Decimal("2993.92")
    assert facts["operating_cost"] == Decimal("184.65")
    assert facts["three_public_total_initial_budget"] == Decimal("0.95")
    rows = {r.code: (r.initial_budget, r.final) for r in original.budget_execution}
    assert len(rows) == 11
    assert rows["2080506"] == (Decimal("80.81"), Decimal("80.38"))
    assert rows["2101101"] == (Decimal("62.29"), Decimal("60.99"))
    assert rows["2010601"] == (Decimal("1560.05"), Decimal("1511.89"))
