"""Read the published data packages (never the sources) into plain rows for the pages.

Values stay the exact CSV strings: pages show what the package says, and the
tests compare rendered tables with the CSVs. Amounts become Decimal only where a
chart or a derived share needs arithmetic.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from generator.model import InputError

Row = dict[str, str]


@dataclass
class PackageFile:
    path: Path  # absolute path of the file inside datapackages/
    rel: str  # path relative to datapackages/ ("all/summary.csv")
    size: int
    sha256: str


@dataclass
class Package:
    """One data package directory (a disclosure or `all`)."""

    name: str  # directory name: disclosure_id or "all"
    directory: Path
    descriptor: dict
    files: list[PackageFile]

    def resource(self, name: str) -> dict | None:
        for res in self.descriptor.get("resources", []):
            if res.get("name") == name:
                return res
        return None


@dataclass
class Data:
    """Everything the pages need, read from datapackages/."""

    root: Path
    all: Package
    packages: dict[str, Package]  # disclosure_id -> package
    tables: dict[str, list[Row]] = field(default_factory=dict)  # resource name -> rows of `all`
    columns: dict[str, list[str]] = field(default_factory=dict)
    # disclosure id -> its published source files (generator.pages.sources.SourceFile)
    sources: dict[str, list] = field(default_factory=dict)

    def rows(self, resource: str, disclosure_id: str | None = None) -> list[Row]:
        rows = self.tables.get(resource, [])
        if disclosure_id is None:
            return rows
        return [r for r in rows if r.get("disclosure_id") == disclosure_id]

    @property
    def disclosures(self) -> list[Row]:
        return self.tables.get("disclosures", [])

    @property
    def departments(self) -> list[Row]:
        return self.tables.get("departments", [])

    def disclosure(self, disclosure_id: str) -> Row:
        for d in self.disclosures:
            if d.get("disclosure_id") == disclosure_id:
                return d
        raise KeyError(disclosure_id)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def read_csv(path: Path) -> tuple[list[str], list[Row]]:
    """Read a package CSV (UTF-8 with BOM) as strings, exactly as published."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [{k: (v if v is not None else "") for k, v in row.items() if k is not None} for row in reader]
        return list(reader.fieldnames or []), rows


def read_package(directory: Path, root: Path) -> Package:
    descriptor_path = directory / "datapackage.json"
    if not descriptor_path.is_file():
        raise InputError(f"{directory}: no datapackage.json (run `make data` first)")
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{descriptor_path}: invalid JSON: {exc}") from exc
    files = []
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        files.append(PackageFile(path, path.relative_to(root).as_posix(), path.stat().st_size, sha256_of(path)))
    return Package(directory.name, directory, descriptor, files)


def load(datapackages_dir: Path) -> Data:
    """Read datapackages/all (data + code lists) and every per-disclosure package."""
    root = Path(datapackages_dir)
    all_pkg = read_package(root / "all", root)
    packages: dict[str, Package] = {}
    # ".name.new-…" folders are packages being written or left by a killed run (package/publish.py)
    for directory in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "all" and not p.name.startswith(".")):
        if (directory / "datapackage.json").is_file():
            packages[directory.name] = read_package(directory, root)
    data = Data(root, all_pkg, packages)
    for res in all_pkg.descriptor.get("resources", []):
        name, rel = res.get("name"), res.get("path")
        if not isinstance(name, str) or not isinstance(rel, str) or not rel.endswith(".csv"):
            continue
        path = all_pkg.directory / rel
        if not path.is_file():
            raise InputError(f"{all_pkg.directory}/datapackage.json: resource {name!r} points to missing {rel}")
        data.columns[name], data.tables[name] = read_csv(path)
    if not data.disclosures:
        raise InputError(f"{root / 'all'}: the `disclosures` code list is missing or empty")
    return data


def dec(value: str | None) -> Decimal | None:
    """Decimal of a CSV cell; None for a blank (not reported) cell."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
