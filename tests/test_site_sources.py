"""The source viewer: which source files are published, and where each source_ref token points."""

from __future__ import annotations

from pathlib import Path

from generator.pages import build_pages
from generator.pages.load import load
from generator.pages.sources import SourceFile, find_sources, ref_html, ref_target

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / "datapackages"

TEXT = SourceFile("a-2024-final", 1, "a.txt", Path("a.txt"), "0" * 64, False, "sources/a-2024-final/a.txt",
                  "sources/a-2024-final.md")
PDF = SourceFile("a-2024-final", 2, "b.pdf", Path("b.pdf"), "0" * 64, True, "sources/a-2024-final/b.pdf", "")


def test_ref_tokens_point_at_lines_and_pages():
    files = [TEXT, PDF]
    assert ref_target(files, "L281") == "sources/a-2024-final/#L281"
    assert ref_target(files, "T01:L77") == "sources/a-2024-final/#L77"
    assert ref_target(files, "narrative:L5") == "sources/a-2024-final/#L5"
    assert ref_target(files, "T05:L10-L12") == "sources/a-2024-final/#L10-L12"
    assert ref_target(files, "T01:L77+L78") == "sources/a-2024-final/#L77"
    assert ref_target(files, "T03:f2:p5") == "sources/a-2024-final/b.pdf#page=5"
    assert ref_target(files, "f2:p5") == "sources/a-2024-final/b.pdf#page=5"
    assert ref_target(files, "f3:L1") == ""  # no third file published
    assert ref_target(files, "T05") == ""  # a table number alone names no line
    assert ref_target([TEXT], "p3") == ""  # a text export has no pages


def test_ref_html_escapes_and_leaves_unknown_refs_as_text():
    html = ref_html({"a-2024-final": [TEXT]}, "a-2024-final", "T01:L7 <b>x</b>")
    assert 'href="~site/sources/a-2024-final/#L7"' in html and "&lt;b&gt;" in html and "<b>" not in html
    assert ref_html({}, "a-2024-final", "L7") == "L7"


def test_only_files_with_the_catalogued_sha256_are_published(tmp_path):
    data = load(REAL)
    found = find_sources(data, REPO / "sources")
    assert set(found) == {d["disclosure_id"] for d in data.disclosures}
    # an edited copy is not the text the figures were read from: not published
    for d in data.disclosures[:1]:
        (tmp_path / d["file"]).write_text("edited", encoding="utf-8")
    assert data.disclosures[0]["disclosure_id"] not in find_sources(data, tmp_path)


def test_line_pages_number_lines_like_the_reader(tmp_path):
    docs = tmp_path / "docs"
    build_pages(REAL, docs, REPO / "sources")
    page = (docs / "sources/jiangan-2023-final.md").read_text(encoding="utf-8")
    source = (REPO / "sources/jiangan-2023-final.txt").read_text(encoding="utf-8").splitlines()
    # typed from the source: line 1 is the heading of part one
    assert source[0].strip() == "第一部分 江岸区医保局概况"
    assert '<div class="ln" id="L1"><a class="lno" href="#L1">1</a><span class="lt"> 第一部分 江岸区医保局概况</span>' in page
    assert f'id="L{len(source)}"' in page and f'id="L{len(source) + 1}"' not in page
    assert "search:\n  exclude: true" in page
    original = docs / "sources/jiangan-2024-final/jiangan-2024-final.md.txt"
    assert original.read_bytes() == (REPO / "sources/jiangan-2024-final.md").read_bytes()
    disclosure = (docs / "disclosures/jiangan-2024-final.md").read_text(encoding="utf-8")
    assert "## 来源文件" in disclosure and "发布单位：武汉市江岸区医疗保障局" in disclosure
    assert "原文地址：目录未记录" in disclosure  # the catalog has no address: said, not invented
