"""The data packages: built from the catalog, valid, reproducible, and equal to the committed ones."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator import model
from generator.catalog import ROOT, load_catalog
from generator.model import Disclosure, DisclosureMeta, EconomicRow, IncomeRow, Line, RawTable
from generator.package import package_errors, schemas, write_disclosure_package
from generator.package.build import build_packages
from generator.package.rows import cell

COMMITTED = ROOT / "datapackages"
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("datapackages")
    build_packages(out, validate=False)  # validated below, package by package
    return out


def _packages(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "datapackage.json").is_file())


def _descriptor(pkg: Path) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_one_package_per_disclosure_and_all(built: Path) -> None:
    names = [p.name for p in _packages(built)]
    assert names == sorted([m.disclosure_id for m in load_catalog()] + ["all"])


def test_every_package_validates(built: Path) -> None:
    for pkg in _packages(built):
        assert package_errors(pkg / "datapackage.json") == [], pkg.name


def test_committed_packages_are_up_to_date(built: Path) -> None:
    """datapackages/ must be what `make data` writes now (stale output is caught here)."""
    fresh = {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    committed = {
        p.relative_to(COMMITTED).as_posix(): p.read_bytes() for p in COMMITTED.rglob("*") if p.is_file()
    }
    assert sorted(committed) == sorted(fresh), "run `make data`"
    stale = [name for name in fresh if committed[name] != fresh[name]]
    assert stale == [], "run `make data`"


def test_build_is_reproducible(built: Path, tmp_path: Path) -> None:
    build_packages(tmp_path, validate=False)
    for path in built.rglob("*"):
        if path.is_file():
            assert (tmp_path / path.relative_to(built)).read_bytes() == path.read_bytes(), path


def test_primary_keys_unique_and_numbers_exact(built: Path) -> None:
    for pkg in _packages(built):
        for res in _descriptor(pkg)["resources"]:
            schema = res["schema"]
            header, rows = _rows(pkg / res["path"])
            assert header == [f["name"] for f in schema["fields"]]
            assert len(rows) == res["rows"] > 0
            keys = [tuple(r[k] for k in schema["primaryKey"]) for r in rows]
            assert len(keys) == len(set(keys)), (pkg.name, res["name"])
            for f in schema["fields"]:
                if f["type"] in ("number", "integer"):
                    bad = [r[f["name"]] for r in rows if r[f["name"]] and not NUMBER.match(r[f["name"]])]
                    assert bad == [], (pkg.name, res["name"], f["name"])


def test_csv_files_have_bom_and_unix_lines(built: Path) -> None:
    for path in built.rglob("*.csv"):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path
        assert b"\r\n" not in data.replace(b'\r\n"', b""), path


def test_columns_follow_the_model() -> None:
    disclosure_lists = {f.name for f in dataclasses.fields(Disclosure)}
    for name, attr in schemas.row_resources().items():
        assert attr in disclosure_lists
        row_cls = getattr(model, schemas.spec()["resources"][name]["row"])
        assert schemas.columns(name) == ["disclosure_id", *[f.name for f in dataclasses.fields(row_cls)]]


def test_descriptor_metadata(built: Path) -> None:
    metas = {m.disclosure_id: m for m in load_catalog()}
    for did, meta in metas.items():
        desc = _descriptor(built / did)
        assert desc["name"] == did and "created" not in desc
        assert desc["licenses"][0]["name"] == "CC-BY-4.0"
        assert desc["sources"][0]["sha256"] == meta.sha256
        assert meta.department in desc["title"]
        readme = (built / did / "README.md").read_text(encoding="utf-8")
        assert meta.department in readme and "## Checks" in readme and "## Problems" in readme


def test_all_concatenates_every_package(built: Path) -> None:
    all_desc = {r["name"]: r for r in _descriptor(built / "all")["resources"]}
    totals: dict[str, int] = {}
    for pkg in _packages(built):
        if pkg.name == "all":
            continue
        for res in _descriptor(pkg)["resources"]:
            if res["name"] not in schemas.code_list_names():
                totals[res["name"]] = totals.get(res["name"], 0) + res["rows"]
    for name, n in totals.items():
        assert all_desc[name]["rows"] == n, name
    _, disclosures = _rows(built / "all" / "disclosures.csv")
    assert [d["disclosure_id"] for d in disclosures] == [m.disclosure_id for m in load_catalog()]
    _, departments = _rows(built / "all" / "departments.csv")
    assert sorted(d["department_id"] for d in departments) == ["cangxi", "huaxian", "jiangan", "shanhaiguan"]
    _, codes = _rows(built / "all" / "function_codes.csv")
    by_code = {c["code"]: c for c in codes}
    assert by_code["2101501"]["name"] == "行政运行" and by_code["total"]["level"] == "0"


# ---------------------------------------------------------------- writer units


def test_cell_is_exact() -> None:
    assert cell(Decimal("1.20")) == "1.20"
    assert cell(Decimal("1E+2")) == "100"
    assert cell(Decimal("-0.05")) == "-0.05"
    assert cell(None) == "" and cell(3) == "3" and cell(model.Status.WARN) == "warn"
    with pytest.raises(TypeError):
        cell(1.5)


def _meta() -> DisclosureMeta:
    return DisclosureMeta(
        "test-2024-final", "test", "测试局", 2024, "final", "测试", "t.md", "markdown", "00"
    )


def _income(code: str, level: int, name: str, total: str) -> IncomeRow:
    amount = Decimal(total)
    return IncomeRow(code, level, name, amount, amount, None, None, None, None, None, None, "L1")


def test_unknown_code_enters_the_code_list_from_the_document(tmp_path: Path) -> None:
    d = Disclosure(
        _meta(),
        income_by_function=[_income("total", 0, "合计", "3.00"), _income("2109988", 3, "某项", "3.00")],
    )
    path = write_disclosure_package(d, tmp_path / "pkg")
    assert package_errors(path) == []
    desc = _descriptor(tmp_path / "pkg")
    income = next(r for r in desc["resources"] if r["name"] == "income_by_function")
    assert income["schema"]["foreignKeys"][0]["reference"]["resource"] == "function_codes"
    _, codes = _rows(tmp_path / "pkg" / "function_codes.csv")
    made_up = next(c for c in codes if c["code"] == "2109988")
    assert (made_up["name"], made_up["level"], made_up["parent"], made_up["origin"]) == ("某项", "3", "21099", "document")
    assert (made_up["valid_from"], made_up["valid_to"]) == ("2024", "2024")
    assert next(c for c in codes if c["code"] == "total")["origin"] == "reference"


def _economic(code: str, name: str, year: int, tmp_path: Path) -> dict[str, str]:
    meta = dataclasses.replace(_meta(), year=year, disclosure_id=f"test-{year}-final")
    row = EconomicRow(code, 2, name, "personnel", Decimal("1.00"), "L1")
    path = write_disclosure_package(Disclosure(meta, basic_expenditure_economic=[row]), tmp_path / str(year))
    assert package_errors(path) == []
    _, codes = _rows(tmp_path / str(year) / "economic_codes.csv")
    return next(c for c in codes if c["code"] == code)


def test_the_year_picks_the_version_of_the_code_list(tmp_path: Path) -> None:
    # before the 2018 reform 30311 was 住房公积金; from 2018 it is 代缴社会保险费 (住房公积金 moved to 30113)
    old = _economic("30311", "住房公积金", 2017, tmp_path)
    assert (old["name"], old["origin"], old["valid_to"]) == ("住房公积金", "reference", "2017")
    new = _economic("30311", "代缴社会保险费", 2024, tmp_path)
    assert (new["name"], new["origin"], new["valid_from"], new["valid_to"]) == ("代缴社会保险费", "reference", "2018", "")
    # 30104 was abolished in 2018: a 2024 table printing it keeps it as printed
    gone = _economic("30104", "其他社会保障缴费", 2024, tmp_path)
    assert (gone["name"], gone["origin"]) == ("其他社会保障缴费", "document")


def test_code_lists_hold_the_used_codes(tmp_path: Path) -> None:
    d = Disclosure(
        _meta(),
        income_by_function=[_income("total", 0, "合计", "3.00"), _income("2101501", 3, "行政运行", "3.00")],
    )
    path = write_disclosure_package(d, tmp_path / "pkg")
    assert package_errors(path) == []
    _, codes = _rows(tmp_path / "pkg" / "function_codes.csv")
    assert [c["code"] for c in codes] == ["2101501", "total"]
    assert not (tmp_path / "pkg" / "economic_codes.csv").exists()


def test_raw_tables_and_stale_files(tmp_path: Path) -> None:
    """A package published over an older one of ours: its stale resources go, a user's file stays."""
    from generator.extract import write_file_package

    pkg = tmp_path / "pkg"
    older = Disclosure(_meta(), income_by_function=[_income("total", 0, "合计", "3.00")])
    write_file_package(older, pkg)
    assert (pkg / "income_by_function.csv").exists()
    (pkg / "keep.txt").write_text("not ours", encoding="utf-8")
    raw = RawTable(
        "某表", "other", "unclassified table", [Line("a\tb", "L5", ("a", "b")), Line("c d", "L6")], "L4"
    )
    d = Disclosure(_meta(), raw_tables=[raw], problems=["某表 (L4): unclassified table kept raw"])
    path = write_file_package(d, pkg)
    assert package_errors(path) == []
    assert not (pkg / "income_by_function.csv").exists() and (pkg / "keep.txt").exists()
    _, rows = _rows(pkg / "raw_tables.csv")
    assert [(r["line_no"], r["source_ref"], r["text"]) for r in rows] == [
        ("0", "L4", "某表"),
        ("1", "L5", "a\tb"),
        ("2", "L6", "c d"),
    ]
    readme = (pkg / "README.md").read_text(encoding="utf-8")
    assert "某表 (L4, other): unclassified table" in readme and "unclassified table kept raw" in readme
