"""Where a figure of a statement comes from, and the amount of a listed cell.

Shared by the statement parsers: the table reference of a row (`T03:L181`), the location
named in a problem, header text squashed for keyword search, and a listed cell in 万元.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import InputError, Statement
from .numbers import is_blank, nfkc, parse_amount, to_wan

ZERO = Decimal("0")


def squash(text: str) -> str:
    """Header text for keyword search: NFKC, no spaces, no HTML tags left by converters."""
    return re.sub(r"\s+|<[^>]*>", "", nfkc(text))


def table_ref(st: Statement) -> str:
    digits = re.sub(r"\D", "", st.number or "")
    return f"T{digits.zfill(2)}" if digits else st.kind.value


def location(st: Statement, ref: str | None = None) -> str:
    return f"{table_ref(st)} {st.title}" + (f" {ref}" if ref else "")


def cell_amount(cell: str, unit: str, where: str) -> Decimal:
    """A listed cell: blank is 0 (the table lists the line)."""
    if is_blank(cell):
        return ZERO
    try:
        value = parse_amount(cell)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    converted = to_wan(value, unit)
    assert converted is not None
    return converted
