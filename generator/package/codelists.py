"""The code-list resources: departments, disclosures and the national code lists.

A national code list in a disclosure's package holds the codes its tables use, in the
version of the disclosure's year (generator/reference/*_codes.csv, origin `reference`).
A code the document prints that the list of its year lacks is not an error: it enters
with the printed name and origin `document` (generator.check.codes reports it, warn), so
the foreign keys stay and the package stays valid.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..model import DisclosureMeta
from ..normalize.codes import parent_of, read_reference_csv
from . import schemas
from .rows import Table, cell

ORIGIN_REFERENCE = "reference"
ORIGIN_DOCUMENT = "document"
_LEVEL = {3: 1, 5: 2, 7: 3}


def national_lists() -> list[str]:
    """The code lists read from generator/reference (function_codes, economic_codes, …)."""
    return [name for name in schemas.code_list_names() if schemas.code_list_source(name)]


def _reference_entries(name: str) -> list[dict[str, Any]]:
    return [dict(e) for e in _cached_entries(name)]


@cache
def _cached_entries(name: str) -> tuple[dict[str, Any], ...]:
    cols = schemas.columns(name)
    source = schemas.code_list_source(name)
    assert source, name
    rows = read_reference_csv(source)
    if not rows:
        raise RuntimeError(f"generator/reference/{source} is missing")
    unknown = [c for c in rows[0] if c not in cols]
    if unknown:
        raise RuntimeError(f"generator/reference/{source}: column(s) {unknown} not described in schemas.yaml")
    return tuple({**r, "origin": ORIGIN_REFERENCE} for r in rows)


def _valid_in(entry: dict[str, Any], year: int) -> bool:
    start, end = entry.get("valid_from"), entry.get("valid_to")
    return (not start or int(start) <= year) and (not end or year <= int(end))


def _table(name: str, entries: list[dict[str, Any]]) -> Table:
    cols = schemas.columns(name)
    return [[cell(e.get(c)) for c in cols] for e in entries]


def _pseudo(name: str) -> list[dict[str, Any]]:
    return [{**e, "origin": ORIGIN_REFERENCE} for e in schemas.pseudo_codes(name)]


def code_list(name: str, year: int | None = None) -> Table:
    """A national code list (every version, or the version of `year`) plus the pseudo-codes of total lines."""
    entries = [e for e in _reference_entries(name) if year is None or _valid_in(e, year)]
    return _table(name, [*entries, *_pseudo(name)])


def document_entry(name: str, code: str, printed: str, year: int, category: str = "") -> dict[str, Any]:
    """A code printed in a disclosure of `year` that the national list of that year lacks."""
    parent = parent_of(code) if len(code) in _LEVEL else None
    return {
        "code": code,
        "name": printed,
        "level": _LEVEL.get(len(code), 0),
        "parent": parent or "",
        "category": category,
        "valid_from": year,
        "valid_to": year,
        "origin": ORIGIN_DOCUMENT,
        "source": f"printed in the {year} disclosure; not in the national list of {year}",
    }


def disclosure_code_list(name: str, used: dict[str, tuple[str, str]], year: int) -> Table:
    """The rows of code list `name` for the codes one disclosure uses: code → (printed name, category)."""
    known = {e["code"]: e for e in [*_reference_entries(name), *_pseudo(name)] if _valid_in(e, year)}
    entries = [e for code, e in known.items() if code in used]
    entries += [
        document_entry(name, code, used[code][0], year, used[code][1]) for code in sorted(used) if code not in known
    ]
    return _table(name, entries)


def all_code_list(name: str, per_disclosure: list[Table]) -> Table:
    """Every version of a national list, plus the document-origin rows of every disclosure."""
    origin = schemas.columns(name).index("origin")
    out = code_list(name)
    seen = {tuple(row) for row in out}
    for table in per_disclosure:
        for row in table:
            if row[origin] == ORIGIN_DOCUMENT and tuple(row) not in seen:
                seen.add(tuple(row))
                out.append(row)
    return out


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
