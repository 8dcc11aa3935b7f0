"""The CLI on PDFs: each kind of bad PDF gets one clear line and exit code 2; a catalog
entry whose source is a PDF builds like any other."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.package.validate import package_errors
from tests.pdf_fixtures import encrypted_pdf, image_pdf, text_pdf
from tests.test_cli import assert_one_line_error, run

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-pdfs"


@pytest.mark.parametrize(
    "name,data,fragments",
    [
        ("scan.pdf", image_pdf, ["scan.pdf", "no text layer", "OCR"]),
        ("locked.pdf", encrypted_pdf, ["locked.pdf", "encrypted"]),
        ("cut.pdf", lambda: text_pdf(["2024"])[:120], ["cut.pdf"]),
        ("letter.pdf", lambda: text_pdf(["Dear committee,", "see you in 2024."]),
         ["letter.pdf", "no recognizable statement", "收支总表"]),
    ],
    ids=["scanned", "encrypted", "truncated", "not-a-disclosure"],
)
def test_bad_pdf(tmp_path: Path, name, data, fragments) -> None:
    path = tmp_path / name
    path.write_bytes(data())
    proc = run("extract", str(path), "--out", str(tmp_path / "out"), "--year", "2024", "--stage", "final")
    assert_one_line_error(proc, *fragments)
    assert not (tmp_path / "out" / "datapackage.json").exists()


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-pdfs not present")
def test_catalog_entry_with_a_pdf_source_builds(tmp_path: Path) -> None:
    pdf = tmp_path / "putuo-caizhengju-2024-final.pdf"
    shutil.copy(REAL / pdf.name, pdf)
    entry = {
        "id": "putuo-caizhengju-2024-final", "department_id": "putuo-caizhengju",
        "department": "上海市普陀区财政局", "year": 2024, "stage": "final",
        "title": "上海市普陀区财政局2024年度部门决算", "file": pdf.name, "format": "pdf",
        "original_format": "pdf", "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
    }
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump({"disclosures": [entry]}, allow_unicode=True), "utf-8")
    proc = run("build", "--catalog", str(tmp_path / "catalog.yaml"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    package = tmp_path / "out" / "putuo-caizhengju-2024-final" / "datapackage.json"
    assert package_errors(package) == []
    names = {r["name"] for r in json.loads(package.read_text("utf-8"))["resources"]}
    assert {"summary", "income_by_function", "expenditure_by_function", "checks"} <= names
    summary = (package.parent / "summary.csv").read_text("utf-8-sig")
    assert ",p6" in summary or ":p6" in summary  # provenance is the PDF page


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-pdfs not present")
def test_partial_success_is_reported_table_by_table(tmp_path: Path) -> None:
    pdf = REAL / "putuo-caizhengju-2024-final-planted-errors.pdf"
    proc = run("extract", str(pdf), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert "8 statements, 1 raw tables" in lines[0]
    assert "  -- 收入决算表 (p8): 20 rows" in lines
    three_public = next(line for line in lines if "三公" in line)
    assert "kept raw" in three_public and "prints no amounts" in three_public
    assert any(line.startswith("  -- 政府性基金预算财政拨款收入支出决算表 (p16): empty") for line in lines)
