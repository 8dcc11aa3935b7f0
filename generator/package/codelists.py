"""The code-list resources: departments, disclosures, function_codes, economic_codes."""

from __future__ import annotations

import csv
import io
from importlib import resources
from typing import Any

from ..model import DisclosureMeta
from . import schemas
from .rows import Table, cell


def _reference_rows(filename: str) -> list[dict[str, str]]:
    ref = resources.files("generator.reference").joinpath(filename)
    if not ref.is_file():
        raise RuntimeError(f"generator/reference/{filename} is missing")
    return list(csv.DictReader(io.StringIO(ref.read_text(encoding="utf-8"), newline="")))


def code_list(name: str) -> Table:
    """A national code list from generator/reference plus the pseudo-codes of total lines."""
    cols = schemas.columns(name)
    source = schemas.code_list_source(name)
    assert source, name
    rows = _reference_rows(source)
    if rows:
        unknown = [c for c in rows[0] if c not in cols]
        if unknown:
            raise RuntimeError(
                f"generator/reference/{source}: column(s) {unknown} not described in schemas.yaml"
            )
    entries: list[dict[str, Any]] = [*rows, *schemas.pseudo_codes(name)]
    return [[cell(e.get(c)) for c in cols] for e in entries]


def used_codes(table: Table, resource: str, column: str) -> set[str]:
    idx = schemas.columns(resource).index(column)
    return {row[idx] for row in table if row[idx]}


def departments(metas: list[DisclosureMeta]) -> Table:
    cols = schemas.columns("departments")
    seen: dict[str, list[str]] = {}
    for m in metas:
        row = [cell(getattr(m, c)) for c in cols]
        if m.department_id in seen and seen[m.department_id] != row:
            raise ValueError(f"department {m.department_id} is described differently in two catalog entries")
        seen[m.department_id] = row
    return list(seen.values())


def disclosures(metas: list[DisclosureMeta]) -> Table:
    cols = schemas.columns("disclosures")
    return [[cell(getattr(m, c)) for c in cols] for m in metas]
