"""Page generation (generator.pages) on the fixture packages — and on the real ones once they exist.

Every number shown in a rendered table must equal the package CSV; text from the
data must never reach a page unescaped.
"""

from __future__ import annotations

import csv
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from generator.pages import build_pages
from generator.pages.downloads import download_rel
from generator.pages.fmt import esc, label, md_link, page_url, rel_url, show_amount
from generator.pages.load import load, read_csv, sha256_of
from generator.pages.tables import LABELLED
from tests.site_html import data_tables

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests/fixtures/datapackages"
REAL = REPO / "datapackages"
EVIL_RAW = "<script>alert('x')</script>"

PACKAGE_SETS = [pytest.param(FIXTURE, id="fixture")]
if (REAL / "all" / "datapackage.json").is_file():
    PACKAGE_SETS.append(pytest.param(REAL, id="real"))


@pytest.fixture(scope="module", params=PACKAGE_SETS)
def built(request, tmp_path_factory) -> tuple[Path, Path, list[str]]:
    docs = tmp_path_factory.mktemp("docs")
    pages = build_pages(request.param, docs)
    return request.param, docs, pages


@pytest.fixture(scope="module")
def fixture_docs(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("fixture-docs")
    build_pages(FIXTURE, docs)
    return docs


def csv_rows(packages: Path, resource: str, disclosure_id: str) -> list[dict[str, str]]:
    _, rows = read_csv(packages / "all" / f"{resource}.csv")
    return [r for r in rows if r["disclosure_id"] == disclosure_id]


def shown_equals(cell_text: str, value: str) -> bool:
    """A rendered amount equals the CSV value: same number (commas for display), — for blank."""
    if not value.strip():
        return cell_text == "—"
    if cell_text == "—":
        return False
    try:
        return Decimal(cell_text.replace(",", "")) == Decimal(value)
    except ArithmeticError:
        return cell_text == value


# ------------------------------------------------------------------ helpers


def test_escape_neutralises_html_and_markdown():
    out = esc("<b>x</b> | *y* [z](http://a) `c` _d_")
    for bad in ("<", ">", "|", "*", "[", "]", "`", "_"):
        assert bad not in out
    assert "&lt;b&gt;" in out


def test_show_amount_keeps_digits():
    assert show_amount("1627.17") == "1,627.17"
    assert show_amount("0.00") == "0.00"
    assert show_amount("") == "—"
    assert show_amount("-12.5") == "-12.5"


def test_urls_relative_to_rendered_page():
    assert page_url("index.md") == ""
    assert page_url("compare/index.md") == "compare/"
    assert page_url("disclosures/a.md") == "disclosures/a/"
    assert rel_url("disclosures/a.md", "assets/specs/x.csv") == "../../assets/specs/x.csv"
    assert rel_url("index.md", "departments/j/") == "departments/j/"
    assert rel_url("compare/function.md", "disclosures/b/") == "../../disclosures/b/"
    assert md_link("compare/function.md", "disclosures/b.md") == "../disclosures/b.md"


# ------------------------------------------------------------------ pages


def test_every_disclosure_and_department_has_a_page(built):
    packages, docs, pages = built
    data = load(packages)
    for d in data.disclosures:
        assert f"disclosures/{d['disclosure_id']}.md" in pages
        assert f"departments/{d['department_id']}.md" in pages
    for page in ("index.md", "quality.md", "downloads.md", "compare/function.md", "compare/three-public.md",
                 "compare/execution.md", "compare/year-on-year.md", "compare/economic.md",
                 "compare/basic-project.md"):
        assert (docs / page).is_file(), page


def test_rendered_tables_equal_the_csv(built):
    """Parse every data table of every disclosure page and compare each cell with the package CSV."""
    packages, docs, _ = built
    data = load(packages)
    compared = 0
    for d in data.disclosures:
        did = d["disclosure_id"]
        html = (docs / f"disclosures/{did}.md").read_text(encoding="utf-8")
        tables = data_tables(html)
        resources = {t.attrs["data-resource"] for t in tables}
        for resource in data.tables:
            if resource in ("departments", "disclosures", "function_codes", "economic_codes", "gov_economic_codes"):
                continue
            expected = csv_rows(packages, resource, did)
            if expected and resource in ("summary", "income_by_function", "expenditure_by_function",
                                         "general_budget_expenditure", "basic_expenditure_economic",
                                         "three_public", "facts", "budget_execution", "projects", "indicators",
                                         "checks"):
                assert resource in resources, f"{did}: {resource} has rows but no table"
        # a resource may be split over several tables (收支总表: income and expenditure side by side):
        # data-row gives each row's position in the CSV, and together they must cover it exactly once
        by_resource: dict[str, list] = {}
        for table in tables:
            by_resource.setdefault(table.attrs["data-resource"], []).extend(
                (int(attrs["data-row"]), table.fields, attrs, cells) for attrs, cells in table.rows)
        for resource, shown in by_resource.items():
            expected = csv_rows(packages, resource, did)
            shown.sort(key=lambda x: x[0])
            assert [x[0] for x in shown] == list(range(len(expected))), f"{did} {resource}: rows"
            for (_, fields, attrs, cells), row in zip(shown, expected, strict=True):
                assert len(cells) == len(fields)
                for name, cell in zip(fields, cells, strict=True):
                    value = row[name]
                    if cell.value is not None:  # a label shown for a code
                        assert cell.value == value and cell.text == label(LABELLED[name], value)
                    elif "num" in attrs.get("class", "") or cell.text.replace(",", "").replace(".", "").lstrip(
                            "-").isdigit() or cell.text == "—":
                        assert shown_equals(cell.text, value), f"{did} {resource} {name}: {cell.text} != {value}"
                    else:
                        assert cell.text == value, f"{did} {resource} {name}: {cell.text!r} != {value!r}"
                    compared += 1
    assert compared > 0


def test_no_raw_html_from_data(fixture_docs):
    texts = [p.read_text(encoding="utf-8") for p in fixture_docs.rglob("*.md")]
    assert not any(EVIL_RAW in t for t in texts)
    assert not any("](http://evil.example)" in t for t in texts)
    joined = "\n".join(texts)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in joined  # shown, escaped
    specs = [p.read_text(encoding="utf-8") for p in (fixture_docs / "assets/specs").rglob("*.json")]
    assert specs


def test_chart_csv_is_exactly_the_plotted_data(built):
    _, docs, _ = built
    pairs = list((docs / "assets/specs").rglob("*.json"))
    assert pairs
    for spec_path in pairs:
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert spec.get("description") and spec.get("title")
        (plotted,) = spec["datasets"].values()
        with spec_path.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert len(rows) - 1 == len(plotted), spec_path.name
        for rec, row in zip(plotted, rows[1:], strict=True):
            for value in rec.values():
                if isinstance(value, int | float):
                    assert any(c and Decimal(c) == Decimal(str(value)) for c in row if _is_number(c)), (
                        spec_path.name, value, row)
                else:
                    assert str(value) in row


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def test_overview_chart_equals_total_expenditure(fixture_docs):
    """Home chart: 江岸 2024 决算 支出合计 = 03表 合计 total of the fixture (1281.15, typed from the fixture)."""
    rows = list(csv.DictReader((fixture_docs / "assets/specs/index/overview.csv").open(encoding="utf-8-sig")))
    by_label = {r["公开文件（阶段）"]: r["支出合计"] for r in rows}
    assert by_label["江岸区 2024 决算"] == "1281.15"
    assert by_label["滑县 2024 预算"] == "532.34"  # from 收支总表 支出总计: no 03表 in that package


def test_every_comparison_names_the_stage(fixture_docs):
    for page in (fixture_docs / "compare").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        if page.name in ("index.md",):
            continue
        assert "决算" in text or "预算" in text, page.name
    function = (fixture_docs / "compare/function.md").read_text(encoding="utf-8")
    assert "江岸区 2024 决算" in function and "滑县 2024 预算" in function


def test_year_on_year_pairs_same_stage_only(fixture_docs):
    text = (fixture_docs / "compare/year-on-year.md").read_text(encoding="utf-8")
    assert "江岸区 2023→2024（决算）" in text
    assert "+128.12" in text  # 1281.15 − 1153.03, both typed from the fixture CSVs


def test_quality_pages_list_every_check(fixture_docs):
    """The overview lists every check that did not pass; each disclosure's page lists all of its checks."""
    html = (fixture_docs / "quality.md").read_text(encoding="utf-8")
    (table,) = [t for t in data_tables(html) if t.attrs["data-resource"] == "checks"]
    _, all_checks = read_csv(FIXTURE / "all/checks.csv")
    assert len(table.rows) == sum(1 for c in all_checks if c["status"] != "pass")
    assert "filterable" in table.attrs["class"]
    assert {a["data-status"] for a, _ in table.rows} == {"warn", "fail", "skip"}
    listed = 0
    for did in {c["disclosure_id"] for c in all_checks}:
        page = (fixture_docs / f"quality/{did}.md").read_text(encoding="utf-8")
        (own,) = [t for t in data_tables(page) if t.attrs["data-resource"] == "checks"]
        assert len(own.rows) == sum(1 for c in all_checks if c["disclosure_id"] == did)
        listed += len(own.rows)
    assert listed == len(all_checks)


def test_downloads_are_identical_copies_zip_and_xlsx(built):
    packages, docs, _ = built
    data = load(packages)
    for pkg in [data.all, *data.packages.values()]:
        for f in pkg.files:
            copy = docs / download_rel(f.rel)
            assert sha256_of(copy) == f.sha256
        with zipfile.ZipFile(docs / "downloads" / f"{pkg.name}.zip") as zf:
            assert sorted(zf.namelist()) == sorted(f"{pkg.name}/{f.path.relative_to(pkg.directory).as_posix()}"
                                                   for f in pkg.files)
        wb = load_workbook(docs / "downloads" / f"{pkg.name}.xlsx", read_only=True)
        for res in pkg.descriptor["resources"]:
            _, rows = read_csv(pkg.directory / res["path"])
            assert wb[res["title"]].max_row == len(rows) + 2  # Chinese and English header rows
    page = (docs / "downloads.md").read_text(encoding="utf-8")
    for pkg in [data.all, *data.packages.values()]:
        for f in pkg.files:
            assert f.sha256 in page


def test_xlsx_numbers_equal_csv(fixture_docs):
    wb = load_workbook(fixture_docs / "downloads/jiangan-2024-final.xlsx", read_only=True)
    values = [row for row in wb["支出表"].iter_rows(values_only=True)]  # the resource's title
    titles, names, first = values[0], values[1], values[2]
    assert titles[0] == "公开ID"  # the schema's title (tests/test_workbook.py: the real packages)
    assert names[:5] == ("disclosure_id", "code", "level", "name", "total")
    assert first[1] == "total" and Decimal(str(first[4])) == Decimal("1281.15")


def test_nav_lists_generated_pages(built):
    _, docs, pages = built
    nav = yaml.safe_load((docs / ".nav.yml").read_text(encoding="utf-8"))

    def walk(items):
        for item in items:
            for value in item.values():
                if isinstance(value, list):
                    yield from walk(value)
                else:
                    yield value

    listed = set(walk(nav))
    assert set(pages) <= listed
    assert {"methodology.md", "glossary.md", "cite.md", "license.md", "changelog.md"} <= listed


def test_rebuild_removes_stale_pages(tmp_path):
    build_pages(FIXTURE, tmp_path)
    stale = tmp_path / "disclosures/gone-2020-final.md"
    stale.write_text("# old", encoding="utf-8")
    build_pages(FIXTURE, tmp_path)
    assert not stale.exists()


# ------------------------------------------------------------------ polish: titles, scale, statements, home


def test_chart_titles_wrap_at_punctuation_within_width():
    from generator.pages.charts import text_width, wrap

    source = "支出表；江岸区 2023 决算、江岸区 2024 决算、苍溪县 2024 决算、滑县 2024 预算、山海关区 2024 预算"
    lines = wrap(source, 24)
    assert "".join(lines).replace(" ", "") == source.replace(" ", "")
    assert all(text_width(line) <= 24 for line in lines)
    # no label is cut inside: every line ends at a break (、；) or is the end of the text
    assert all(line.endswith(("、", "；")) for line in lines[:-1]), lines
    assert "江岸区 2024 决算、" in lines[0] or "江岸区 2024 决算、" in lines[1]
    assert wrap("甲" * 30, 12) == ["甲" * 12, "甲" * 12, "甲" * 6]  # no break point: cut where it must be


def test_long_source_lists_are_shortened_in_the_chart_only(fixture_docs):
    from generator.pages.charts import chart_source

    assert chart_source("收支总表") == "来源：收支总表"
    long = "支出表；江岸区 2023 决算、江岸区 2024 决算、苍溪县 2024 决算、滑县 2024 预算"
    assert chart_source(long) == "来源：支出表（各公开文件见图下说明）"
    spec = json.loads((fixture_docs / "assets/specs/index/overview.json").read_text(encoding="utf-8"))
    assert spec["usermeta"]["subtitle"][1] == "来源：收支总表或支出表（各公开文件见图下说明）"
    page = (fixture_docs / "index.md").read_text(encoding="utf-8")
    assert "来源：收支总表或支出表；江岸区 2024 决算、滑县 2024 预算" in page  # the full list, in the caption


def test_scale_outliers_and_small_multiples():
    from generator.pages.charts import ChartData, Column, scale_outliers, small_multiples_chart

    recs = [{"d": "甲 2024 预算", "dep": "甲", "n": "x", "v": Decimal("23278.10")},
            {"d": "乙 2024 决算", "dep": "乙", "n": "x", "v": Decimal("1000")},
            {"d": "乙 2024 决算", "dep": "乙", "n": "y", "v": Decimal("627.17")}]
    assert scale_outliers(recs, "d", "v") == [("甲 2024 预算", Decimal("23278.10"), 14)]
    assert scale_outliers(recs[1:], "d", "v") == []
    recs[0]["v"] = Decimal("8000")  # under 5 × 1627.17: one common scale is fine
    assert scale_outliers(recs, "d", "v") == []
    cols = [Column("d", "公开文件"), Column("dep", "部门"), Column("n", "项"), Column("v", "金额", True)]
    c = small_multiples_chart(ChartData("sm", "t", "预算", "s", "desc", cols, recs), category="n", value="v",
                              panel="d", color="dep", colors={"甲": "#000000", "乙": "#111111"})
    assert c.spec["resolve"]["scale"]["x"] == "independent"
    assert "各小图刻度不同" in c.spec["spec"]["encoding"]["x"]["title"]
    assert c.spec["usermeta"]["fit"] == "facet" and "autosize" not in c.spec


def test_summary_sides_hold_their_rows(built):
    """收支总表 side by side: every row sits under the title of its own side (收入 / 支出)."""
    import re

    packages, docs, _ = built
    for d in load(packages).disclosures:
        did = d["disclosure_id"]
        html = (docs / f"disclosures/{did}.md").read_text(encoding="utf-8")
        rows = csv_rows(packages, "summary", did)
        for side_label, chunk in re.findall(r'<p class="side-title">(收入|支出)</p>(.*?</table>)', html):
            side = {"收入": "income", "支出": "expenditure"}[side_label]
            (table,) = data_tables(chunk)
            assert table.rows
            assert all(rows[int(a["data-row"])]["side"] == side for a, _ in table.rows)


def test_home_shows_trust_per_disclosure_and_links_failures(fixture_docs):
    from collections import Counter

    home = (fixture_docs / "index.md").read_text(encoding="utf-8")
    _, checks = read_csv(FIXTURE / "all/checks.csv")
    counts = Counter((r["disclosure_id"], r["status"]) for r in checks)
    for (did, status), n in counts.items():
        if status == "fail":
            assert f'disclosures/{did}/#failing-checks">查看 {n} 项不一致</a>' in home
            page = (fixture_docs / f"disclosures/{did}.md").read_text(encoding="utf-8")
            assert 'id="failing-checks"' in page and f"不一致的检查（{n} 项）" in page
    assert home.count('class="trust"') == len({did for did, _ in counts})


def test_the_page_generator_names_no_department():
    """Pages hold any departments: no catalogued department (id, name, short name, place) in generator/pages."""
    from generator.catalog import load_catalog

    names = set()
    for m in load_catalog():
        names |= {m.department_id, m.department, m.short_name, m.county}
        names.add(m.county.removesuffix("区").removesuffix("县"))
    names = {n for n in names if len(n) >= 2}
    for path in sorted((REPO / "generator/pages").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".csv", ".txt", ".yaml", ".js", ".html"):
            text = path.read_text(encoding="utf-8")
            assert not [n for n in names if n in text], path
