"""What a reader does on a 390 px phone (touch, no hover): check a figure against its source line, and search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import REPO, PageWatch
from tests.browser.test_search_browser import ABOUT, BOX, result_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, base_url) -> Iterator[PageWatch]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    page = context.new_page()
    watch = PageWatch(page, base_url)
    yield watch
    context.close()


def test_a_tapped_source_ref_lands_on_the_highlighted_line(site_dir, base_url, phone):
    page = phone.page
    page.goto(base_url + "disclosures/jiangan-2024-final/", wait_until="networkidle")
    link = page.locator("table.data-table[data-resource=summary] td.ref a.src-ref").first
    line_no = int(link.get_attribute("href").rsplit("#L", 1)[1].split("-")[0])
    link.scroll_into_view_if_needed()
    link.tap()
    page.wait_for_url(lambda url: "/sources/jiangan-2024-final/" in url, wait_until="commit")
    page.wait_for_selector(".src-lines .ln.hl")
    hl = page.locator(f"#L{line_no}")
    assert "hl" in (hl.get_attribute("class") or "")
    box = hl.bounding_box()
    assert box and 0 <= box["y"] <= PHONE["height"], "the highlighted line is on the screen"
    source = (REPO / "sources/jiangan-2024-final.md").read_text(encoding="utf-8").splitlines()
    assert hl.locator(".lt").inner_text().split() == source[line_no - 1].split()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.errors == [] and phone.outside == []


@pytest.mark.parametrize("query", ["城乡医疗救助", "三公经费", "滑县"])
def test_search_from_the_header_button(site_dir, base_url, phone, query):
    page = phone.page
    page.goto(base_url, wait_until="load")
    page.locator("label.md-header__button[for=__search]").tap()  # on a phone search opens from the header
    assert page.locator("#__search").is_checked()
    page.locator(BOX).fill(query)
    page.keyboard.press("End")
    assert ABOUT[query] & set(result_pages(page)[:3]), query
    assert phone.errors == []
