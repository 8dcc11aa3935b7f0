"""Rounding-aware comparison: the verdict of one check.

Published figures are rounded (to 0.01 万元 in the tables, to whatever the
narrative prints in the text). A difference that rounding can explain is a
`warn`, not a `fail`:

- a sum of n rounded terms may differ from its printed total by n half-units
  (at least one unit): `sum_tolerance`;
- two tables printing the same quantity may differ by one unit: `TABLE_UNIT`;
- a figure quoted in the text differs from the table by at most the text's
  half-unit plus the table's half-unit: `quote_tolerance`;
- a printed percentage is right when it equals the recomputed value rounded
  half-up to the printed decimals (`percent_compare`: pass); otherwise it may
  differ by the printed half-unit plus the rounding of its inputs propagated
  (`percent_tolerance`: warn), beyond that it is wrong (fail). A percentage cut off at the
  printed places instead of rounded (1.4528% printed 1.4%) is a rounding difference (warn),
  told apart in its explanation.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..model import CheckResult, Status
from .explain import sentence

TABLE_UNIT = Decimal("0.01")  # tables print 万元 with 2 decimals
HUNDRED = Decimal(100)
_PCT_PLACES = Decimal("0.0001")  # precision kept for recomputed percentages


def unit_of(value: Decimal) -> Decimal:
    """The unit of the last printed place: 24.2 → 0.1, 1627.17 → 0.01, 3 → 1."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(min(exponent, 0))


def table_unit(*values: Decimal | None) -> Decimal:
    """Rounding unit of table figures: 0.01 unless the figures are finer (tables in 元)."""
    finest = [unit_of(v) for v in values if v is not None and v != 0]
    unit = max(finest, default=TABLE_UNIT)
    return min(unit, TABLE_UNIT)


def sum_tolerance(terms: list[Decimal | None], unit: Decimal = TABLE_UNIT) -> Decimal:
    """n rounded terms each carry up to half a unit of error: n×unit/2, at least one unit.

    Blank (None) and zero terms are exact and do not count.
    """
    n = sum(1 for t in terms if t is not None and t != 0)
    return max(unit, n * unit / 2)


def quote_tolerance(quoted: Decimal, table_value: Decimal | None = None) -> Decimal:
    """A figure quoted in the text vs the same figure elsewhere: both half-units, at least 0.01."""
    other = table_unit(table_value) if table_value is not None else TABLE_UNIT
    return max(TABLE_UNIT, unit_of(quoted) / 2 + other / 2)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole × 100 with 4 decimals (whole must not be 0)."""
    return (part / whole * HUNDRED).quantize(_PCT_PLACES)


def percent_tolerance(
    printed: Decimal, part: Decimal, whole: Decimal, part_unit: Decimal, whole_unit: Decimal
) -> Decimal:
    """Half a unit of the printed precision plus the input rounding propagated.

    24.2% printed with 1 decimal → ±0.05 percentage points, plus
    |p|×(δpart/|part| + δwhole/|whole|) where δ is half the inputs' unit.
    """
    tol = unit_of(printed) / 2
    p = abs(part / whole * HUNDRED)
    if part != 0:
        tol += p * (part_unit / 2) / abs(part)
    tol += p * (whole_unit / 2) / abs(whole)
    return tol.quantize(_PCT_PLACES, rounding="ROUND_UP")


def percent_verdict(printed: Decimal, exact: Decimal, tolerance: Decimal) -> Status:
    """pass if `printed` is `exact` correctly rounded (half-up, to the printed decimals);
    warn if it is not but lies within `tolerance` of it; fail beyond.

    97.68% printed as 97.7% is right (pass); 1.4528% printed as 1.4% is not (1.5).
    """
    if printed == exact.quantize(unit_of(printed), rounding=ROUND_HALF_UP):
        return Status.PASS
    return Status.WARN if abs(printed - exact) <= tolerance else Status.FAIL


def percent_compare(
    check_id: str,
    description: str,
    printed: Decimal,
    part: Decimal,
    whole: Decimal,
    part_unit: Decimal,
    whole_unit: Decimal,
    scope: str,
    source_ref: str = "",
) -> CheckResult:
    """A printed percentage vs part ÷ whole × 100 (whole ≠ 0), verdict by `percent_verdict`.

    expected = the recomputed value (4 decimals), difference = printed − expected, so a
    pass may show the rounding difference (97.7 − 97.6800 = 0.0200).
    """
    exact = part / whole * HUNDRED  # unrounded: rounding it first could round twice
    tolerance = percent_tolerance(printed, part, whole, part_unit, whole_unit)
    expected = exact.quantize(_PCT_PLACES)
    status = percent_verdict(printed, exact, tolerance)
    rounded = exact.quantize(unit_of(printed), rounding=ROUND_HALF_UP)
    fields = {"actual": printed, "expected": expected, "rounded": rounded, "part": part, "whole": whole}
    explanation = ""
    if status != Status.PASS and printed == exact.quantize(unit_of(printed), rounding=ROUND_DOWN):
        status, explanation = Status.WARN, sentence("pct_truncated", **fields)
    elif status != Status.PASS:
        explanation = sentence(f"pct_{status.value}", **fields)
    # the verdict rule is stated once (docs/methodology.md), not in every row
    return CheckResult(check_id, description, expected, printed, printed - expected,
                       status, scope, tolerance, source_ref, explanation)


def verdict(expected: Decimal | None, actual: Decimal | None, tolerance: Decimal) -> tuple[Decimal | None, Status]:
    """(difference = actual - expected, status): pass if equal, warn within tolerance, else fail."""
    if expected is None or actual is None:
        return None, Status.SKIP
    difference = actual - expected
    if difference == 0:
        return difference, Status.PASS
    if abs(difference) <= tolerance:
        return difference, Status.WARN
    return difference, Status.FAIL


def compare(
    check_id: str,
    description: str,
    expected: Decimal | None,
    actual: Decimal | None,
    tolerance: Decimal,
    scope: str,
    source_ref: str = "",
) -> CheckResult:
    """One CheckResult; a missing figure (None) makes it a skip."""
    difference, status = verdict(expected, actual, tolerance)
    return CheckResult(
        check_id=check_id,
        description=description,
        expected=expected,
        actual=actual,
        difference=difference,
        status=status,
        scope=scope,
        tolerance=tolerance,
        source_ref=source_ref,
    )


def at_least(
    check_id: str,
    description: str,
    lower: Decimal | None,
    value: Decimal | None,
    tolerance: Decimal,
    scope: str,
    source_ref: str = "",
) -> CheckResult:
    """An inequality value ≥ lower: pass if it holds, warn if short by rounding only, fail otherwise.

    expected = lower bound, actual = value, difference = actual - expected.
    """
    if lower is None or value is None:
        status, difference = Status.SKIP, None
    else:
        difference = value - lower
        if difference >= 0:
            status = Status.PASS
        elif -difference <= tolerance:
            status = Status.WARN
        else:
            status = Status.FAIL
    return CheckResult(check_id, description, lower, value, difference, status, scope, tolerance, source_ref)


def skip(check_id: str, description: str, scope: str, source_ref: str = "",
         expected: Decimal | None = None, actual: Decimal | None = None) -> CheckResult:
    """A check that could not run: listed so users see what was not checked."""
    return CheckResult(check_id, description, expected, actual, None, Status.SKIP, scope, None, source_ref)


def refs(*items: object) -> str:
    """Join the source_refs of rows (or strings), without blanks or repeats, in order."""
    out: list[str] = []
    for item in items:
        ref = item if isinstance(item, str) else getattr(item, "source_ref", "")
        if ref and ref not in out:
            out.append(ref)
    return " ".join(out)
