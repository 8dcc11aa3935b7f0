"""Every chart of the built site in headless Chromium: a 引用本图 block with the chart's address, a visible
permalink that scrolls to it, and percentages drawn on the marks of share charts (read from the SVG)."""

from __future__ import annotations

import csv
import io
from urllib.parse import urljoin

import pytest

from tests.browser.conftest import REAL, _site_url, packages_dir
from tests.browser.test_site_browser import CHARTS_DONE, open_page, site_pages

pytestmark = pytest.mark.browser

# The chart's top is below Material's fixed header and in the upper half of the window, or as high as the page
# can scroll it. (Material's instant navigation fetches and swaps in the page again even for a link to an
# anchor on it: the figure is briefly missing and the charts are drawn anew.)
IN_VIEW = """id => { const el = document.getElementById(id);
  if (!el || !(CHARTS_DONE)()) return false;
  const r = el.getBoundingClientRect(), header = document.querySelector('.md-header').getBoundingClientRect();
  const bottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
  return r.top >= header.bottom - 1 && (r.top < window.innerHeight / 2 || (bottom && r.top < window.innerHeight)); }"""
IN_VIEW = IN_VIEW.replace("CHARTS_DONE", CHARTS_DONE)


def assert_lands_on(page, fig: str) -> None:
    page.wait_for_function(IN_VIEW, arg=fig, timeout=10_000)
    page.wait_for_timeout(300)  # and stays there once everything is drawn
    assert page.evaluate(IN_VIEW, fig), fig


def chart_pages(site_dir) -> list[str]:
    return [p for p in site_pages(site_dir)
            if 'class="chart"' in (site_dir / p / "index.html").read_text(encoding="utf-8")]


def test_every_chart_has_a_citation_and_a_permalink_that_scrolls_to_it(site_dir, base_url, watched):
    site_url = _site_url()
    page = watched.page
    charts = 0
    for path in chart_pages(site_dir):
        open_page(watched, base_url, path)
        figures = page.eval_on_selector_all("figure.chart", "els => els.map(e => e.id)")
        assert figures and len(figures) == len(set(figures)), path
        for fig in figures:
            figure = page.locator(f"figure.chart#{fig}")
            cite = figure.locator(".chart-cite").inner_text()
            title = figure.locator(".chart-title").inner_text()
            assert cite.startswith("引用本图：") and title in cite, (path, fig, cite)
            assert f"医保部门预决算公开数据，{site_url}{path}#{fig}，版本 0.1.0（生成于 20" in cite, cite
            assert "访问日期：[YYYY-MM-DD]" in cite and "@" not in cite, cite
            link = figure.locator("a.chart-permalink")
            assert link.is_visible() and link.inner_text() == "¶ 链接"  # seen without hover
            # "#fig-…" (Material's instant navigation makes it absolute: this page's own address)
            assert link.get_attribute("href") in (f"#{fig}", f"{base_url}{path}#{fig}")
            # from the far end of the page; a script click, so the test does not scroll to the link itself
            page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
                window.scrollTo(0, r.top + window.scrollY > window.innerHeight ? 0 : document.body.scrollHeight); }""",
                          fig)
            # the address names the chart (navigation.tracking later puts the heading above it there, as it
            # does for any anchor that is not a heading: the link and the citation keep the chart's address)
            assert link.evaluate("a => { a.click(); return location.hash; }") == f"#{fig}"
            assert_lands_on(page, fig)
            charts += 1
    assert charts >= (10 if packages_dir() == REAL else 5)
    assert watched.errors == [], watched.errors


# Safari keeps no scroll anchor (Chromium does: the test would pass without charts.js's help)
NO_SCROLL_ANCHOR = """document.addEventListener('DOMContentLoaded', () => {
  const s = document.createElement('style'); s.textContent = '* { overflow-anchor: none !important; }';
  document.head.appendChild(s); });"""


def test_a_permalink_opened_directly_lands_on_its_chart(site_dir, base_url, watched):
    """The charts above grow as they render and push the linked one down: the page still ends up at it."""
    path = "compare/function/"
    ids = [i for i in ("fig-item-abs", "fig-sub-abs", "fig-class-share")
           if f'id="{i}"' in (site_dir / path / "index.html").read_text(encoding="utf-8")]
    target = ids[0]
    watched.page.add_init_script(NO_SCROLL_ANCHOR)
    watched.page.goto(f"{base_url}{path}#{target}", wait_until="load")
    watched.page.wait_for_function(CHARTS_DONE, timeout=20_000)
    assert_lands_on(watched.page, target)
    assert watched.errors == []


SHARE_TEXTS = """fig => Array.from(document.querySelectorAll('#' + fig + ' .vega-chart svg text'))
  .map(t => { const r = t.getBoundingClientRect(), box = t.closest('.vega-chart').getBoundingClientRect();
    return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize),
            inside: r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1}; })"""


def share_charts(site_dir, path: str) -> dict[str, list[str]]:
    """Figure id → the shares its chart CSV lists (the charts whose data has a …占比 column)."""
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    out = {}
    for chunk in html.split('<figure class="chart" id="')[1:]:
        fig = chunk.split('"', 1)[0]
        href = chunk.split('class="chart-csv" href="', 1)[1].split('"', 1)[0]
        rows = list(csv.reader(io.StringIO((site_dir / path / href).resolve().read_text(encoding="utf-8-sig"))))
        col = next((i for i, h in enumerate(rows[0]) if h.endswith("占比")), None)
        if col is not None:
            out[fig] = [r[col] for r in rows[1:]]
    return out


def test_share_charts_draw_their_percentages_on_a_phone(site_dir, base_url, browser):
    """At 390 px every share of every share chart is drawn as text in the chart, whole and legible."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block",
                                  device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    drawn: dict[str, set[str]] = {}
    for path in chart_pages(site_dir):
        shares = share_charts(site_dir, path)
        if not shares:
            continue
        page.goto(urljoin(base_url, path), wait_until="load")
        page.wait_for_function(CHARTS_DONE, timeout=20_000)
        for fig, expected in shares.items():
            texts = page.evaluate(SHARE_TEXTS, fig)
            labels = [t for t in texts if t["text"].endswith("%") and t["text"][:-1].replace(".", "").isdigit()
                      and "." in t["text"]]  # 11.7% — not an axis tick (50%)
            # one label per bar or slice; records that make up one part (人员经费 = 301 + 303) share its label
            shown = [t["text"] for t in labels]
            assert set(shown) == set(expected) and len(set(expected)) <= len(shown) <= len(expected), (
                path, fig, shown, expected)
            assert all(t["inside"] and t["size"] >= 11 for t in labels), (path, fig, labels)
            drawn[f"{path}#{fig}"] = {t["text"] for t in labels}
    context.close()
    assert any(k.startswith("compare/basic-project/") for k in drawn), drawn
    if packages_dir() == REAL:
        # 苍溪 2024 决算's 情况说明 prints these shares itself (sources/cangxi-2024-final.md L114, L105)
        assert {"51.6%", "48.4%"} <= drawn["disclosures/cangxi-2024-final/#fig-fig3"]
        assert {"95.7%", "4.3%"} <= drawn["disclosures/cangxi-2024-final/#fig-fig2"]
        assert {"51.6%", "48.4%", "11.7%", "88.3%"} <= drawn["compare/basic-project/#fig-bp-share"]
