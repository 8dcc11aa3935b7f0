"""Checks of the classification codes a disclosure prints against the national lists of its year.

- C.code.unknown.<code>: a code the list of the disclosure's year lacks (a new 款 the list does not
  know yet, a code of another year's list, a provincial code, a typo). The package keeps it with
  the printed name (origin document), so it never invalidates the package → warn.
- C.code.name.<code>: a printed name that says something else than the national name of that
  year (a former name, a provincial wording, a name cut short by the layout) → warn.

The code columns and their lists are the foreign keys declared in schemas.yaml; the printed
name is the row's `name` (for x_code, x_name).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import CheckResult, Disclosure, Status
from ..normalize.codes import codes_for, names_agree, normalize_name, versions
from ..package import schemas
from .explain import sentence

SCOPE = "table"
_TITLES = {"function_codes": "支出功能分类科目", "economic_codes": "部门预算支出经济分类科目",
           "gov_economic_codes": "政府预算支出经济分类科目"}


def _printed(d: Disclosure) -> Iterator[tuple[str, str, str, str]]:
    """(code list, code, printed name, source_ref) of every coded row, in publication order."""
    rows = schemas.row_resources()
    for resource in schemas.resource_names():
        if resource not in rows:
            continue
        for fk in schemas.declared_foreign_keys(resource):
            code_list = fk["reference"]["resource"]
            if not schemas.code_list_source(code_list):
                continue
            for col in fk["fields"]:
                name_col = schemas.name_column(col)
                for row in getattr(d, rows[resource]):
                    code = getattr(row, col, "") or ""
                    if code:
                        yield code_list, code, getattr(row, name_col, "") or "", getattr(row, "source_ref", "")


def _other_years(code_list: str, code: str, name: str) -> str:
    """'2014–2017' when the printed name is the name of a version of other years, else ''."""
    for c in versions(code_list):
        if c.code == code and names_agree(name, c.name):
            return f"{c.valid_from}–{c.valid_to if c.valid_to is not None else '…'}"
    return ""


def code_checks(d: Disclosure) -> list[CheckResult]:
    year = d.meta.year
    pseudo = {(n, str(e["code"])) for n in schemas.code_list_names() for e in schemas.pseudo_codes(n)}
    out: list[CheckResult] = []
    seen: set[tuple[str, str, str]] = set()  # an unknown code once; each disagreeing name once
    for code_list, code, name, ref in _printed(d):
        entry = codes_for(code_list, year).get(code)
        key = (code_list, code, normalize_name(name) if entry else "")
        if key in seen or (code_list, code) in pseudo:
            continue
        seen.add(key)
        title = _TITLES.get(code_list, code_list)
        if entry is None:
            other = next((c for c in versions(code_list) if c.code == code), None)
            hint = f"；其他年度为“{other.name}”" if other else ""
            out.append(CheckResult(
                f"C.code.unknown.{code}",
                f"科目编码 {code}（“{name}”）不在{year}年{title}中{hint} / code not in the national "
                f"list of {year}: kept with its printed name (origin document)",
                None, None, None, Status.WARN, SCOPE, None, ref,
                explanation=sentence("code_unknown", code=code, name=name, year=year, title=title, hint=hint),
            ))
        elif name and not names_agree(name, entry.name, code if code_list == "function_codes" else ""):
            years = _other_years(code_list, code, name)
            note = f"（“{name}”是{years}年的名称）" if years else ""
            out.append(CheckResult(
                f"C.code.name.{code}",
                f"科目 {code} 印为“{name}”，{year}年{title}为“{entry.name}”{note}"
                " / the printed name differs from the national name" + (f" (the name of {years})" if years else ""),
                None, None, None, Status.WARN, SCOPE, None, ref,
                explanation=sentence("code_name", code=code, printed=name, year=year, title=title,
                                     national=entry.name, years=note),
            ))
    return out


CHECKS = [code_checks]
