"""Charts on the generated pages: 引用本图 and a permalink on every chart, percentages printed on share charts.

Numbers are typed from the source documents in sources/ (line numbers in the comments).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.pages import build_pages
from generator.pages.hooks import on_page_markdown

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests/fixtures/datapackages"
REAL = REPO / "datapackages"
HAS_REAL = (REAL / "all" / "datapackage.json").is_file()
real_only = pytest.mark.skipif(not HAS_REAL, reason="no real packages in datapackages/")

PACKAGE_SETS = [pytest.param(FIXTURE, id="fixture")]
if HAS_REAL:
    PACKAGE_SETS.append(pytest.param(REAL, id="real"))

FIGURE = re.compile(r'<figure class="chart" id="([^"]+)">(.*?)</figure>', re.S)


@pytest.fixture(scope="module", params=PACKAGE_SETS)
def built(request, tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    build_pages(request.param, docs, REPO / "sources")
    return docs


@pytest.fixture(scope="module")
def real_docs(tmp_path_factory) -> Path:
    if not HAS_REAL:
        pytest.skip("no real packages in datapackages/")
    docs = tmp_path_factory.mktemp("real-docs")
    build_pages(REAL, docs, REPO / "sources")
    return docs


def spec_csv(docs: Path, page: str, chart: str) -> tuple[dict, list[dict[str, str]]]:
    base = docs / "assets/specs" / page / chart
    spec = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    with base.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as fh:
        return spec, list(csv.DictReader(fh))


# ------------------------------------------------------------------ 引用本图 and permalinks


def test_every_chart_has_a_citation_and_a_permalink(built):
    charts = 0
    for page in sorted(built.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        ids = [m.group(1) for m in FIGURE.finditer(text)]
        assert len(ids) == len(set(ids)), page  # one anchor per chart
        specs = built / "assets/specs" / page.relative_to(built).with_suffix("").as_posix().replace("/", "-")
        assert len(ids) == len(list(specs.glob("*.json"))), page  # every chart written has its figure
        for anchor, body in FIGURE.findall(text):
            (cite,) = re.findall(r'<span class="chart-cite" data-search-exclude>(.*?)</span>', body)
            title = re.search(r'<span class="chart-title">(.*?)</span>', body).group(1)
            assert cite.startswith("引用本图：") and title in cite, (page, anchor)
            assert f"@site_name@，@page_url@#{anchor}，版本 @version@（生成于 @build_date@），访问日期：[YYYY-MM-DD]。" in cite
            assert f'<a class="chart-permalink" href="#{anchor}" title="本图的固定链接">¶ 链接</a>' in cite
            charts += 1
    assert charts >= 10


def test_a_disclosure_figure_cites_its_disclosure(built):
    text = (built / "disclosures/jiangan-2024-final.md").read_text(encoding="utf-8")
    assert "引用本图：江岸区 2024 决算：图1 收支总体情况。" in text


def test_the_hook_fills_in_the_chart_citation(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718150400")  # 2024-06-12 00:00 UTC
    md = '<span class="chart-cite">引用本图：x。@site_name@，@page_url@#fig-bp-share，版本 @version@（生成于 @build_date@）</span>'
    page = SimpleNamespace(canonical_url="https://example.org/site/compare/basic-project/", url="compare/basic-project/")
    out = on_page_markdown(md, page, {"site_url": "https://example.org/site/", "site_name": "某数据站"}, None)
    assert out == ('<span class="chart-cite">引用本图：x。某数据站，https://example.org/site/compare/basic-project/'
                   '#fig-bp-share，版本 0.1.0（生成于 2024-06-12）</span>')  # version: pyproject.toml
    assert on_page_markdown("无占位符", page, {}, None) == "无占位符"
    from generator.pages.fmt import esc

    assert "@" not in esc("@page_url@ 来自文件的文字")  # text from a document never becomes a placeholder


# ------------------------------------------------------------------ percentages on share charts


def _text_layer(spec: dict) -> dict:
    layers = spec["spec"]["layer"] if "spec" in spec else spec["layer"]
    (text,) = [layer for layer in layers if layer["mark"]["type"] == "text"]
    return text


def test_share_charts_print_each_share_as_a_text_mark(built):
    """Every share chart (占比 bars, the 图2/图3 donuts) has a text mark showing the `share` field, and each
    plotted record's share is its part's sum over the category's sum, as printed."""
    from decimal import Decimal

    found = 0
    for spec_path in (built / "assets/specs").rglob("*.json"):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        (records,) = spec["datasets"].values()
        if not records or "share" not in records[0]:
            continue
        found += 1
        assert _text_layer(spec)["encoding"]["text"]["field"] == "share", spec_path
        if "layer" in spec:  # a donut: labels and slices stack in one order, or a label sits by another slice
            orders = [layer["encoding"]["order"] for layer in spec["layer"]]
            assert orders[0] == orders[1] and orders[0]["type"] == "ordinal", spec_path
        with spec_path.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh))
        assert any(h.endswith("占比") for h in header), spec_path  # the data table and CSV show it too
        assert all(re.fullmatch(r"\d+\.\d%", r["share"]) for r in records), spec_path
    assert found >= 3
    # 苍溪 bp-share etc. below; here one sum on the fixture: 江岸 2024 基本 / (基本 + 项目) of its 03表 合计
    if (built / "assets/specs/compare-basic-project/bp-share.json").is_file():
        _, rows = spec_csv(built, "compare-basic-project", "bp-share")
        for r in rows:
            same = [x for x in rows if x["公开文件（阶段）"] == r["公开文件（阶段）"]]
            whole = sum(Decimal(x["金额"]) for x in same)
            assert r["占比"] == f"{(Decimal(r['金额']) * 100 / whole).quantize(Decimal('0.1'))}%"


@real_only
def test_share_labels_equal_the_shares_the_source_prints(real_docs):
    """苍溪 2024 决算's 情况说明 prints the shares itself (sources/cangxi-2024-final.md):
    L114 基本支出471.07万元，占51.6%；项目支出442.12万元，占48.4%.
    L105 一般公共预算财政拨款收入908.44万元，占95.7%；其他收入40.68万元，占4.3%."""
    _, bp = spec_csv(real_docs, "compare-basic-project", "bp-share")
    shares = {r["支出类型"]: r["占比"] for r in bp if r["公开文件（阶段）"] == "苍溪县 2024 决算"}
    assert shares == {"基本支出": "51.6%", "项目支出": "48.4%"}
    _, fig3 = spec_csv(real_docs, "disclosures-cangxi-2024-final", "fig3")
    assert {r["支出类型"]: r["占比"] for r in fig3} == {"基本支出": "51.6%", "项目支出": "48.4%"}
    _, fig2 = spec_csv(real_docs, "disclosures-cangxi-2024-final", "fig2")
    assert {r["收入来源"]: r["占比"] for r in fig2} == {"财政拨款收入": "95.7%", "其他收入": "4.3%"}
    # 江岸 2024 决算 支出表 合计 (sources/jiangan-2024-final.md L181): 1,627.17 = 189.66 + 1,437.51
    _, bp_jiangan = spec_csv(real_docs, "compare-basic-project", "bp-share")
    assert {r["支出类型"]: r["占比"] for r in bp_jiangan if r["公开文件（阶段）"] == "江岸区 2024 决算"} == {
        "基本支出": "11.7%", "项目支出": "88.3%"}
    # 人员经费 is 301 + 303 together: one share for the part, on each of its records
    _, econ = spec_csv(real_docs, "compare-economic", "econ-share")
    assert {(r["类别"], r["类别占比"]) for r in econ if r["公开文件（阶段）"] == "江岸区 2024 决算"} == {
        ("人员经费", "92.8%"), ("公用经费", "7.2%")}
