"""The explore page in headless Chromium: any resource of the combined package filtered, sorted,
paged and downloaded client side — every count and row checked against the package CSV."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.pages.fmt import label
from generator.pages.load import read_csv
from tests.browser.conftest import packages_dir
from tests.browser.test_site_browser import PHONE_LAYOUT

pytestmark = pytest.mark.browser

# every shown cell's raw value (a labelled code keeps it in its title), keyed by the column's field name
TABLE_ROWS = """() => {
  const t = document.querySelector('table.explore-table');
  const names = Array.from(t.querySelectorAll('thead th')).map(th => th.getAttribute('data-field'));
  return Array.from(t.tBodies[0].rows).map(tr => Object.fromEntries(Array.from(tr.cells).map(
    (td, i) => [names[i], td.hasAttribute('title') ? td.getAttribute('title') : td.textContent])));
}"""
COUNT = "() => Number(document.querySelector('.explore-status').getAttribute('data-count'))"


def package() -> Path:
    return packages_dir() / "all"


def source(resource: str) -> tuple[list[str], list[dict[str, str]]]:
    return read_csv(package() / f"{resource}.csv")


def schema(resource: str) -> list[dict]:
    descriptor = json.loads((package() / "datapackage.json").read_text(encoding="utf-8"))
    return next(r for r in descriptor["resources"] if r["name"] == resource)["schema"]["fields"]


def expected(resource: str, *, disclosure: str = "", code: str = "", text: str = "") -> list[dict[str, str]]:
    """The rows the page must show: of that disclosure, a code column starting with `code`, and every
    word of `text` in some cell (its raw value or, for a coded column, the site's label of it)."""
    _, rows = source(resource)
    fields = {f["name"]: f for f in schema(resource)}
    codes = [n for n in fields if n == "code" or n.endswith("_code")]
    coded = {n for n, f in fields.items() if (f.get("constraints") or {}).get("enum")}

    def shown(name: str, value: str) -> str:
        return label(name, value) if name in coded else value

    def keep(row: dict[str, str]) -> bool:
        if disclosure and row.get("disclosure_id") != disclosure:
            return False
        if code and not any(row.get(c, "").startswith(code) for c in codes):
            return False
        return all(any(t in v.lower() or t in shown(k, v).lower() for k, v in row.items())
                   for t in text.lower().split())

    return [r for r in rows if keep(r)]


def numeric_desc(rows: list[dict[str, str]], column: str) -> list[dict[str, str]]:
    """Largest first, blanks last, ties in the file's order."""
    return sorted(rows, key=lambda r: (not r[column].strip(), -Decimal(r[column] or "0")))


def open_explore(watched, base_url: str, hash_: str = "") -> None:
    watched.page.goto(base_url + "explore/" + hash_, wait_until="load")
    watched.page.wait_for_selector("#explore select#explore-resource")


def choose(page, resource: str) -> None:
    page.select_option("#explore-resource", resource)
    page.wait_for_selector(f"table.explore-table[data-resource={resource}]")


def wait_param(page, name: str, value: str) -> None:
    page.wait_for_function("([k, v]) => new URLSearchParams(location.hash.slice(1)).get(k) === v", arg=[name, value])


def busiest_disclosure(rows: list[dict[str, str]]) -> str:
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["disclosure_id"]] = counts.get(r["disclosure_id"], 0) + 1
    return max(counts, key=lambda d: counts[d])


def downloaded_rows(download) -> tuple[bytes, list[list[str]]]:
    data = Path(download.path()).read_bytes()
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_filter_sort_and_download_equal_the_package(site_dir, base_url, watched):
    page = watched.page
    csv_requests: list[str] = []
    page.on("request", lambda r: csv_requests.append(r.url) if r.url.endswith(".csv") else None)
    open_explore(watched, base_url)
    page.wait_for_load_state("networkidle")
    assert csv_requests == []  # nothing is loaded before a table is chosen
    descriptor = json.loads((package() / "datapackage.json").read_text(encoding="utf-8"))
    listed = page.eval_on_selector_all(".explore-index a", "els => els.map(a => a.hash)")
    assert listed == [f"#r={r['name']}" for r in descriptor["resources"] if r["path"].endswith(".csv")]
    choose(page, "summary")
    assert [u.rsplit("/", 2)[-2:] for u in csv_requests] == [["all", "summary.csv"]]
    header, rows = source("summary")
    assert page.evaluate(COUNT) == len(rows)

    disclosure = busiest_disclosure(rows)
    page.select_option("#explore-disclosure", disclosure)
    wait_param(page, "d", disclosure)
    assert page.evaluate(COUNT) == len(expected("summary", disclosure=disclosure))
    page.fill("#explore-text", "支出")
    wait_param(page, "q", "支出")
    want = expected("summary", disclosure=disclosure, text="支出")
    assert 0 < len(want) < len(expected("summary", disclosure=disclosure))
    assert page.evaluate(COUNT) == len(want)
    shown = page.evaluate(TABLE_ROWS)
    assert len(shown) == min(len(want), 100)
    assert [r["name"] for r in shown] == [r["name"] for r in want[:100]]

    # numbers sort as numbers (descending on the second click), blanks last
    amount = page.locator("table.explore-table th[data-field=amount]")
    amount.click()
    amount.click()
    wait_param(page, "o", "desc")
    assert amount.get_attribute("aria-sort") == "descending"
    ordered = numeric_desc(want, "amount")
    assert [r["amount"] for r in page.evaluate(TABLE_ROWS)] == [r["amount"] for r in ordered[:100]]

    # the download: every filtered row in the order shown, all columns, as published (UTF-8 with BOM)
    with page.expect_download() as info:
        page.click("#explore-download")
    data, table = downloaded_rows(info.value)
    assert data.startswith("\ufeff".encode())
    assert info.value.suggested_filename == "summary-filtered.csv"
    assert table[0] == header
    assert table[1:] == [[r[h] for h in header] for r in ordered]

    # the address is the view: opened afresh it shows the same rows
    permalink = page.url
    assert page.get_attribute("a.explore-permalink", "href") == permalink
    page.goto("about:blank")
    page.goto(permalink, wait_until="load")
    page.wait_for_selector("table.explore-table[data-resource=summary]")
    assert page.evaluate(COUNT) == len(want)
    assert page.input_value("#explore-text") == "支出" and page.input_value("#explore-disclosure") == disclosure
    assert [r["amount"] for r in page.evaluate(TABLE_ROWS)] == [r["amount"] for r in ordered[:100]]
    assert watched.errors == [], watched.errors
    assert watched.failed == [], watched.failed
    assert watched.outside == [], f"requests left 127.0.0.1: {watched.outside}"


def test_code_prefix_and_coded_labels(site_dir, base_url, watched):
    page = watched.page
    # a shared address: 款 2101 of the functional classification and everything under it
    open_explore(watched, base_url, "#r=expenditure_by_function&c=2101")
    page.wait_for_selector("table.explore-table[data-resource=expenditure_by_function]")
    want = expected("expenditure_by_function", code="2101")
    assert want and all(r["code"].startswith("2101") for r in want)
    assert page.evaluate(COUNT) == len(want)
    assert [r["code"] for r in page.evaluate(TABLE_ROWS)] == [r["code"] for r in want[:100]]
    # typed: 210 takes in all of 类 210
    page.fill("#explore-code", "210")
    wait_param(page, "c", "210")
    assert page.evaluate(COUNT) == len(expected("expenditure_by_function", code="210")) > len(want)
    # an address pasted over the current one: its view
    page.evaluate("location.hash = '#r=income_by_function&c=2101'")
    page.wait_for_selector("table.explore-table[data-resource=income_by_function]")
    assert page.evaluate(COUNT) == len(expected("income_by_function", code="2101"))
    assert page.input_value("#explore-code") == "2101"

    # a coded value is found by its Chinese label: 不一致 is status "fail"
    choose(page, "checks")
    page.fill("#explore-text", "不一致")
    wait_param(page, "q", "不一致")
    _, checks = source("checks")
    fails = [r for r in checks if r["status"] == "fail" or any("不一致" in v for v in r.values())]
    assert page.evaluate(COUNT) == len(fails) == len(expected("checks", text="不一致"))
    assert any(r["status"] == "fail" for r in fails)
    status = page.locator("table.explore-table tbody td[title=fail]").first
    assert status.inner_text() == "不一致"
    assert watched.errors == [], watched.errors
    assert watched.outside == []


def test_large_resource_pages(site_dir, base_url, watched):
    descriptor = json.loads((package() / "datapackage.json").read_text(encoding="utf-8"))
    largest = max(descriptor["resources"], key=lambda r: r.get("rows") or 0)
    if (largest.get("rows") or 0) <= 50:
        pytest.skip("no resource with more than one page of 50 rows in these packages")
    page = watched.page
    open_explore(watched, base_url, f"#r={largest['name']}&n=50")
    page.wait_for_selector(f"table.explore-table[data-resource={largest['name']}]")
    header, rows = source(largest["name"])
    assert page.evaluate(COUNT) == len(rows) == largest["rows"]
    assert page.locator("table.explore-table tbody tr").count() == 50
    page.click(".explore-pager button:has-text('下一页')")
    wait_param(page, "p", "2")
    key = header[1]
    assert [r[key] for r in page.evaluate(TABLE_ROWS)] == [r[key] for r in rows[50:100]]
    page.click(".explore-pager button:has-text('末页')")
    last = (len(rows) - 1) // 50 + 1
    wait_param(page, "p", str(last))
    assert page.locator("table.explore-table tbody tr").count() == len(rows) - 50 * (last - 1)
    # the whole table downloads, not the page on screen: byte for byte the published file
    with page.expect_download() as info:
        page.click("#explore-download")
    data, _ = downloaded_rows(info.value)
    assert data == (package() / f"{largest['name']}.csv").read_bytes()
    assert watched.errors == [], watched.errors


HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">'
FORMULA = '=HYPERLINK("http://evil.example","点击")'


def test_cells_are_text_and_downloads_run_no_formula(site_dir, base_url, watched):
    """A package written by another tool, with markup and a formula in its text: shown as text,
    downloaded with the formula neutralised as the package CSVs do (a leading apostrophe)."""
    header, rows = source("summary")
    hostile = dict(rows[0], name=HOSTILE_NAME, source_ref=FORMULA, amount="-5")
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows([hostile, *rows[1:3]])
    body = "\ufeff" + out.getvalue()
    page = watched.page
    page.route("**/downloads/all/summary.csv", lambda route: route.fulfill(
        status=200, body=body.encode(), headers={"Content-Type": "text/csv; charset=utf-8"}))
    open_explore(watched, base_url, "#r=summary")
    page.wait_for_selector("table.explore-table[data-resource=summary]")
    first = page.evaluate(TABLE_ROWS)[0]
    assert first["name"] == HOSTILE_NAME and first["source_ref"] == FORMULA
    assert page.locator("article img").count() == 0 and page.evaluate("window.__pwned") is None
    with page.expect_download() as info:
        page.click("#explore-download")
    _, table = downloaded_rows(info.value)
    got = dict(zip(table[0], table[1], strict=True))
    assert got["source_ref"] == "'" + FORMULA and got["name"] == HOSTILE_NAME
    assert got["amount"] == "-5"  # a number is no formula
    assert table[2:] == [[r[h] for h in header] for r in rows[1:3]]
    assert watched.errors == [], watched.errors


def test_instant_navigation_and_links(site_dir, base_url, watched):
    """Reached from the downloads page without a reload, left and come back to: it works each time."""
    page = watched.page
    page.goto(base_url + "downloads/", wait_until="load")
    page.wait_for_load_state("networkidle")  # instant navigation is ready
    page.evaluate("window.__marker = 1")
    page.locator("article a[href$='explore/']").first.click()
    page.wait_for_url(lambda url: "/explore/" in url, wait_until="commit")
    page.wait_for_selector("#explore select#explore-resource")
    choose(page, "three_public")
    _, rows = source("three_public")
    assert page.evaluate(COUNT) == len(rows)
    page.locator(".md-tabs a[href$='downloads/']").first.click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("downloads"), wait_until="commit")
    page.wait_for_selector("article a[href$='explore/']")
    page.go_back()
    page.wait_for_url(lambda url: "r=three_public" in url, wait_until="commit")
    page.wait_for_selector("table.explore-table[data-resource=three_public]")
    assert page.evaluate(COUNT) == len(rows)
    assert page.evaluate("window.__marker") == 1  # instant navigation all along: no full reload
    assert page.locator("#explore .explore-controls").count() == 1  # set up once, not twice
    assert page.locator(".md-tabs a[href$='explore/']").count() >= 1  # in the navigation
    assert watched.errors == [], watched.errors
    assert watched.outside == []


@pytest.mark.parametrize("resource", ["checks", "procurement"])
def test_fits_a_phone(site_dir, base_url, browser, resource):
    """At 390 px the controls wrap and the widest tables scroll inside their own wrapper."""
    if not (package() / f"{resource}.csv").is_file():
        pytest.skip(f"no {resource} in these packages")
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block",
                                  device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "explore/#" + quote(f"r={resource}", safe="="), wait_until="load")
    page.wait_for_selector(f"table.explore-table[data-resource={resource}]")
    layout = page.evaluate(PHONE_LAYOUT)
    table_width = page.eval_on_selector("table.explore-table", "t => t.scrollWidth")
    context.close()
    assert layout["width"] <= 390 and not layout["unwrapped"] and not layout["wide"], layout
    assert table_width > 390  # the test would see a page too wide for the screen


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_contrast_with_a_table_shown(site_dir, base_url, browser, scheme):
    """The site-wide contrast test sees this page before a table is chosen: here with one, paged."""
    from tests.browser.conftest import DESKTOP
    from tests.browser.test_contrast_browser import CONTRAST, SETTLED

    context = browser.new_context(viewport=DESKTOP, service_workers="block",
                                  color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    results = []
    for view in ("", "#r=checks&n=50&s=difference&o=desc", "#r=summary&d=none"):
        page.goto(base_url + "explore/" + view, wait_until="load")
        page.wait_for_selector("table.explore-table" if view else ".explore-index a")
        page.evaluate(SETTLED)
        results.append((view, page.evaluate(CONTRAST)))
    context.close()
    for view, result in results:
        assert result["count"] > 0 and result["unparsed"] == [], (view, result["unparsed"])
        assert result["failures"] == [], (view, {(f["where"], f["color"], f["background"], f["ratio"]) for f in result["failures"]})
