"""Plain Chinese sentences for readers of a failed or rounding check (the `explanation` column).

The templates are data (generator/reference/check_explanations.yaml). A check that knows why
its figures differ sets its own sentence with `sentence`; `fill` gives every other fail and
warn the generic one, from the check's subject (the Chinese half of its description) and its
numbers. Pass and skip stay blank: nothing to explain.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import CheckResult, Status
from .figures import reference


def templates() -> dict[str, str]:
    return reference("check_explanations.yaml")


def num(value: Decimal | int | str | None) -> str:
    """A figure for a sentence: thousands separated, printed places kept (1234.07 → 1,234.07)."""
    if value is None:
        return "（未列出）"
    if isinstance(value, str):
        return value
    return f"{Decimal(value):,}"


def sentence(key: str, **fields: object) -> str:
    """The template `key` with its fields; Decimals are formatted by `num`."""
    values = {k: num(v) if isinstance(v, Decimal) else v for k, v in fields.items()}
    return templates()[key].format(**values)


def subject(description: str) -> str:
    """The Chinese half of a bilingual description ("… / English")."""
    return description.split(" / ")[0].strip()


def fill(results: list[CheckResult]) -> None:
    """Give every fail and warn without a sentence the generic one (in place: the results are
    built by this stage and not shared)."""
    for r in results:
        if r.explanation or r.status not in (Status.FAIL, Status.WARN):
            continue
        r.explanation = sentence(r.status.value, what=subject(r.description), actual=r.actual,
                                 expected=r.expected, difference=r.difference, tolerance=r.tolerance)
