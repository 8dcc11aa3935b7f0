"""Search in headless Chromium: a query is cut into words as the index was, finds the pages about it
(typed or pasted), and says a word is missing only when it is."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from generator.pages.searchindex import han_runs

pytestmark = pytest.mark.browser

BOX = "input.md-search__input"
ITEMS = ".md-search-result__item"
# each result item is one page: its first link is the page, the links after it its sections
PAGES_JS = f"""() => Array.from(document.querySelectorAll('{ITEMS}'))
    .map(li => li.querySelector('a')).filter(a => a).map(a => a.href)"""

# search is set up and waits for a query: the result line shows Material's "type to start searching"
READY = """() => document.querySelector('.md-search-result__meta').textContent.trim() ===
    JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"""


def result_pages(page) -> list[str]:
    """The result pages, best first, as site paths ('' for the home page), once the list stops changing."""
    page.wait_for_function(f"() => document.querySelectorAll('{ITEMS}').length > 0", timeout=15_000)
    last: list[str] = []
    while (now := page.evaluate(PAGES_JS)) != last:  # settled, and (scrolled) every result rendered
        last = now
        page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(400)
    paths: list[str] = []
    for href in last:
        path = unquote(urlparse(href).path).lstrip("/")
        if path not in paths:
            paths.append(path)
    return paths


def search(page, query: str) -> list[str]:
    """Enter a query in the search box of the open page (ended by a key, as typing is) → the result pages."""
    page.locator(BOX).click()
    page.locator(BOX).fill(query)
    page.keyboard.press("End")
    pages = result_pages(page)
    page.keyboard.press("Escape")
    return pages


def index_of(site_dir: Path) -> dict:
    return json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))


def pages_printing_in_a_cell(site_dir: Path, code: str) -> set[str]:
    """Pages with a data table (a statement, a comparison) that has `code` in a cell of its own."""
    pages = set()
    for html in sorted(site_dir.rglob("index.html")):
        if re.search(rf'<table class="data-table.*?<td>{code}</td>', html.read_text(encoding="utf-8"), re.S):
            pages.add(html.parent.relative_to(site_dir).as_posix() + "/")
    return pages


# The page about each query: a compound word of the sources, a place, a code of the function classification
# (for a code: the pages whose tables print it, statements and comparisons — see pages_printing_in_a_cell).
ABOUT = {
    "医疗救助": {"compare/function/"},                      # 款 21013 in every disclosure
    "城乡医疗救助": {"compare/function/"},                  # 项 2101301
    "住房公积金": {"compare/function/", "compare/economic/"},  # a 项 (2210201) and an economic class (30113)
    "三公经费": {"compare/three-public/"},
    "机关运行经费": {"compare/three-public/"},
    "滑县": {"departments/huaxian/"},
    "2101301": None,
}


@pytest.mark.parametrize("query", list(ABOUT))
def test_search_finds_the_page_about_the_query_in_the_top_three(site_dir, base_url, watched, query):
    about = ABOUT[query] or pages_printing_in_a_cell(site_dir, query)
    assert about, query
    watched.page.goto(base_url, wait_until="load")
    pages = search(watched.page, query)
    assert about & set(pages[:3]), (query, pages[:6])
    assert watched.errors == [], watched.errors


@pytest.mark.parametrize(("query", "expected"), [
    ("医疗救助", "compare/function/"),
    ("三公", "compare/three-public/"),
    ("住房公积金", "compare/function/"),
    ("江岸", "departments/jiangan/"),  # after its two disclosures and their year-on-year comparison
])
def test_chinese_search_finds_the_right_pages(site_dir, base_url, watched, query, expected):
    watched.page.goto(base_url, wait_until="load")
    assert expected in search(watched.page, query), query
    assert watched.errors == []


@pytest.mark.parametrize("event", ["input", "paste"])
def test_a_pasted_query_searches_without_a_key(site_dir, base_url, watched, event):
    """Text put in the box with no key pressed (paste, input method, a phone's suggestion) is searched."""
    page = watched.page
    page.goto(base_url, wait_until="load")
    page.locator(BOX).click()
    page.wait_for_function(READY, timeout=15_000)  # else the text is read once the index is ready, key or not
    if event == "paste":  # a paste event comes first, the text after it
        page.eval_on_selector(BOX, """(el, q) => {
            el.dispatchEvent(new Event('paste', {bubbles: true})); el.value = q; }""", "城乡医疗救助")
    else:
        page.eval_on_selector(BOX, """(el, q) => { el.value = q;
            el.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste', data: q})); }""",
                              "城乡医疗救助")
    pages = result_pages(page)
    assert "compare/function/" in pages[:3], pages[:6]
    assert watched.errors == [], watched.errors


def test_the_browser_cuts_every_run_of_the_index_as_jieba_did(site_dir, base_url, watched):
    """The query side (jieba-cut.js, in the browser) gives, for every run of Chinese in the index, the words
    jieba gave the index side at build time."""
    index = index_of(site_dir)
    runs = han_runs(index)
    assert len(runs) > 100 and "城乡医疗救助" in "".join(runs)
    page = watched.page
    page.goto(base_url, wait_until="load")
    page.add_script_tag(url=base_url + "assets/javascripts/workers/jieba-cut.js")
    cut = page.evaluate("([d, runs]) => { const cut = self.jiebaCutter(d); return runs.map(r => cut(r)); }",
                        [index["config"]["jieba"], list(runs)])
    assert [(run, words) for run, words in zip(runs, cut, strict=True) if words != runs[run]] == []
    assert page.evaluate("d => self.jiebaCutter(d)('城乡医疗救助')", index["config"]["jieba"]) == ["城乡", "医疗救助"]


def test_a_word_shown_missing_is_missing(site_dir, base_url, watched):
    """缺少 (missing) lists only words the result's text lacks: 救助 is in 医疗救助 (one word in the index)."""
    text = {doc["location"]: re.sub(r"<[^>]*>|\u200b", "", doc["title"] + doc["text"]).lower()
            for doc in index_of(site_dir)["docs"]}
    page = watched.page
    page.goto(base_url, wait_until="load")
    page.locator(BOX).click()
    page.locator(BOX).fill("医疗 救助")
    page.keyboard.press("End")
    result_pages(page)
    shown = page.eval_on_selector_all(".md-search-result__link", """els => els.map(a => [a.getAttribute('href'),
        Array.from(a.querySelectorAll('.md-search-result__terms del')).map(d => d.textContent)])""")
    assert shown
    base = urlparse(base_url)
    for href, missing in shown:
        url = urlparse(href)
        location = unquote(url.path[len(base.path):] + ("#" + url.fragment if url.fragment else ""))
        assert location in text, location
        assert [m for m in missing if m in text[location]] == [], (location, missing)


def test_the_index_holds_words_not_table_data(site_dir):
    """Statement rows are found by code and name; their amounts, source references and chart data tables
    and placeholders are not indexed."""
    docs = {doc["location"]: doc["text"].replace("\u200b", "") for doc in index_of(site_dir)["docs"]}
    generated = {loc: text for loc, text in docs.items() if loc.startswith(("disclosures/", "compare/", "departments/"))}
    assert not [loc for loc, text in generated.items() if re.search(r"\bT\d\d:L\d+|图表加载中|图表数据表", text)]
    statement = docs["disclosures/jiangan-2024-final/#支出表按功能分类"]
    assert "2101301 城乡医疗救助 21015 医疗保障管理事务" in statement  # the rows, without their amounts
    assert "1,360.03" not in statement
