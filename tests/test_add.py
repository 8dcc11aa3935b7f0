"""`python -m generator add`: refusals leave everything unchanged; an entry is appended as text, escaped.

Each test works on a scratch copy of sources/ (the catalog and its files), never on the repository's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.add import region_of, same_department
from generator.catalog import SOURCES_DIR, load_catalog, sha256_of
from generator.model import DisclosureMeta
from tests.test_cli import _garbage_pdf, assert_one_line_error, run


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of sources/ (catalog and files) and an empty packages folder."""
    shutil.copytree(SOURCES_DIR, tmp_path / "sources")
    (tmp_path / "datapackages").mkdir()
    return tmp_path


def add(project: Path, *args: str):
    return run("add", *args, "--catalog", str(project / "sources/catalog.yaml"), "--out",
               str(project / "datapackages"))


def snapshot(project: Path) -> dict[str, str]:
    return {p.name: sha256_of(p) for p in sorted((project / "sources").iterdir())}


def next_year_budget(tmp_path: Path) -> Path:
    """The 滑县 2024 budget as if it were 2025's: a different file, another year."""
    text = (SOURCES_DIR / "huaxian-2024-budget.txt").read_text(encoding="utf-8")
    path = tmp_path / "滑县2025年部门预算.txt"
    path.write_text(text.replace("2024", "2025"), encoding="utf-8")
    return path


def test_add_refuses_a_file_already_catalogued(project: Path) -> None:
    before = snapshot(project)
    proc = add(project, str(SOURCES_DIR / "huaxian-2024-budget.txt"))
    assert_one_line_error(proc, "huaxian-2024-budget.txt", "already catalogued as huaxian-2024-budget")
    assert snapshot(project) == before
    assert list((project / "datapackages").iterdir()) == []


def test_add_refuses_an_existing_id(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "huaxian-again.txt"  # a different file (one more line) of the same disclosure
    copy.write_text((SOURCES_DIR / "huaxian-2024-budget.txt").read_text(encoding="utf-8") + "\n附注\n", "utf-8")
    before = snapshot(project)
    proc = add(project, str(copy))
    assert_one_line_error(proc, "huaxian-2024-budget is already in")
    assert snapshot(project) == before
    proc = add(project, str(next_year_budget(tmp_path)), "--id", "jiangan-2023-final", "--stage", "final")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("make", [_garbage_pdf, lambda t: t / "missing.pdf", lambda t: t],
                         ids=["truncated-pdf", "missing", "directory"])
def test_add_refuses_an_unreadable_file(project: Path, tmp_path: Path, make) -> None:
    path = make(tmp_path)
    before = snapshot(project)
    proc = add(project, str(path))
    assert_one_line_error(proc, str(path.name))
    assert snapshot(project) == before
    assert list((project / "datapackages").iterdir()) == []


def test_add_appends_the_entry_as_text_and_extracts(project: Path, tmp_path: Path) -> None:
    catalog = project / "sources/catalog.yaml"
    before = catalog.read_text(encoding="utf-8")
    new = next_year_budget(tmp_path)
    proc = add(project, str(new), "--source-url", "https://example.org/预算.pdf", "--published", "2025-02-10")
    assert proc.returncode == 0, proc.stderr
    after = catalog.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments, entries and their order untouched
    metas = load_catalog(catalog)
    assert [m.disclosure_id for m in metas][-1] == "huaxian-2025-budget"
    m = metas[-1]
    # a catalogued department is recognised by its name (滑县医疗保障局 = 安阳市滑县医疗保障局) and keeps its fields
    assert (m.department_id, m.department, m.county, m.year, m.stage) == (
        "huaxian", "安阳市滑县医疗保障局", "滑县", 2025, "budget")
    assert m.file == new.name and m.sha256 == sha256_of(new)
    assert (m.source_url, m.published) == ("https://example.org/预算.pdf", "2025-02-10")
    assert sha256_of(project / "sources" / new.name) == sha256_of(new)
    assert (project / "datapackages/huaxian-2025-budget/datapackage.json").is_file()
    out = proc.stdout
    assert "added huaxian-2025-budget" in out
    assert "01 2025年部门收支总体情况表 (L331): 46 rows" in out  # the table-by-table report
    assert "checks:" in out


def test_add_refuses_a_bad_date(project: Path, tmp_path: Path) -> None:
    before = snapshot(project)
    assert_one_line_error(add(project, str(next_year_budget(tmp_path)), "--published", "2025年2月"), "--published")
    assert snapshot(project) == before


def test_add_never_overwrites_a_different_file_of_the_same_name(project: Path, tmp_path: Path) -> None:
    new = next_year_budget(tmp_path)
    squatter = project / "sources" / new.name
    squatter.write_text("另一个文件\n", encoding="utf-8")
    proc = add(project, str(new))
    assert proc.returncode == 0, proc.stderr
    assert squatter.read_text(encoding="utf-8") == "另一个文件\n"
    m = load_catalog(project / "sources/catalog.yaml")[-1]
    assert m.file == "huaxian-2025-budget.txt"
    assert sha256_of(project / "sources" / m.file) == sha256_of(new)


def test_add_escapes_untrusted_values(project: Path, tmp_path: Path) -> None:
    """A department name (from the document or the command line) cannot inject YAML."""
    hostile = "某局\n  - id: evil-2024-final\n    x: 'y\" # z: [1] {a: b}"
    catalog = project / "sources/catalog.yaml"
    before = catalog.read_text(encoding="utf-8")
    proc = add(project, str(next_year_budget(tmp_path)), "--id", "newdep", "--department", hostile)
    assert proc.returncode == 0, proc.stderr
    assert catalog.read_text(encoding="utf-8").startswith(before)
    metas = load_catalog(catalog)
    assert len(metas) == len(load_catalog(SOURCES_DIR / "catalog.yaml")) + 1
    assert metas[-1].disclosure_id == "newdep-2025-budget" and metas[-1].department == hostile
    assert "evil" not in {m.department_id for m in metas}
    raw = yaml.safe_load(catalog.read_text(encoding="utf-8"))["disclosures"][-1]
    assert raw["department"] == hostile


def test_a_new_department_without_an_id_is_refused(project: Path, tmp_path: Path) -> None:
    text = (SOURCES_DIR / "huaxian-2024-budget.txt").read_text(encoding="utf-8").replace("滑县", "示例县")
    path = tmp_path / "2024年部门预算.txt"  # no ASCII in the name: no slug to use
    path.write_text(text, encoding="utf-8")
    before = snapshot(project)
    assert_one_line_error(add(project, str(path)), "new department", "示例县医疗保障局", "--id")
    assert snapshot(project) == before


def _meta(department: str, short_name: str = "") -> DisclosureMeta:
    return DisclosureMeta("x-2024-final", "x", department, 2024, "final", "", "", "", "", short_name=short_name)


def test_same_department_allows_a_place_prefix_only() -> None:
    cangxi = _meta("广元市苍溪县医疗保障局", "苍溪县医保局")
    assert same_department("苍溪县医疗保障局", cangxi)
    assert same_department("苍溪县医保局", cangxi)
    assert same_department(" 广元市苍溪县医疗保障局 ", cangxi)
    assert not same_department("医疗保障局", cangxi)  # the remainder 广元市苍溪县 is not a place prefix
    assert not same_department("苍溪县财政局", cangxi)
    assert not same_department("", cangxi)


def test_region_from_a_new_department_name() -> None:
    assert region_of("武汉市江岸区医疗保障局") == {"city": "武汉市", "county": "江岸区"}
    assert region_of("河北省秦皇岛市山海关区医疗保障局") == {"province": "河北省", "city": "秦皇岛市",
                                                          "county": "山海关区"}
    assert region_of("滑县医疗保障局") == {"county": "滑县"}
    assert region_of("医疗保障局") == {}
