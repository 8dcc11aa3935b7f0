"""sources/catalog.yaml → DisclosureMeta, and the sha256 guard on the sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.catalog import CATALOG_PATH, SOURCES_DIR, load_catalog, sha256_of, verify_source
from generator.model import InputError


def test_catalog_entries() -> None:
    metas = load_catalog()
    assert [m.disclosure_id for m in metas] == [
        "jiangan-2024-final",
        "jiangan-2023-final",
        "cangxi-2024-final",
        "huaxian-2024-budget",
        "shanhaiguan-2024-budget",
    ]
    by_id = {m.disclosure_id: m for m in metas}
    shg = by_id["shanhaiguan-2024-budget"]
    assert (shg.department, shg.year, shg.stage, shg.format) == (
        "秦皇岛市山海关区医疗保障局",
        2024,
        "budget",
        "docx-text",
    )
    assert shg.province == "河北省" and shg.original_format == "docx"
    jiangan = by_id["jiangan-2023-final"]
    assert (jiangan.department_id, jiangan.file, jiangan.title) == (
        "jiangan",
        "jiangan-2023-final.txt",
        "2023年度江岸区医保局部门决算公开",
    )


def test_every_source_matches_its_hash() -> None:
    for meta in load_catalog():
        path = verify_source(meta)
        assert path == SOURCES_DIR / meta.file
        assert sha256_of(path) == meta.sha256


def test_edited_source_is_refused(tmp_path: Path) -> None:
    meta = load_catalog()[0]
    shutil.copy(SOURCES_DIR / meta.file, tmp_path / meta.file)
    with (tmp_path / meta.file).open("a", encoding="utf-8") as fh:
        fh.write("\n")
    with pytest.raises(InputError) as err:
        verify_source(meta, tmp_path)
    message = str(err.value)
    assert meta.file in message and meta.sha256 in message
    assert sha256_of(tmp_path / meta.file) in message


def test_missing_source_is_refused(tmp_path: Path) -> None:
    meta = load_catalog()[0]
    with pytest.raises(InputError, match="not found"):
        verify_source(meta, tmp_path)


def _write_catalog(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    mutate(data["disclosures"])
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda e: e[0].pop("sha256"), "missing field.*sha256"),
        (lambda e: e[0].update(stage="draft"), "stage must be one of"),
        (lambda e: e[0].update(id="jiangan-2024"), "should be 'jiangan-2024-final'"),
        (lambda e: e.append(dict(e[0])), "duplicate id.*jiangan-2024-final"),
        (lambda e: e[0].update(source_url="www.example.org/x.pdf"), "source_url must be an http"),
        (lambda e: e[0].update(published="2024年5月"), "published must be a date"),
    ],
)
def test_malformed_catalog(tmp_path: Path, mutate, message: str) -> None:
    path = _write_catalog(tmp_path, mutate)
    with pytest.raises(InputError, match=message):
        load_catalog(path)


def test_unreadable_catalog(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("disclosures: [", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the catalog"):
        load_catalog(path)
    path.write_text("other: 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="non-empty list"):
        load_catalog(path)


def test_source_url_and_published_are_read_and_default_to_empty(tmp_path: Path) -> None:
    def mutate(entries):
        entries[0].update(source_url="https://example.org/a.pdf", published="2024-05-31")
    first, second = load_catalog(_write_catalog(tmp_path, mutate))[:2]
    assert (first.source_url, first.published) == ("https://example.org/a.pdf", "2024-05-31")
    assert (second.source_url, second.published) == ("", "")  # unknown: empty, never guessed
