"""Write Frictionless data packages: CSVs (UTF-8 with BOM), datapackage.json, README.md.

Output is deterministic (no timestamps, stable order, "\\n" line ends) so that
`make data` on an unchanged source reproduces the committed files byte for byte.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Disclosure, DisclosureMeta
from . import codelists, schemas
from .readme import all_readme, disclosure_readme
from .rows import Table, disclosure_tables

ENCODING = "utf-8-sig"  # BOM: Excel on Chinese Windows needs it; frictionless reads it as utf-8


@dataclass
class Resource:
    name: str
    table: Table
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    primary_key: list[str] | None = None  # None: the one schemas.yaml declares


# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM).
FORMULA_START = ("=", "+", "-", "@")


def free_text(field: dict[str, Any]) -> bool:
    """A column of text read from the document (a string without enum or pattern: not a code)."""
    return field.get("type") == "string" and not {"enum", "pattern"} & set(field.get("constraints") or {})


def _free_text(name: str) -> list[bool]:
    return [free_text(f) for f in schemas.table_schema(name)["fields"]]


def spreadsheet_safe(value: str) -> str:
    """The usual defence for spreadsheet users: a text cell that a spreadsheet would run as a
    formula gets a leading apostrophe (a lone "-" or "=" is no formula and stays)."""
    return "'" + value if len(value) > 1 and value.startswith(FORMULA_START) else value


def csv_bytes(name: str, table: Table) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(schemas.columns(name))
    free = _free_text(name)
    writer.writerows([spreadsheet_safe(v) if f and isinstance(v, str) else v for v, f in zip(row, free, strict=True)]
                     for row in table)
    return buf.getvalue().encode(ENCODING)


def _resource_descriptor(res: Resource, data: bytes) -> dict[str, Any]:
    return {
        "name": res.name,
        "title": schemas.resource_title(res.name),
        "description": schemas.resource_description(res.name),
        "path": f"{res.name}.csv",
        "type": "table",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        # explicit: raw text cells contain TABs, which would fool delimiter sniffing
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "rows": len(res.table),
        "schema": schemas.table_schema(res.name, foreign_keys=res.foreign_keys, primary_key=res.primary_key),
    }


def write_package(
    directory: Path, descriptor: dict[str, Any], resources: list[Resource], readme: str
) -> Path:
    """Write the files into `directory` (a fresh folder: publish.py puts it in place)."""
    directory.mkdir(parents=True, exist_ok=True)
    descriptor = dict(descriptor)
    descriptor["resources"] = []
    for res in resources:
        data = csv_bytes(res.name, res.table)
        (directory / f"{res.name}.csv").write_bytes(data)
        descriptor["resources"].append(_resource_descriptor(res, data))
    path = directory / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (directory / "README.md").write_text(readme, encoding="utf-8")
    return path


def _license() -> list[dict[str, str]]:
    return [schemas.license_info()]


def _sources(meta: DisclosureMeta) -> list[dict[str, Any]]:
    files = [(meta.file, meta.sha256), *zip(meta.more_files, meta.more_sha256, strict=True)]
    # catalogued files live in sources/; a file extracted from elsewhere is named as it was given
    paths = list(meta.given_paths) or [f"sources/{name}" for name, _ in files]
    return [
        {
            "title": f"{meta.department}：{meta.title}" + (f"（第{i + 1}个文件）" if len(files) > 1 else ""),
            "path": paths[i],
            "format": meta.format,
            "sha256": sha,
            "original_format": meta.original_format,
        }
        for i, (name, sha) in enumerate(files)
    ]


def _stage_zh(stage: str) -> str:
    return {"budget": "部门预算", "final": "部门决算"}.get(stage, stage)


def _with_code_foreign_keys(name: str, table: Table, code_lists: dict[str, Table]) -> list[dict[str, Any]]:
    """The declared foreign keys whose code list is in the package."""
    return [fk for fk in schemas.declared_foreign_keys(name) if code_lists.get(fk["reference"]["resource"])]


def _fk_columns(code_list: str) -> list[tuple[str, str]]:
    """(resource, column) pairs with a foreign key to `code_list`."""
    out: list[tuple[str, str]] = []
    for name in schemas.resource_names():
        for fk in schemas.declared_foreign_keys(name):
            if fk["reference"]["resource"] == code_list:
                out.extend((name, col) for col in fk["fields"])
    return out


def printed_codes(tables: dict[str, Table], code_list: str) -> dict[str, tuple[str, str]]:
    """Code → (name as first printed, category) for the codes the tables use from `code_list`."""
    used: dict[str, tuple[str, str]] = {}
    for name, col in _fk_columns(code_list):
        cols = schemas.columns(name)
        idx = cols.index(col)
        name_col = schemas.name_column(col)
        name_idx = cols.index(name_col) if name_col in cols else None
        cat_idx = cols.index("category") if "category" in cols and col == "code" else None
        for row in tables.get(name, []):
            if row[idx] and row[idx] not in used:
                used[row[idx]] = (
                    row[name_idx] if name_idx is not None else "",
                    row[cat_idx] if cat_idx is not None else "",
                )
    return used


def used_code_lists(tables: dict[str, Table], year: int) -> dict[str, Table]:
    """The code-list rows for the codes the tables use, in the version of `year`; a code the list
    lacks enters with its printed name (origin document), so the foreign keys hold."""
    out: dict[str, Table] = {}
    for code_list in codelists.national_lists():
        used = printed_codes(tables, code_list)
        if used:
            out[code_list] = codelists.disclosure_code_list(code_list, used, year)
    return out


def write_disclosure_package(d: Disclosure, directory: Path) -> Path:
    """datapackages/{disclosure_id}/ for one disclosure; returns the datapackage.json path."""
    meta = d.meta
    tables = {name: table for name, table in disclosure_tables(d).items() if table}
    code_lists = used_code_lists(tables, meta.year)
    resources = [
        Resource(name, table, _with_code_foreign_keys(name, table, code_lists))
        for name, table in tables.items()
    ]
    resources += [Resource(name, table) for name, table in code_lists.items()]
    descriptor = {
        "name": meta.disclosure_id,
        "title": f"{meta.department} {meta.year}年度{_stage_zh(meta.stage)}公开数据",
        "description": (
            f"Figures of the {meta.year} {'budget' if meta.stage == 'budget' else 'final accounts'} "
            f"disclosure of {meta.department} ({meta.title}), read from the published document; "
            "amounts in 万元 exactly as printed. function_codes / economic_codes / gov_economic_codes list "
            f"the codes this disclosure uses, in the national list of {meta.year} (origin reference) or as "
            "printed where that list lacks them (origin document)."
        ),
        "licenses": _license(),
        "sources": _sources(meta),
        "keywords": [meta.department, str(meta.year), _stage_zh(meta.stage), meta.department_id],
        "disclosure": {
            "disclosure_id": meta.disclosure_id,
            "department_id": meta.department_id,
            "department": meta.department,
            "year": meta.year,
            "stage": meta.stage,
            "title": meta.title,
        },
    }
    return write_package(directory, descriptor, resources, disclosure_readme(d, tables))


def write_all_package(disclosures: list[Disclosure], directory: Path) -> Path:
    """datapackages/all/: every resource concatenated, plus the code lists."""
    metas = [d.meta for d in disclosures]
    per = [disclosure_tables(d) for d in disclosures]
    resources: list[Resource] = []
    counts: dict[str, int] = {}
    disclosure_fk = {
        "fields": ["disclosure_id"],
        "reference": {"resource": "disclosures", "fields": ["disclosure_id"]},
    }
    for name in schemas.resource_names():
        table = [row for tables in per for row in tables[name]]
        if table:
            resources.append(Resource(name, table, [*schemas.declared_foreign_keys(name), disclosure_fk]))
            counts[name] = len(table)
    code_lists = {
        "departments": codelists.departments(metas),
        "disclosures": codelists.disclosures(metas),
    }
    used = [used_code_lists(t, d.meta.year) for t, d in zip(per, disclosures, strict=True)]
    for name in codelists.national_lists():
        code_lists[name] = codelists.all_code_list(name, [u.get(name, []) for u in used])
    for name, table in code_lists.items():
        schema_key = schemas.all_primary_key(name)
        resources.append(Resource(name, table, schemas.declared_foreign_keys(name), schema_key))
        counts[name] = len(table)
    descriptor = {
        "name": "all",
        "title": "医疗保障局部门预算、决算公开数据（全部）",
        "description": (
            "Every resource of every published disclosure concatenated (rows carry disclosure_id), "
            "with the code lists departments, disclosures, function_codes, economic_codes and gov_economic_codes "
            "(every version of the national lists, plus the codes the disclosures printed that their year's list lacks)."
        ),
        "licenses": _license(),
        "sources": [s for m in metas for s in _sources(m)],
        "keywords": sorted({m.department for m in metas}),
    }
    return write_package(directory, descriptor, resources, all_readme(disclosures, counts))
