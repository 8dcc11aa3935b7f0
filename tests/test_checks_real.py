"""run_checks on the real sources: outcomes typed from reading the sources (not from output).

jiangan-2024-final:
- 03表's 合计 line lost its 合计 cell in the OCR ("功能分类 科目名称 合计 | | 189. 66 | 1, 437. 51"):
  the row check is listed as a skip that still shows the expected 189.66 + 1437.51 = 1627.17.
- The narrative says 收支总计 +393.1万元 "增长24.2%"; 1627.17 - 393.1 = 1234.07 (the 2023 total),
  and 393.1 / 1234.07 = 31.85% — 24.2% is 393.1 / 1627.17, the wrong base: a genuine fail.
- 住房保障支出 23.64 of 1627.17 is 1.45%, printed "1.4%" (the shares were forced to sum to 100).
shanhaiguan-2024-budget: 卫生健康支出 387.61 while its 款 lines 14.70 + 372.92 = 387.62 (02/03/05),
and 301 工资福利支出 242.65 while its 款 lines add up to 242.67 (06): rounding-size warnings.
huaxian-2024-budget: 公用经费 58.63 while its 13 lines add up to 58.64 (06): a warning.
cangxi-2024-final: 本年收入合计 949.13 = 908.44 + 40.68 (= 949.12): a warning; the 14 self-evaluation
tables' 执行数 add up to less than the 项目支出 442.12 stated in the narrative: a fail.
Every fail and warn carries a Chinese sentence (explanation); pass and skip none.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from generator.model import Disclosure, Status

pytest.importorskip("generator.normalize.functional")
pytest.importorskip("generator.narrative.facts")

ROOT = Path(__file__).resolve().parent.parent


@cache
def build(disclosure_id: str) -> Disclosure:
    from generator.catalog import load_catalog
    from generator.pipeline import build_disclosure

    meta = next(m for m in load_catalog(ROOT / "sources" / "catalog.yaml") if m.disclosure_id == disclosure_id)
    return build_disclosure(meta, ROOT / "sources" / meta.file)


def checks(disclosure_id: str) -> dict:
    d = build(disclosure_id)
    ids = [c.check_id for c in d.checks]
    assert len(ids) == len(set(ids)), "check ids are unique within a disclosure"
    return {c.check_id: c for c in d.checks}


def test_jiangan_2024_tables() -> None:
    r = checks("jiangan-2024-final")
    assert r["T01.income_subtotal"].status is Status.PASS
    assert r["T01.income_subtotal"].actual == Decimal("1627.17")
    # the OCR-damaged 合计 line of 03表: its total is read from the garbled reprint at L181
    total_row = r["T03.row.total.total=basic+project"]
    assert total_row.status is Status.PASS
    assert total_row.expected == Decimal("1627.17") and total_row.actual == Decimal("1627.17")
    assert r["T03.row.2101103.total=basic+project"].status is Status.PASS  # 8.20 = 7.46 + 0.74
    assert r["T06.personnel"].status is Status.PASS and r["T06.personnel"].actual == Decimal("175.92")
    assert r["T06.public"].status is Status.PASS and r["T06.public"].actual == Decimal("13.74")
    assert r["X.T05-T06.basic"].status is Status.PASS and r["X.T05-T06.basic"].expected == Decimal("189.66")
    assert r["T09.budget.total=overseas+vehicle+reception"].actual == Decimal("0.20")
    assert r["X.T01-T02.income_subtotal"].status is Status.PASS


def test_jiangan_2024_text() -> None:
    r = checks("jiangan-2024-final")
    change = r["N.facts.total_change_pct"]
    assert change.status is Status.FAIL
    assert change.actual == Decimal("24.2")
    assert Decimal("31.85") < change.expected < Decimal("31.86")
    # 23.64 / 1627.17 = 1.4528%, printed "1.4%": cut off, not rounded (1.5) — a rounding-scale
    # difference, told apart from the wrong-base change rates in its sentence
    share = r["N.facts.class_share_pct:221"]
    assert share.status is Status.WARN
    assert "舍去尾数" in share.explanation and "1.5%" in share.explanation
    assert "以本年数1,627.17为基数" in change.explanation and "1,234.07" in change.explanation
    assert "31.9%" in change.explanation
    assert r["N.facts.class_share_pct:210"].status is Status.PASS  # 97.68% printed as 97.7%: right
    assert r["N.facts.personnel_cost"].status is Status.PASS
    assert r["N.facts.initial_budget_completion_pct"].status is Status.PASS  # 1627.17 / 1527.2 = 106.546%
    assert r["P.sum.self_eval"].status is Status.PASS  # 11.8+13.25+1359.96+0.07+3+49.43 = 1437.51


def test_rounding_warnings_in_budget_tables() -> None:
    s = checks("shanhaiguan-2024-budget")
    for cid in ("T02.class.210.total", "T03.class.210.total", "T05.class.210.total"):
        assert s[cid].status is Status.WARN, cid
        assert s[cid].expected == Decimal("387.62") and s[cid].actual == Decimal("387.61")
    assert s["T06.class.301"].status is Status.WARN and s["T06.class.301"].expected == Decimal("242.67")
    h = checks("huaxian-2024-budget")
    assert h["T06.public"].status is Status.WARN and h["T06.public"].expected == Decimal("58.64")
    assert h["T02.absent"].status is Status.SKIP  # huaxian publishes no 收入总表


def test_cangxi_from_the_narrative() -> None:
    r = checks("cangxi-2024-final")
    assert r["T01.income_subtotal"].status is Status.WARN
    assert r["T01.income_subtotal"].expected == Decimal("949.12")
    assert r["P.sum.self_eval"].status is Status.FAIL and r["P.sum.self_eval"].expected == Decimal("442.12")
    assert r["N.facts.total_change_pct"].status is Status.PASS  # -1406.32 / 2355.54 = -59.70%


def test_every_source_runs_with_unique_ids() -> None:
    for did in ("jiangan-2023-final", "jiangan-2024-final", "cangxi-2024-final", "huaxian-2024-budget",
                "shanhaiguan-2024-budget"):
        r = checks(did)
        assert r, did
        figures = [c for c in r.values() if not c.check_id.startswith("C.code.")]  # code checks compare names
        assert all(c.status is Status.SKIP or c.expected is not None for c in figures)
        for c in figures:
            if c.status is not Status.SKIP:
                assert c.difference == c.actual - c.expected


def test_audit_fixes_on_the_sources() -> None:
    # shanhaiguan L1575 "项目支出176.60万元,主要为卫生健康支出176.6万元" = 03表 210 项目支出 176.60 (L565)
    s = checks("shanhaiguan-2024-budget")
    part = s["N.facts.project_class_amount:210"]
    assert part.status is Status.PASS and part.expected == Decimal("176.60") and part.actual == Decimal("176.6")
    assert "N.facts.class_amount:210" not in s  # no longer compared with the class total 387.61
    # cangxi: the 01表 closing balance was read from L381 itself; L361's "结转36.03万元" is a second statement
    c = checks("cangxi-2024-final")
    assert c["N.facts.closing_balance@4.3.1"].status is Status.SKIP
    assert "same statement" in c["N.facts.closing_balance@4.3.1"].description
    assert c["N.facts.closing_balance"].status is Status.PASS
    # cangxi L718 执行率 11.64% = 4.75 / 40.78 (11.6479 → 11.65): rounding; L806 42.83% = 15.42 / 36.00: right
    rates = {r.actual: r.status for r in c.values() if r.check_id.endswith(".execution_rate")}
    assert rates[Decimal("11.64")] is Status.WARN and rates[Decimal("42.83")] is Status.PASS
    # jiangan-2024 部门日常管理经费: indicator scores 80 + 预算执行 20 (L600 "(20分)") = 总分 100, no weights
    j = checks("jiangan-2024-final")
    score = j["P.self_eval.部门日常管理经费.score"]
    assert score.status is Status.PASS and score.expected == Decimal("100") and score.actual == Decimal("100")


@pytest.mark.parametrize("disclosure_id", ["cangxi-2024-final", "huaxian-2024-budget", "jiangan-2023-final",
                                           "jiangan-2024-final", "shanhaiguan-2024-budget"])
def test_every_fail_and_warn_is_explained(disclosure_id: str) -> None:
    for c in build(disclosure_id).checks:
        if c.status in (Status.FAIL, Status.WARN):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in c.explanation), c.check_id
            assert "{" not in c.explanation, c.check_id  # every placeholder filled
        else:
            assert c.explanation == "", c.check_id
