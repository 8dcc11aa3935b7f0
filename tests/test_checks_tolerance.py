"""Verdicts of printed percentages: right when correctly rounded, warn within input rounding, else fail."""

from __future__ import annotations

from decimal import Decimal

from generator.check.tolerance import percent_compare, percent_verdict
from generator.model import Status

D = Decimal


def test_correctly_rounded_percentage_passes() -> None:
    # jiangan-2024 L379: 卫生健康支出 1589.41 of 1627.17 = 97.6794…% printed "97.7%"
    r = percent_compare("x", "share", D("97.7"), D("1589.41"), D("1627.17"), D("0.01"), D("0.01"), "text")
    assert r.status is Status.PASS
    assert r.expected == D("97.6794") and r.difference == D("0.0206")
    assert r.description == "share"  # the verdict rule is in docs/methodology.md, not repeated per row


def test_half_up_not_half_even() -> None:
    # 0.45% exactly: 四舍五入 gives 0.5 (banker's rounding would give 0.4)
    assert percent_verdict(D("0.5"), D("0.45"), D("0.06")) is Status.PASS
    assert percent_verdict(D("0.4"), D("0.45"), D("0.06")) is Status.WARN
    assert percent_verdict(D("-0.5"), D("-0.45"), D("0.06")) is Status.PASS  # away from zero


def test_no_double_rounding() -> None:
    # 12.34499999% → 12.34 (rounding to 4 places first would give 12.3450 → 12.35)
    r = percent_compare("x", "share", D("12.34"), D("1234499999"), D("10000000000"), D("1"), D("1"), "text")
    assert r.status is Status.PASS
    r = percent_compare("x", "share", D("12.35"), D("1234499999"), D("10000000000"), D("1"), D("1"), "text")
    assert r.status is Status.WARN


def test_wrongly_rounded_within_and_beyond_tolerance() -> None:
    # cangxi L718: 执行数 4.75 of 40.78 = 11.6479% printed "11.64%": should be 11.65, inside the inputs' rounding
    r = percent_compare("x", "rate", D("11.64"), D("4.75"), D("40.78"), D("0.01"), D("0.01"), "project")
    assert r.status is Status.WARN
    # jiangan-2024 L380: 住房保障支出 23.64 of 1627.17 = 1.4528% printed "1.4%": should be 1.5, beyond the
    # inputs' rounding — but 1.4 is 1.4528 cut off: a rounding-scale difference (warn), said so
    r = percent_compare("x", "share", D("1.4"), D("23.64"), D("1627.17"), D("0.01"), D("0.01"), "text")
    assert r.status is Status.WARN and "舍去尾数" in r.explanation
    # printed 1.3: neither rounded nor cut off, beyond tolerance: a real error
    r = percent_compare("x", "share", D("1.3"), D("23.64"), D("1627.17"), D("0.01"), D("0.01"), "text")
    assert r.status is Status.FAIL and "不一致" in r.explanation and "1.5%" in r.explanation
    # within tolerance and not a cut-off: the inputs' rounding
    r = percent_compare("x", "rate", D("11.66"), D("4.75"), D("40.78"), D("0.01"), D("0.01"), "project")
    assert r.status is Status.WARN and "舍入范围内" in r.explanation
