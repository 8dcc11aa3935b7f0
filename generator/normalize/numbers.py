"""Parsing of printed amounts and percentages.

Exports and OCR put noise inside numbers (`1, 627. 17`), use full-width digits
and separators, write negatives in parentheses, and mark empty cells with dashes.
Everything is NFKC-normalized first, then validated strictly: a token that is not
a well-formed number is rejected rather than guessed. Only ASCII and full-width digits
are digits: NFKC would fold a footnote mark (`1,627.17¹`) or a circled list number (①)
into the number, so `nfkc` leaves every other digit character as printed and the parser
refuses it.
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
_NUMBER = re.compile(r"(?P<sign>[-+]?)(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?")
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")
_ASCII_DIGITS = "0123456789"
_DASH_RUN = re.compile("\u2014{2,}")


@lru_cache(maxsize=1)
def _radical_table() -> dict[int, str]:
    """CJK Radicals Supplement glyphs that PDF fonts map in place of ideographs (⻔ for 门).

    NFKC folds the Kangxi Radicals block (⼀⽀⼊) but not this one."""
    text = resources.files("generator.reference").joinpath("cjk_radicals.csv").read_text("utf-8")
    return {ord(row["radical"]): row["character"] for row in csv.DictReader(text.splitlines())}


def _foreign_digit(char: str) -> bool:
    """A digit character other than ASCII and full-width ones: ¹, ①, ⑴, ٣ …"""
    return not char.isascii() and char.isdigit() and char not in _FULLWIDTH_DIGITS


def _digit_count(text: str) -> int:
    return sum(text.count(d) for d in _ASCII_DIGITS)


def _fold(text: str) -> str:
    """NFKC, except that digit characters other than ASCII/full-width ones stay as printed."""
    folded = unicodedata.normalize("NFKC", text)
    full = sum(text.count(d) for d in _FULLWIDTH_DIGITS)
    if _digit_count(folded) == _digit_count(text) + full:
        return folded  # NFKC made no digit out of anything else (the usual case: cheap)
    parts: list[str] = []
    start = 0
    for i, char in enumerate(text):
        if _foreign_digit(char):
            parts += [unicodedata.normalize("NFKC", text[start:i]), char]
            start = i + 1
    parts.append(unicodedata.normalize("NFKC", text[start:]))
    return "".join(parts)


def nfkc(text: str) -> str:
    """NFKC plus the fixes NFKC leaves: radical-supplement glyphs, odd minus signs, a run of
    em dashes as one. Idempotent (nfkc(nfkc(s)) == nfkc(s)): stages normalize text that an
    earlier stage already normalized, and offsets found in one must hold in the other."""
    text = _fold(text).translate(_radical_table())
    return _DASH_RUN.sub("\u2014", text.replace("\u2212", "-"))


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
    m = _NUMBER.fullmatch(s)
    if not m or (negative and m.group("sign")):  # "(-5)", "(+5)": which sign was meant?
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
# Only ASCII digits (after nfkc): "1,627.17¹" is 1627.17 followed by a footnote mark.
_TEXT_NUMBER = re.compile(
    r"(?<![\d.])[0-9]{1,3}(?:\s*,\s*[0-9]{3})+(?:\s*\.\s*[0-9]+)?|(?<![\d.])[0-9]+(?:\s*\.\s*[0-9]+)?"
)


def find_numbers(text: str) -> list[tuple[Decimal, int, int]]:
    """All numbers in running text with their spans, tolerant of OCR spaces."""
    text = nfkc(text)
    out = []
    for m in _TEXT_NUMBER.finditer(text):
        out.append((Decimal(re.sub(r"[\s,]", "", m.group())), m.start(), m.end()))
    return out
