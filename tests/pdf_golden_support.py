"""Helpers of the real-PDF golden tests (tests/test_pdf_golden_*.py, test_*_realpdf.py): parse one
statement kind of a real PDF and flatten rows for comparison with values typed from the printed page."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from generator.model import Kind, Statement
from generator.read import read_document
from generator.recognize import recognize

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-pdfs"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-pdfs not present")
D = Decimal


@cache
def statements(name: str) -> tuple[Statement, ...]:
    found, _ = recognize(read_document(REAL / name))
    return tuple(found)


def statement(name: str, kind: Kind) -> Statement:
    (st,) = [s for s in statements(name) if s.kind is kind]
    return st


def amounts(text: str, scale: Decimal = Decimal(1)) -> tuple[Decimal, ...]:
    """'2,946.25 - 6.20' → (2946.25, 0, 6.20); '-' is a blank cell (0). `scale` converts 元 → 万元."""
    return tuple(D(0) if t == "-" else D(t.replace(",", "")) / scale for t in text.split())


def coded(rows, fields: tuple[str, ...]) -> dict[str, tuple]:
    out = {}
    for r in rows:
        assert r.code not in out, f"duplicate row {r.code}"
        out[r.code] = tuple(getattr(r, f) for f in fields)
    return out


def summary_map(rows, funds: bool = False) -> dict[tuple[str, str, str], object]:
    out = {}
    for r in rows:
        key = (r.side, r.item_key, r.code)
        assert key not in out, f"duplicate summary line {key}"
        out[key] = (r.amount, r.general_budget, r.gov_fund, r.state_capital) if funds and r.side == "expenditure" else r.amount
    return out
