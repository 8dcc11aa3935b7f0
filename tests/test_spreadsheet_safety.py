"""Nothing executable in what users open (issue 9, item 6): a text cell a spreadsheet would run
as a formula is an apostrophe-prefixed string in the CSV and a string cell in the xlsx."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from generator.model import Disclosure, DisclosureMeta, ProjectRow
from generator.package import package_errors, write_disclosure_package
from generator.pages.downloads import write_xlsx
from generator.pages.load import read_package

META = DisclosureMeta("test-2024-final", "test", "测试局", 2024, "final", "测试", "t.md", "markdown", "00")
HOSTILE = ['=HYPERLINK("http://evil.example","点击")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]


def _project(name: str, i: int) -> ProjectRow:
    return ProjectRow(name, f"P{i}", Decimal("1.00"), None, None, None, None, f"L{i + 1}")


def test_csv_text_cells_are_not_formulas(tmp_path: Path) -> None:
    d = Disclosure(META, projects=[_project(n, i) for i, n in enumerate([*HOSTILE, "-", "普通项目"])])
    path = write_disclosure_package(d, tmp_path / "pkg")
    assert package_errors(path) == []
    with (tmp_path / "pkg" / "projects.csv").open(encoding="utf-8-sig", newline="") as fh:
        names = [r["name"] for r in csv.DictReader(fh)]
    assert names == ["'" + n for n in HOSTILE] + ["-", "普通项目"]


def test_xlsx_text_cells_are_strings(tmp_path: Path) -> None:
    """Even from a package that was not escaped (written by another tool)."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "projects.csv").write_text("name,amount\n" + "".join(f'"{n.replace(chr(34), 2 * chr(34))}",1\n'
                                                                for n in HOSTILE), encoding="utf-8")
    fields = [{"name": "name", "type": "string"}, {"name": "amount", "type": "number"}]
    (pkg / "datapackage.json").write_text(json.dumps(
        {"name": "pkg", "resources": [{"name": "projects", "path": "projects.csv", "schema": {"fields": fields}}]}),
        encoding="utf-8")
    write_xlsx(read_package(pkg, tmp_path), tmp_path / "pkg.xlsx")
    ws = load_workbook(tmp_path / "pkg.xlsx")["projects"]
    cells = [row[0] for row in ws.iter_rows(min_row=3)]  # below the two header rows
    assert [c.value for c in cells] == HOSTILE
    assert {c.data_type for c in cells} == {"s"}
    assert [row[1].value for row in ws.iter_rows(min_row=3)] == [1] * len(HOSTILE)
