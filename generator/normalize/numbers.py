"""Parsing of printed amounts and percentages.

Exports and OCR put noise inside numbers (`1, 627. 17`), use full-width digits
and separators, write negatives in parentheses, and mark empty cells with dashes.
Everything is NFKC-normalized first, then validated strictly: a token that is not
a well-formed number is rejected rather than guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

# Marks that mean "nothing here" in a cell.
BLANK_MARKS = frozenset({"", "-", "—", "——", "–", "－", "/", "\\", "…", "无", "——\u3000"})

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
# thousands groups must be 3 digits; a lone group without separators is any length
_NUMBER = re.compile(r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")


@lru_cache(maxsize=1)
def _radical_table() -> dict[int, str]:
    """CJK Radicals Supplement glyphs that PDF fonts map in place of ideographs (⻔ for 门).

    NFKC folds the Kangxi Radicals block (⼀⽀⼊) but not this one."""
    text = resources.files("generator.reference").joinpath("cjk_radicals.csv").read_text("utf-8")
    return {ord(row["radical"]): row["character"] for row in csv.DictReader(text.splitlines())}


def nfkc(text: str) -> str:
    """NFKC plus the fixes NFKC leaves: radical-supplement glyphs, odd minus signs."""
    text = unicodedata.normalize("NFKC", text).translate(_radical_table())
    return text.replace("\u2212", "-").replace("\u2014\u2014", "—")


def is_blank(cell: str | None) -> bool:
    if cell is None:
        return True
    return _SPACES.sub("", nfkc(cell)) in BLANK_MARKS


def parse_amount(cell: str | None) -> Decimal | None:
    """Parse a printed amount; None for a blank cell. Raises ValueError if not a number."""
    if is_blank(cell):
        return None
    assert cell is not None
    s = _SPACES.sub("", nfkc(cell))
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    m = _NUMBER.match(s)
    if not m:
        raise ValueError(f"not an amount: {cell!r}")
    digits = m.group("int").replace(",", "")
    frac = m.group("frac")
    try:
        value = Decimal(digits + ("." + frac if frac else ""))
    except InvalidOperation as exc:  # pragma: no cover - regex guarantees digits
        raise ValueError(f"not an amount: {cell!r}") from exc
    if m.group("sign") == "-":
        negative = not negative
    return -value if negative else value


def try_amount(cell: str | None) -> Decimal | None:
    """Like parse_amount, but None for anything that is not a number."""
    try:
        return parse_amount(cell)
    except ValueError:
        return None


def is_amount(cell: str | None) -> bool:
    """True for a non-blank cell that parses as a number."""
    return not is_blank(cell) and try_amount(cell) is not None


def parse_percent(text: str) -> Decimal:
    """`24.2%`, `24. 2 %`, `100％` -> Decimal('24.2'). Raises ValueError otherwise."""
    s = _SPACES.sub("", nfkc(text))
    if not s.endswith("%"):
        raise ValueError(f"not a percentage: {text!r}")
    value = parse_amount(s[:-1])
    if value is None:
        raise ValueError(f"not a percentage: {text!r}")
    return value


def to_wan(amount: Decimal | None, unit: str) -> Decimal | None:
    """Convert an amount printed in `unit` (元 or 万元) to 万元, exactly."""
    if amount is None:
        return None
    unit = nfkc(unit).strip()
    if unit in ("万元", "万"):
        return amount
    if unit == "元":
        return (amount / Decimal(10000)).normalize() if amount else Decimal("0.00")
    if unit in ("亿元", "亿"):
        return amount * Decimal(10000)
    raise ValueError(f"unknown unit: {unit!r}")


# OCR noise inside a number in running text: `1, 627. 17`, `13. 96`.
_TEXT_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:\s*,\s*\d{3})+(?:\s*\.\s*\d+)?|(?<![\d.])\d+(?:\s*\.\s*\d+)?")


def find_numbers(text: str) -> list[tuple[Decimal, int, int]]:
    """All numbers in running text with their spans, tolerant of OCR spaces."""
    text = nfkc(text)
    out = []
    for m in _TEXT_NUMBER.finditer(text):
        out.append((Decimal(re.sub(r"[\s,]", "", m.group())), m.start(), m.end()))
    return out
