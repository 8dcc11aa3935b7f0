"""The built site in headless Chromium: pages, charts, tables, downloads, offline (search: test_search_browser)."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tests.browser.conftest import FIXTURE, packages_dir
from tests.browser.test_search_browser import search

pytestmark = pytest.mark.browser

CHARTS_DONE = """() => Array.from(document.querySelectorAll('div.vega-chart'))
    .every(el => ['rendered', 'error'].includes(el.getAttribute('data-state')))"""


def site_pages(site_dir: Path) -> list[str]:
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        if rel.startswith(("assets", "search", "downloads")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def open_page(watched, base_url: str, path: str) -> None:
    watched.page.goto(base_url + path, wait_until="load")
    watched.page.wait_for_function(CHARTS_DONE, timeout=20_000)


def assert_charts_rendered(page, path: str) -> int:
    states = page.eval_on_selector_all(
        "div.vega-chart",
        "els => els.map(el => [el.getAttribute('data-state'), el.querySelectorAll('svg.marks, canvas').length])")
    for state, drawn in states:
        assert state == "rendered" and drawn >= 1, f"{path}: chart not rendered ({state})"
    return len(states)


def test_every_page_loads_clean_offline_with_charts_and_tables(site_dir, base_url, watched):
    pages = site_pages(site_dir)
    assert len(pages) >= 15
    charts = 0
    for path in pages:
        open_page(watched, base_url, path)
        charts += assert_charts_rendered(watched.page, path)
        assert watched.page.title(), path
        if path.startswith("disclosures/"):
            assert watched.page.locator("table.data-table").count() >= 1, f"{path}: no table"
            assert watched.page.locator("table.data-table tbody tr").count() >= 1
        if path.startswith("compare/") and path != "compare/":
            assert "决算" in watched.page.inner_text("article") or "预算" in watched.page.inner_text("article")
    assert charts >= 10
    assert watched.errors == [], watched.errors
    assert watched.failed == [], watched.failed
    assert watched.outside == [], f"requests left 127.0.0.1: {watched.outside}"


def test_charts_survive_instant_navigation(site_dir, base_url, watched):
    """Material swaps pages without reloading: charts must render after an in-site click."""
    open_page(watched, base_url, "")
    watched.page.wait_for_load_state("networkidle")  # instant navigation starts once sitemap.xml is loaded
    watched.page.evaluate("window.__marker = 1")
    watched.page.locator("article a[href$='compare/function/']").first.click()
    # same-document navigation (pushState): no load event; navigation.tracking may append a #hash
    watched.page.wait_for_url(lambda url: "/compare/function/" in url, wait_until="commit")
    watched.page.wait_for_function("() => document.querySelector('article h1').textContent.includes('功能分类')")
    watched.page.wait_for_function(CHARTS_DONE, timeout=20_000)
    assert watched.page.evaluate("window.__marker") == 1  # no full reload happened
    assert assert_charts_rendered(watched.page, "compare/function/") >= 1
    assert watched.errors == []


def test_chart_has_export_actions_and_data_alternatives(site_dir, base_url, watched):
    open_page(watched, base_url, "compare/function/")
    figure = watched.page.locator("figure.chart").first
    assert figure.locator(".vega-embed .vega-actions a").count() >= 2  # SVG + PNG export
    labels = figure.locator(".vega-embed .vega-actions a").evaluate_all("els => els.map(e => e.textContent)")
    assert any("SVG" in t for t in labels) and any("PNG" in t for t in labels)
    assert figure.locator("details.chart-data table").count() == 1
    assert figure.locator("[role=img][aria-describedby]").count() == 1
    caption = figure.locator("figcaption").inner_text()
    assert "万元" in caption and "阶段" in caption and "来源" in caption
    csv_href = figure.locator("a.chart-csv").get_attribute("href")
    response = watched.page.request.get(urljoin(watched.page.url, csv_href))
    assert response.status == 200 and response.text().lstrip("\ufeff").startswith("公开文件")


def test_table_sorts_numerically(site_dir, base_url, watched):
    open_page(watched, base_url, "compare/economic/")
    table = watched.page.locator("table.data-table[data-resource]").first
    header = table.locator("th[data-field=amount]")
    header.click()
    header.click()  # descending
    cells = table.locator("tbody tr td.num").all_inner_texts()
    numbers = [float(c.replace(",", "")) for c in cells if c != "—"]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) >= 2


def test_quality_filter(site_dir, base_url, watched):
    open_page(watched, base_url, "quality/")
    rows = watched.page.locator("table.filterable tbody tr")
    total = rows.count()
    watched.page.locator(".table-filter button[data-status=fail]").click()
    visible = watched.page.locator("table.filterable tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    for status in visible.evaluate_all("els => els.map(e => e.getAttribute('data-status'))"):
        assert status == "fail"


def test_every_download_link_resolves(site_dir, base_url):
    """Every link to a file (downloads page, disclosure pages' download lists, chart CSVs) answers 200."""
    from tests.site_html import links

    checked, readmes = 0, 0
    for html in [site_dir / "downloads/index.html", *sorted((site_dir / "disclosures").rglob("index.html"))]:
        page_url = base_url + html.parent.relative_to(site_dir).as_posix() + "/"
        for href in links(html.read_text(encoding="utf-8")):
            assert not href.endswith("README.txt"), href  # the file is README.md, linked as itself
            if not href.endswith((".csv", ".json", ".zip", ".xlsx", ".md")):
                continue
            url = urljoin(page_url, href)
            assert url.startswith(base_url), url
            with urllib.request.urlopen(url) as response:  # noqa: S310 (local server)
                assert response.status == 200, url
                body = response.read()
                assert body, f"{url}: empty"
            if href.endswith("/README.md"):  # the package's README byte for byte, not a rendered page
                package = urlparse(url).path.split("/downloads/", 1)[1].rsplit("/", 1)[0]
                assert body == (packages_dir() / package / "README.md").read_bytes(), url
                readmes += 1
            checked += 1
    expected_min = 4 if packages_dir() == FIXTURE else 10
    assert checked >= expected_min and readmes >= any(packages_dir().glob("*/README.md"))


def test_charts_follow_the_dark_palette_toggle(site_dir, base_url, watched):
    """Toggling Material's palette re-renders every chart on the dark background (and back)."""
    svg_bg = "() => Array.from(document.querySelectorAll('div.vega-chart svg.marks')).map(s => s.style.backgroundColor)"
    open_page(watched, base_url, "compare/basic-project/")
    assert set(watched.page.evaluate(svg_bg)) == {"rgb(255, 255, 255)"}
    for scheme in ("slate", "default"):
        watched.page.locator("form[data-md-component=palette] label:visible").first.click()
        watched.page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{scheme}'")
        watched.page.wait_for_function(CHARTS_DONE, timeout=20_000)
        backgrounds = set(watched.page.evaluate(svg_bg))
        assert len(backgrounds) == 1 and (backgrounds == {"rgb(255, 255, 255)"}) == (scheme == "default"), backgrounds
    assert assert_charts_rendered(watched.page, "compare/basic-project/") >= 2
    assert watched.errors == []


def test_source_ref_click_lands_on_the_highlighted_line(site_dir, base_url, watched):
    """A source_ref in a statement table opens the source's line-numbered page at that line, highlighted."""
    from tests.browser.conftest import REPO

    open_page(watched, base_url, "disclosures/jiangan-2024-final/")
    watched.page.wait_for_load_state("networkidle")  # instant navigation is ready
    link = watched.page.locator("table.data-table[data-resource=summary] td.ref a.src-ref").first
    href = link.get_attribute("href")
    line_no = int(href.rsplit("#L", 1)[1].split("-")[0])
    link.click()
    watched.page.wait_for_url(lambda url: "/sources/jiangan-2024-final/" in url, wait_until="commit")
    watched.page.wait_for_selector(".src-lines .ln.hl")
    marked = watched.page.eval_on_selector_all(".src-lines .ln.hl", "els => els.map(e => e.id)")
    assert marked[0] == f"L{line_no}"
    hl = watched.page.locator(f"#L{line_no}")
    box, viewport = hl.bounding_box(), watched.page.viewport_size
    assert box and 0 <= box["y"] <= viewport["height"], "highlighted line scrolled into view"
    source = (REPO / "sources/jiangan-2024-final.md").read_text(encoding="utf-8").splitlines()
    shown = hl.locator(".lt").inner_text()
    assert shown.split() == source[line_no - 1].split()  # the line the figure was read from
    # the original file is offered for download, byte for byte
    original = watched.page.locator("a[download]").first.get_attribute("href")
    response = watched.page.request.get(urljoin(watched.page.url, original))
    assert response.body() == (REPO / "sources/jiangan-2024-final.md").read_bytes()
    assert watched.errors == []


PHONE_LAYOUT = """() => {
  const doc = document.documentElement;
  const unwrapped = [];
  document.querySelectorAll('article table').forEach((t, i) => {
    // the nearest ancestor that scrolls sideways must be the table's own wrapper, not the page
    let el = t.parentElement, own = null;
    while (el && el.tagName !== 'ARTICLE') {
      const ox = getComputedStyle(el).overflowX;
      if (ox === 'auto' || ox === 'scroll') { own = el; break; }
      el = el.parentElement;
    }
    if (!own || own.querySelectorAll('table').length !== own.querySelectorAll('table table').length + 1)
      unwrapped.push((t.className || 'table') + '#' + i);
  });
  const wide = Array.from(document.querySelectorAll('article *')).filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > window.innerWidth + 1 && !el.closest('.table-wrap, .md-typeset__scrollwrap, .src-lines, .chart-data-wrap, pre, .highlight, .vega-chart');
  }).slice(0, 3).map(el => el.tagName + '.' + el.className);
  return {width: doc.scrollWidth, unwrapped, wide};
}"""


def test_every_page_fits_a_phone(site_dir, base_url, browser):
    """At 390 px no page is wider than the screen: every table scrolls inside its own wrapper."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block",
                                  device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = []
    for path in site_pages(site_dir):
        page.goto(base_url + path, wait_until="load")
        page.wait_for_function(CHARTS_DONE, timeout=20_000)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # folded tables too
        layout = page.evaluate(PHONE_LAYOUT)
        if layout["width"] > 390 or layout["unwrapped"] or layout["wide"]:
            problems.append((path, layout))
        # axes tick in the unit their title names: 10,000 under （万元）, never "1亿"
        ticks = page.eval_on_selector_all(".vega-chart svg .role-axis-label text", "els => els.map(e => e.textContent)")
        if any("亿" in t for t in ticks):
            problems.append((path, [t for t in ticks if "亿" in t]))
    # the SHA-256 column of the downloads page keeps its hash on one line (it scrolls, it does not wrap)
    page.goto(base_url + "downloads/", wait_until="load")
    heights = page.eval_on_selector_all("code.sha", "els => els.map(e => e.getClientRects().length)")
    context.close()
    assert problems == [], "\n".join(map(str, problems))
    assert heights and max(heights) == 1


def test_home_page_weighs_under_a_megabyte(site_dir, base_url, browser):
    """The home page transfers at most 1 MB: no search index until search is used, no chart library."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body()) if r.status == 200 else 0))
    page.goto(base_url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    loaded = dict(sizes)
    assert sum(loaded.values()) <= 1_000_000, sorted(loaded.items(), key=lambda kv: -kv[1])[:5]
    assert not any("search_index" in u or "/vendor/vega" in u for u in loaded), list(loaded)
    assert page.locator("figure.chart .static-chart img").count() == 1  # the chart is a picture
    # using search loads the index, and search works
    paths = search(page, "医疗救助")
    assert any("search_index.json" in u for u in sizes) and paths
    # a page with charts loads the chart library itself
    page.goto(base_url + "compare/function/", wait_until="load")
    page.wait_for_function(CHARTS_DONE, timeout=20_000)
    assert any("/vendor/vega-embed" in u for u in sizes)
    context.close()


def test_citation_names_address_version_and_access_date(site_dir):
    from tests.browser.conftest import _site_url

    text = (site_dir / "cite/index.html").read_text(encoding="utf-8")
    assert _site_url() in text and "版本 0.1.0（生成于 20" in text and "访问日期：[YYYY-MM-DD]" in text
    assert "urldate" in text and "@" + "site_url@" not in text
