"""Consistency checks of a disclosure, published as its `checks` resource.

run_checks(d) runs a small registry of pure check functions (each
Disclosure → list[CheckResult]) over the row lists; nothing is mutated.
Check ids are stable across years (T01.income_subtotal, X.T01-T03.class.210,
N.facts.total_change_pct, P.sum.self_eval …) and unique within a disclosure.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import CheckResult, Disclosure
from . import between, codes, document, explain, project_sources, projects, restated, text, within

Check = Callable[[Disclosure], list[CheckResult]]

REGISTRY: list[Check] = [
    *within.CHECKS, *between.CHECKS, *text.CHECKS, *restated.CHECKS, *projects.CHECKS, *project_sources.CHECKS,
    *document.CHECKS, *codes.CHECKS,
]


def run_checks(d: Disclosure) -> list[CheckResult]:
    """All checks, in registry order; a repeated id gets a ~2, ~3 suffix (never dropped)."""
    out: list[CheckResult] = []
    seen: dict[str, int] = {}
    for check in REGISTRY:
        for result in check(d):
            n = seen.get(result.check_id, 0) + 1
            seen[result.check_id] = n
            if n > 1:
                result.check_id = f"{result.check_id}~{n}"
            out.append(result)
    explain.fill(out)
    return out


__all__ = ["REGISTRY", "run_checks"]
