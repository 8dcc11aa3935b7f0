"""Hostile text exports and catalogs (issue 9, item 7): decoded, cleaned and refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog import SOURCES_DIR, load_catalog
from generator.extract import Options, extract_file, split_id
from generator.model import InputError
from generator.read import read_document
from tests.test_catalog import _write_catalog as _catalog

HUAXIAN = SOURCES_DIR / "huaxian-2024-budget.txt"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = HUAXIAN.read_text("utf-8-sig")
    path = tmp_path / "huaxian.txt"
    bom = {"utf-16-be": "\ufeff"}.get(encoding, "")  # "utf-16"/"utf-32" write their own BOM
    path.write_bytes((bom + text).encode(encoding))
    doc, expected = read_document(path), read_document(HUAXIAN)
    assert doc.format == expected.format
    assert [ln.text for ln in doc.lines] == [ln.text for ln in expected.lines]


def test_utf16_without_a_bom_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("收入合计100万元".encode("utf-16-le"))
    with pytest.raises(InputError, match="binary"):
        read_document(path)


def test_a_nul_byte_anywhere_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(HUAXIAN.read_bytes() + b"\x00tail")  # far beyond the first 4 KiB
    with pytest.raises(InputError, match="binary"):
        read_document(path)


def test_control_characters_are_stripped_and_reported(tmp_path: Path) -> None:
    """A BEL and an ESC in a narrative sentence far after the first 4 KiB: gone from every fact,
    and a problem names them and the first line."""
    text = HUAXIAN.read_text("utf-8-sig")
    lines = text.split("\n")
    target = next(i for i, ln in enumerate(lines) if "万元" in ln and len("\n".join(lines[:i]).encode()) > 4096
                  and "\t" not in ln and "年初预算" not in ln)
    lines[target] = lines[target].replace("万元", "万\x07元\x1b", 1)
    path = tmp_path / "huaxian-2024-budget.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    d = extract_file(path, tmp_path / "pkg", Options(id="huaxian"))
    assert not any(ch in f.quote + f.label for f in d.facts for ch in "\x07\x1b")
    problem = next(p for p in d.problems if "control character" in p)
    assert "U+0007 ×1" in problem and "U+001B ×1" in problem and f"L{target + 1}" in problem
    facts_csv = (tmp_path / "pkg" / "facts.csv").read_text("utf-8-sig")
    assert "\x07" not in facts_csv and "\x1b" not in facts_csv


def test_ids_are_matched_whole() -> None:
    assert split_id("jiangan-2024-final") == ("jiangan-2024-final", "jiangan")
    for bad in ("jiangan\n", "jiangan-2024-final\n", "jiangan-٢٠٢٤-final", "../x"):
        with pytest.raises(InputError, match="--id"):
            split_id(bad)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda e: e[0].update(year="abc"), "year must be a four-digit year.*'abc'"),
        (lambda e: e[0].update(year=True), "year must be a four-digit year"),
        (lambda e: e.__setitem__(0, "jiangan-2024-final"), "entry 1: expected the fields of one disclosure"),
        (lambda e: e[0].update(title=["a"]), "title must be text"),
        (lambda e: e[0].update(department_id="../up", id="../up-2024-final"), "department_id '../up'"),
        (lambda e: e[0].update(file={"a": 1}), "file and sha256 must be text"),
    ],
)
def test_catalog_type_errors_are_input_errors(tmp_path: Path, mutate, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_catalog(_catalog(tmp_path, mutate))


def test_a_template_with_only_placeholders_is_not_a_disclosure(tmp_path: Path) -> None:
    path = tmp_path / "template.md"
    path.write_text("# 某某局2024年部门决算\n\n一、部门职责\n\n某某局主要职责是XXXX。\n", encoding="utf-8")
    with pytest.raises(InputError, match="no recognizable statement"):
        extract_file(path, tmp_path / "pkg", Options())
    assert not (tmp_path / "pkg").exists()
