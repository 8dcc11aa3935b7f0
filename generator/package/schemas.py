"""Table Schemas of the published resources, built from generator/reference/schemas.yaml."""

from __future__ import annotations

import copy
import dataclasses
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .. import model

SCHEMAS_FILE = "schemas.yaml"
# Constraint keys copied from a field entry into Table Schema `constraints`.
_CONSTRAINTS = ("required", "enum", "minimum", "maximum", "pattern")


@lru_cache(maxsize=1)
def spec() -> dict[str, Any]:
    text = resources.files("generator.reference").joinpath(SCHEMAS_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    _check_row_fields(data)
    return data


def _row_class(name: str) -> type:
    cls = getattr(model, name)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise RuntimeError(f"{SCHEMAS_FILE}: model.{name} is not a row dataclass")
    return cls


def dataclass_columns(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def _check_row_fields(data: dict[str, Any]) -> None:
    """Every row resource describes exactly its dataclass's fields, in order."""
    for name, res in data["resources"].items():
        row = res.get("row")
        if not row:
            continue
        declared = [f for f in res["fields"] if f not in data["common"]]
        wanted = [f for f in dataclass_columns(_row_class(row)) if f not in data["common"]]
        if declared != wanted:
            raise RuntimeError(
                f"{SCHEMAS_FILE}: resource {name} fields {declared} do not match model.{row} {wanted}"
            )


def resource_names() -> list[str]:
    """Per-disclosure resources in publication order."""
    return list(spec()["resources"])


def code_list_names() -> list[str]:
    return list(spec()["code_lists"])


def row_resources() -> dict[str, str]:
    """Resource name → Disclosure attribute for the resources made of model rows."""
    return {name: name for name, res in spec()["resources"].items() if res.get("row")}


def columns(name: str) -> list[str]:
    """CSV columns of a resource, in order."""
    s = spec()
    if name in s["code_lists"]:
        return list(s["code_lists"][name]["fields"])
    res = s["resources"][name]
    if res.get("row"):
        return ["disclosure_id", *dataclass_columns(_row_class(res["row"]))]
    return ["disclosure_id", *res["fields"]]


def _entry(name: str) -> dict[str, Any]:
    s = spec()
    return s["code_lists"][name] if name in s["code_lists"] else s["resources"][name]


def _field(name: str, desc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": name,
        "title": desc["title"],
        "type": desc["type"],
        "description": str(desc["description"]).strip(),
    }
    if desc["type"] == "number":
        out["bareNumber"] = True
    constraints = {key: desc[key] for key in _CONSTRAINTS if key in desc}
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(
    name: str, *, foreign_keys: list[dict[str, Any]] | None = None, primary_key: list[str] | None = None
) -> dict[str, Any]:
    """The Table Schema of a resource; foreign_keys / primary_key replace the declared ones when given."""
    s = spec()
    entry = _entry(name)
    fields = []
    for col in columns(name):
        desc = entry["fields"].get(col) or s["common"].get(col)
        if desc is None:
            raise RuntimeError(f"{SCHEMAS_FILE}: no description of column {col} of {name}")
        fields.append(_field(col, desc))
    schema: dict[str, Any] = {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": list(primary_key or entry["primaryKey"]),
    }
    fks = copy.deepcopy(entry.get("foreignKeys", [])) if foreign_keys is None else foreign_keys
    if fks:
        schema["foreignKeys"] = fks
    return schema


def declared_foreign_keys(name: str) -> list[dict[str, Any]]:
    return copy.deepcopy(_entry(name).get("foreignKeys", []))


def resource_title(name: str) -> str:
    return str(_entry(name)["title"])


def resource_description(name: str) -> str:
    return str(_entry(name)["description"]).strip()


def license_info() -> dict[str, str]:
    return dict(spec()["license"])


def pseudo_codes(code_list: str) -> list[dict[str, Any]]:
    return list(spec()["pseudo_codes"].get(code_list, []))


def code_list_source(code_list: str) -> str | None:
    return spec()["code_lists"][code_list].get("source")


def all_primary_key(code_list: str) -> list[str] | None:
    """The key of a code list in the `all` package, which holds every version (None: as declared)."""
    key = spec()["code_lists"][code_list].get("allPrimaryKey")
    return list(key) if key else None


def name_column(code_column: str) -> str:
    """The column holding the printed name of a code column: code → name, x_code → x_name."""
    return code_column[: -len("code")] + "name" if code_column.endswith("_code") else "name"
