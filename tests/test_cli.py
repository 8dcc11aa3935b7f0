"""The command line, run as a subprocess: bad input → one line on stderr, exit code 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.catalog import CATALOG_PATH, ROOT, SOURCES_DIR
from generator.package import package_errors


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        timeout=300,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip()
    assert "Traceback" not in err
    assert err.count("\n") == 0, err
    assert err.startswith("error: ")
    for fragment in fragments:
        assert fragment in err, err


def _file(name: str, data: bytes):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


def _garbage_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty")
    return path


@pytest.mark.parametrize(
    ("make", "fragments"),
    [
        (lambda t: t / "missing.md", ["missing.md", "not found"]),
        (_file("table.xlsx", b"PK\x03\x04"), ["table.xlsx", "unsupported"]),
        (_file("empty.md", b""), ["empty.md", "empty"]),
        (_file("blank.txt", b" \n\n \n"), ["blank.txt", "empty"]),
        (_file("noise.txt", bytes(range(256)) * 8), ["noise.txt", "binary"]),
        (_file("fake.pdf", b"hello, not a pdf"), ["fake.pdf", "not a PDF"]),
        (_garbage_pdf, ["truncated.pdf"]),
        (lambda t: t, [" not a file"]),
    ],
    ids=[
        "nonexistent",
        "unknown-extension",
        "empty",
        "whitespace-only",
        "binary",
        "fake-pdf",
        "truncated-pdf",
        "directory",
    ],
)
def test_extract_bad_input(tmp_path: Path, make, fragments: list[str]) -> None:
    path = make(tmp_path)
    proc = run("extract", str(path), "--out", str(tmp_path / "out"))
    assert_one_line_error(proc, *fragments)
    assert not (tmp_path / "out" / "datapackage.json").exists()


def test_extract_no_recognizable_statement(tmp_path: Path) -> None:
    path = tmp_path / "minutes.md"
    path.write_text("# 2024年度工作总结\n\n今年我们开了很多会议。\n", encoding="utf-8")
    proc = run("extract", str(path), "--out", str(tmp_path / "out"), "--stage", "final")
    assert_one_line_error(proc, "minutes.md", "no recognizable statement")


def test_extract_cannot_infer_year(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("# 某局部门决算\n\n说明文字。\n", encoding="utf-8")
    proc = run("extract", str(path), "--out", str(tmp_path / "out"))
    assert_one_line_error(proc, "x.md", "--year")


def test_extract_bad_id(tmp_path: Path) -> None:
    proc = run(
        "extract", str(SOURCES_DIR / "huaxian-2024-budget.txt"), "--out", str(tmp_path), "--id", "滑县"
    )
    assert_one_line_error(proc, "--id")


def test_extract_a_source(tmp_path: Path) -> None:
    src = tmp_path / "滑县预算.txt"  # a file name without ASCII: --id gives the slug
    shutil.copy(SOURCES_DIR / "huaxian-2024-budget.txt", src)
    out = tmp_path / "pkg"
    proc = run("extract", str(src), "--out", str(out), "--id", "huaxian")
    assert proc.returncode == 0, proc.stderr
    desc = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["name"] == "huaxian-2024-budget"  # year and stage read from the document
    assert desc["disclosure"]["department"] == "滑县医疗保障局"
    assert package_errors(out / "datapackage.json") == []
    assert "huaxian-2024-budget" in proc.stderr


def test_extract_takes_a_full_id_as_given(tmp_path: Path) -> None:
    # The year printed nowhere: without --id it cannot be told, a full id supplies it.
    src = tmp_path / "undated.txt"
    src.write_text((SOURCES_DIR / "shanhaiguan-2024-budget.txt").read_text("utf-8").replace("2024", "XXXX"), "utf-8")
    assert_one_line_error(run("extract", str(src), "--out", str(tmp_path / "a")), "undated.txt", "--year")
    proc = run("extract", str(src), "--out", str(tmp_path / "b"), "--id", "shg-2024-budget")
    assert proc.returncode == 0, proc.stderr
    desc = json.loads((tmp_path / "b" / "datapackage.json").read_text(encoding="utf-8"))
    assert (desc["name"], desc["disclosure"]["year"], desc["disclosure"]["stage"]) == ("shg-2024-budget", 2024, "budget")
    # …but an explicit --year that contradicts it is refused.
    proc = run("extract", str(src), "--out", str(tmp_path / "c"), "--id", "shg-2024-budget", "--year", "2023")
    assert_one_line_error(proc, "--id shg-2024-budget", "2023")


def test_build_refuses_an_edited_source(tmp_path: Path) -> None:
    data = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    entry = data["disclosures"][3]
    data["disclosures"] = [entry]
    shutil.copy(SOURCES_DIR / entry["file"], tmp_path / entry["file"])
    with (tmp_path / entry["file"]).open("a", encoding="utf-8") as fh:
        fh.write("篡改\n")
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    proc = run("build", "--catalog", str(tmp_path / "catalog.yaml"), "--out", str(tmp_path / "out"))
    assert_one_line_error(proc, entry["file"], "sha256 mismatch", entry["sha256"])


def test_build_one_catalog_entry(tmp_path: Path) -> None:
    data = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    entry = data["disclosures"][3]
    data["disclosures"] = [entry]
    shutil.copy(SOURCES_DIR / entry["file"], tmp_path / entry["file"])
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    proc = run("build", "--catalog", str(tmp_path / "catalog.yaml"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "huaxian-2024-budget: reading" in proc.stderr  # progress lines on stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["all", "huaxian-2024-budget"]


def test_usage_errors() -> None:
    proc = run()
    assert proc.returncode == 2 and "usage" in proc.stderr
    proc = run("extract", "x.md")  # --out is required
    assert proc.returncode == 2 and "--out" in proc.stderr


def _split_source(tmp_path: Path) -> tuple[Path, Path]:
    """shanhaiguan's export prints its tables first and its 情况说明 after: two files, text first."""
    lines = (SOURCES_DIR / "shanhaiguan-2024-budget.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    cut = next(i for i, ln in enumerate(lines) if ln.startswith("第一部分"))
    text, tables = tmp_path / "text.txt", tmp_path / "tables.txt"
    text.write_text("".join(lines[cut:]), encoding="utf-8")
    tables.write_text("".join(lines[:cut]), encoding="utf-8")
    return text, tables


def _csv_rows(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_extract_a_disclosure_published_in_two_files(tmp_path: Path) -> None:
    text, tables = _split_source(tmp_path)
    out = tmp_path / "pkg"
    proc = run("extract", str(text), str(tables), "--id", "shanhaiguan-2024-budget", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert package_errors(out / "datapackage.json") == []
    summary = _csv_rows(out / "summary.csv")
    # the tables file's lines are f2:L…; 部门预算收支总表 L1 of that file
    assert summary and all("f2:L" in r["source_ref"] for r in summary)
    total = [r for r in summary if r["statement"] == "overall" and r["item_key"] == "income_total"]
    assert [r["amount"] for r in total] == ["436.66"]  # 收入总计 436.66, tables file L221
    # the narrative is read from the first file
    assert any(r["source_ref"].startswith("narrative:L") for r in _csv_rows(out / "facts.csv"))
    desc = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    # extracted from outside sources/: the paths as given (issue 9, item 10)
    assert [s["path"] for s in desc["sources"]] == [text.as_posix(), tables.as_posix()]


def test_catalog_entry_with_several_files(tmp_path: Path) -> None:
    import hashlib

    text, tables = _split_source(tmp_path)
    data = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    entry = next(e for e in data["disclosures"] if e["id"] == "shanhaiguan-2024-budget")
    entry["file"] = [text.name, tables.name]
    entry["sha256"] = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (text, tables)]
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump({"disclosures": [entry]}, allow_unicode=True), "utf-8")
    proc = run("build", "--catalog", str(tmp_path / "catalog.yaml"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    (row,) = _csv_rows(tmp_path / "out" / "all" / "disclosures.csv")
    assert (row["file"], row["other_files"]) == ("text.txt", f"tables.txt sha256:{entry['sha256'][1]}")
    entry["sha256"] = entry["sha256"][:1]
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump({"disclosures": [entry]}, allow_unicode=True), "utf-8")
    proc = run("build", "--catalog", str(tmp_path / "catalog.yaml"), "--out", str(tmp_path / "out2"))
    assert_one_line_error(proc, "one sha256 per file")


def test_a_file_outside_sources_records_the_path_given(tmp_path: Path) -> None:
    """Issue 9, item 10: not `sources/<file>`, which does not exist for an uncatalogued file."""
    src = tmp_path / "in" / "huaxian-2024-budget.txt"
    src.parent.mkdir()
    shutil.copy(SOURCES_DIR / "huaxian-2024-budget.txt", src)
    out = tmp_path / "pkg"
    proc = run("extract", str(src), "--out", str(out), "--id", "huaxian")
    assert proc.returncode == 0, proc.stderr
    desc = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [s["path"] for s in desc["sources"]] == [src.as_posix()]
    assert f"- File: `{src.as_posix()}`" in (out / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["missing resource", "edited csv"])
def test_pages_refuses_a_broken_package(tmp_path: Path, damage: str) -> None:
    """Issue 9, item 8: `generator pages` validates what it reads and publishes nothing from a
    broken package (it used to publish the disclosure without the missing resource)."""
    packages = tmp_path / "datapackages"
    shutil.copytree(ROOT / "datapackages", packages)
    victim = packages / "huaxian-2024-budget" / "summary.csv"
    if damage == "missing resource":
        victim.unlink()
    else:
        victim.write_bytes(victim.read_bytes().replace(b"23278.10", b"23278.11", 1))
    docs = tmp_path / "docs"
    proc = run("pages", "--datapackages", str(packages), "--docs", str(docs))
    assert_one_line_error(proc, "huaxian-2024-budget", "invalid data package", "make data")
    assert not (docs / "index.md").exists()
