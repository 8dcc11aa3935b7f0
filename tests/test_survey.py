"""`survey FOLDER`: every file of a folder extracted, one row per disclosure, known files skipped."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from generator.catalog import SOURCES_DIR
from generator.model import InputError
from generator.survey import SURVEY_CSV, group_files, render_table, survey

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-pdfs"


def test_group_files_joins_a_name_that_extends_another() -> None:
    names = ["a-2019-budget.pdf", "a-2019-budget-tables.pdf", "a-2019-budgetx.pdf", "b.pdf", "b_附表.pdf",
             "b.md", "c.pdf", "c-planted-errors.pdf", "d（附表）.pdf", "d.pdf"]
    groups = group_files([Path(n) for n in names])
    assert [[p.name for p in g] for g in groups] == [
        ["a-2019-budget.pdf", "a-2019-budget-tables.pdf"],
        ["a-2019-budgetx.pdf"],  # no separator: another document
        ["b.md"],  # another format is another document
        ["b.pdf", "b_附表.pdf"],
        ["c-planted-errors.pdf"],  # another version of c, not a part of it
        ["c.pdf"],
        ["d.pdf", "d（附表）.pdf"],
    ]


def test_survey_of_a_folder_reports_every_file_and_skips_known_ones(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    for name in ("shanhaiguan-2024-budget.txt", "jiangan-2023-final.txt"):
        shutil.copy(SOURCES_DIR / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (folder / "README.md").write_text("not a disclosure", "utf-8")
    out = tmp_path / "survey"

    rows = survey(folder, out, workers=1)
    by_file = {r.file: r for r in rows}
    assert sorted(by_file) == ["broken.pdf", "jiangan-2023-final.txt", "shanhaiguan-2024-budget.txt"]
    assert by_file["broken.pdf"].status == "failed" and by_file["broken.pdf"].message
    jiangan = by_file["jiangan-2023-final.txt"]
    assert (jiangan.status, jiangan.year, jiangan.stage) == ("ok", "2023", "final")
    assert "江岸" in jiangan.department
    assert jiangan.parsed > 0 and jiangan.checks_pass > 0
    assert (out / "jiangan-2023-final" / "datapackage.json").is_file()
    with (out / SURVEY_CSV).open(encoding="utf-8-sig", newline="") as handle:
        assert [r["file"] for r in csv.DictReader(handle)] == [r.file for r in rows]
    table = render_table(rows)
    assert "| broken.pdf | **failed**" in table and "| jiangan-2023-final.txt |" in table

    messages: list[str] = []
    again = survey(folder, out, workers=1, progress=messages.append)
    assert again == rows or [r.file for r in again] == [r.file for r in rows]
    assert any("jiangan-2023-final.txt: already surveyed" in m for m in messages)
    assert not any("broken.pdf: already surveyed" in m for m in messages)  # failures are tried again


def test_survey_refuses_a_folder_without_disclosures(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b", "utf-8")
    with pytest.raises(InputError, match="no disclosure files"):
        survey(tmp_path, tmp_path / "out")


@pytest.mark.realpdf
@pytest.mark.skipif(not (REAL / "js-renda-2019-budget-tables.pdf").is_file(), reason="real PDFs absent")
def test_survey_reads_a_text_pdf_and_its_tables_pdf_as_one_disclosure(tmp_path: Path) -> None:
    folder = tmp_path / "js"
    folder.mkdir()
    for name in ("js-renda-2019-budget.pdf", "js-renda-2019-budget-tables.pdf"):
        shutil.copy(REAL / name, folder / name)
    (row,) = survey(folder, tmp_path / "out", workers=1)
    assert row.file == "js-renda-2019-budget.pdf + js-renda-2019-budget-tables.pdf"
    assert row.year == "2019" and row.stage == "budget"
    assert row.parsed >= 8, row  # the statements are in the second file
