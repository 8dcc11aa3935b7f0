"""Helpers of the golden tests of the seed sources (tests/test_functional_*.py): a source's
statements by kind, and the comparison of parsed rows with (code, total, basic, project)
lines typed from its expenditure tables."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal as D
from pathlib import Path

from generator.model import Kind, Statement
from generator.read import read_document
from generator.recognize import recognize

SOURCES = Path(__file__).resolve().parents[1] / "sources"


def statements_by_kind(name: str) -> dict[Kind, Statement]:
    """The recognized statements of sources/<name>, one per kind."""
    found, _ = recognize(read_document(SOURCES / name))
    return {s.kind: s for s in found}


def assert_total_basic_project(rows: Sequence, expected: Sequence[tuple[str, str, str, str]]) -> None:
    """`rows` are exactly the `expected` lines (code, total, basic, project as printed), in order."""
    assert [r.code for r in rows] == [e[0] for e in expected]
    for r, (code, total, basic, project) in zip(rows, expected, strict=True):
        assert (r.total, r.basic, r.project) == (D(total), D(basic), D(project)), code
