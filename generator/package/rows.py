"""Disclosure → the cells of every published resource, as exact strings."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from enum import Enum
from typing import Any

from ..model import Disclosure, Line, RawTable
from . import schemas

Table = list[list[str]]  # rows of cells, in schemas.columns(...) order, without the header


def cell(value: Any) -> str:
    """One CSV cell: Decimals exactly as parsed (never via float), None → blank."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite amount: {value}")
        return format(value, "f")  # positional notation: 1E+2 → 100, keeps 1.20
    if isinstance(value, (int, str)):
        return str(value)
    raise TypeError(f"cannot publish a {type(value).__name__}: {value!r}")


def _line_text(line: Line) -> str:
    return "\t".join(line.cells) if line.cells is not None else line.text


def raw_table_rows(disclosure_id: str, tables: list[RawTable]) -> Table:
    """Each raw table verbatim: line_no 0 = its title, then the body lines."""
    out: Table = []
    for no, table in enumerate(tables, start=1):
        head = [disclosure_id, str(no), table.title, table.kind, table.reason]
        out.append([*head, "0", table.ref, table.title])
        for line_no, line in enumerate(table.lines, start=1):
            out.append([*head, str(line_no), line.ref, _line_text(line)])
    return out


def statement_rows(d: Disclosure) -> Table:
    raw = {(t.ref, t.title) for t in d.raw_tables}
    out: Table = []
    for no, st in enumerate(d.statements, start=1):
        out.append(
            [
                d.meta.disclosure_id,
                str(no),
                st.kind.value,
                cell(st.number),
                st.title,
                st.unit,
                st.ref,
                str(len(st.lines)),
                cell(st.empty_note),
                "yes" if (st.ref, st.title) in raw else "no",
            ]
        )
    return out


def problem_rows(d: Disclosure) -> Table:
    return [[d.meta.disclosure_id, str(no), msg] for no, msg in enumerate(d.problems, start=1)]


def disclosure_tables(d: Disclosure) -> dict[str, Table]:
    """Every resource of one disclosure (empty ones included), in publication order."""
    did = d.meta.disclosure_id
    tables: dict[str, Table] = {}
    row_attrs = schemas.row_resources()
    for name in schemas.resource_names():
        if name in row_attrs:
            cols = schemas.columns(name)[1:]
            tables[name] = [
                [did, *(cell(getattr(row, col)) for col in cols)] for row in getattr(d, row_attrs[name])
            ]
        elif name == "statements":
            tables[name] = statement_rows(d)
        elif name == "raw_tables":
            tables[name] = raw_table_rows(did, d.raw_tables)
        elif name == "problems":
            tables[name] = problem_rows(d)
        else:  # pragma: no cover - a resource added to schemas.yaml without a builder
            raise RuntimeError(f"no builder for resource {name}")
        width = len(schemas.columns(name))
        assert all(len(r) == width for r in tables[name]), name
    return tables


def meta_dict(d: Disclosure) -> dict[str, Any]:
    return dataclasses.asdict(d.meta)
