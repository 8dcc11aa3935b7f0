"""Charts on the generated pages: 引用本图 and a permalink on every chart, percentages printed on share charts,
year on year at 款 and 项 level with the gaps said.

Numbers are typed from the source documents in sources/ (line numbers in the comments).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.pages import build_pages, page_years
from generator.pages.charts import ChartWriter
from generator.pages.context import Site
from generator.pages.hooks import on_page_markdown
from generator.pages.load import load

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


# ------------------------------------------------------------------ year on year at 款 and 项 level


def _row(html: str, name: str) -> list[str]:
    m = re.search(r"<tr><td>" + re.escape(name) + r"</td>(.*?)</tr>", html)
    assert m, name
    return re.findall(r"<td class=num>(.*?)</td>", m.group(1))


@real_only
def test_year_on_year_compares_items_of_jiangan(real_docs):
    """江岸 2023 决算 (sources/jiangan-2023-final.txt L289) and 2024 决算 (sources/jiangan-2024-final.md L172)."""
    text = (real_docs / "compare/year-on-year.md").read_text(encoding="utf-8")
    items = text.split("### 按功能分类（项） {#jiangan-final-items}", 1)[1].split("\n## ", 1)[0]
    assert _row(items, "2101301 城乡医疗救助") == ["966.29", "1,360.03", "+393.74", "40.7%"]
    assert _row(items, "2101101 行政单位医疗") == ["4.84", "6.32", "+1.48", "30.6%"]  # L283 / L169
    # 2100410 is in the 2024 支出表 only (L167): the gap is said, not hidden
    assert _row(items, "2100410 突发公共卫生事件应急处置") == ["—", "49.43", "—", "—"]
    assert "2023 决算没有列出：2100410 突发公共卫生事件应急处置（表中为“—”）。" in items
    sub = text.split("{#jiangan-final-sub}", 1)[1].split("### ", 1)[0]
    assert _row(sub, "21013 医疗救助") == ["966.29", "1,360.03", "+393.74", "40.7%"]  # L287 / L171
    _, rows = spec_csv(real_docs, "compare-year-on-year", "yoy-jiangan-final-items")
    assert {(r["年度"], r["金额"]) for r in rows if r["功能分类（项）"] == "2101301 城乡医疗救助"} == {
        ("2023 决算", "966.29"), ("2024 决算", "1360.03")}


def test_year_on_year_says_when_a_level_is_missing(tmp_path):
    """The fixture's 江岸 has 类 and 项 but no 款 in either year; with one year's 项 removed, 项 cannot be compared."""
    data = load(FIXTURE)
    site = Site(data, tmp_path, ChartWriter(tmp_path))
    text = page_years.yoy_page(site)
    assert "各年度的公开文件都没有款级的按功能分类支出数，无法在款级逐年比较。" in text
    assert "{#jiangan-final-items}" in text and "yoy-jiangan-final-items" in text
    # 2023's 项 only in its 05表: compared, and the page says the tables differ
    data.tables["expenditure_by_function"] = [r for r in data.tables["expenditure_by_function"]
                                              if not (r["disclosure_id"] == "jiangan-2023-final" and r["level"] == "3")]
    text = page_years.yoy_page(Site(data, tmp_path, ChartWriter(tmp_path)))
    assert "各年度的数字取自不同的报表（2023 年取自一般公共预算财政拨款支出表、2024 年取自支出表），口径可能不同。" in text
    # and in no table at all: one year has 项, the level cannot be compared
    data.tables["general_budget_expenditure"] = [r for r in data.tables["general_budget_expenditure"] if not (
        r["disclosure_id"] == "jiangan-2023-final" and r["level"] == "3")]
    text = page_years.yoy_page(Site(data, tmp_path, ChartWriter(tmp_path)))
    assert "只有2024 决算的公开文件列出项级的按功能分类支出数，2023 决算没有，无法在项级逐年比较。" in text
    assert "yoy-jiangan-final-items" not in text


def test_a_share_chart_says_its_unit_is_a_percentage(real_docs):
    md = (real_docs / "compare/basic-project.md").read_text(encoding="utf-8")
    share = md[md.index('id="fig-bp-share"'):]
    assert "单位：%（占万元金额合计）" in share[: share.index("</figcaption>")]
    amounts = md[md.index('id="fig-bp-abs"'):]
    assert "单位：万元 ·" in amounts[: amounts.index("</figcaption>")]
    spec, _ = spec_csv(real_docs, "compare-basic-project", "bp-share")
    assert "单位：%（占万元金额合计）" in json.dumps(spec, ensure_ascii=False)
