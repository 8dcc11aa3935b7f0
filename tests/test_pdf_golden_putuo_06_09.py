"""Golden values of the 06 and 三公 statements of putuo-caizhengju-2024-final.pdf and of its copy with
planted errors, typed from the printed pages and compared with the published CSVs (`extract`).

06 一般公共预算财政拨款基本支出决算表: original pp. 16–17 (two-column layout: 301/303 人员 on the left,
302/310 公用 on the right; 类 and 款 in separate cells, "303 | 09"), planted copy pp. 13–14 (same
figures, reset in a denser layout). Blank cells are 0. The table prints no grand 合计, only
人员经费合计 2,152.26 and 公用经费合计 184.65.
三公 (09) 财政拨款“三公”经费支出决算表: original p. 18 prints 0.95 under 合计 预算数 and 公务接待费 预算数,
every other cell blank; the planted copy (p. 15) prints the headers with no row of figures at all,
so nothing is published and the table is kept raw and reported.

Source inconsistencies kept as printed: 301 工资福利支出 2,082.85 but its 款 sum to 2,082.86;
302 商品和服务支出 171.07 but its 款 sum to 171.09 (rounding in the source).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from generator.extract import Options, extract_file
from tests.pdf_golden_support import REAL, D, needs_real

pytestmark = [pytest.mark.realpdf, needs_real]

FINAL = "putuo-caizhengju-2024-final.pdf"
PLANTED = "putuo-caizhengju-2024-final-planted-errors.pdf"

# 06, typed row by row from the page: (类, 款, 决算数); "-" = blank cell.
PERSONNEL = [  # left half
    ("301", "", "2,082.85"), ("301", "01", "262.33"), ("301", "02", "1,238.58"), ("301", "03", "-"),
    ("301", "06", "-"), ("301", "07", "-"), ("301", "08", "160.75"), ("301", "09", "80.38"),
    ("301", "10", "60.99"), ("301", "11", "-"), ("301", "12", "1.61"), ("301", "13", "187.19"),
    ("301", "14", "-"), ("301", "99", "91.03"),
    ("303", "", "69.41"), ("303", "01", "-"), ("303", "02", "69.10"), ("303", "03", "-"), ("303", "04", "-"),
    ("303", "05", "-"), ("303", "07", "-"), ("303", "08", "-"), ("303", "09", "0.31"), ("303", "10", "-"),
    ("303", "11", "-"), ("303", "99", "-"),
]
PUBLIC = [  # right half
    ("302", "", "171.07"), ("302", "01", "21.21"), ("302", "02", "7.61"), ("302", "03", "-"),
    ("302", "04", "0.09"), ("302", "05", "-"), ("302", "06", "-"), ("302", "07", "4.88"), ("302", "08", "-"),
    ("302", "09", "-"), ("302", "11", "1.20"), ("302", "12", "-"), ("302", "13", "2.83"), ("302", "14", "-"),
    ("302", "15", "-"), ("302", "16", "4.05"), ("302", "17", "-"), ("302", "18", "-"), ("302", "24", "-"),
    ("302", "25", "-"), ("302", "26", "2.01"), ("302", "27", "-"), ("302", "28", "24.42"),
    ("302", "29", "42.77"), ("302", "31", "-"), ("302", "39", "48.49"), ("302", "40", "-"),
    ("302", "99", "11.53"),
    ("310", "", "13.58"), ("310", "01", "-"), ("310", "02", "13.58"), ("310", "03", "-"), ("310", "07", "-"),
    ("310", "13", "-"), ("310", "19", "-"), ("310", "21", "-"), ("310", "22", "-"), ("310", "99", "-"),
]
TOTALS = {"total_personnel": ("personnel", "2,152.26"), "total_public": ("public", "184.65")}


def amount(text: str) -> Decimal:
    return D(0) if text == "-" else D(text.replace(",", ""))


def expected_economic() -> dict[str, tuple[str, Decimal]]:
    out = {cls + item: ("personnel", amount(a)) for cls, item, a in PERSONNEL}
    out |= {cls + item: ("public", amount(a)) for cls, item, a in PUBLIC}
    out |= {code: (cat, amount(a)) for code, (cat, a) in TOTALS.items()}
    return out


# The last code printed on the first page of the table, per half (the rest is on the next page).
FIRST_PAGE = {FINAL: ("p16", "30304", "30224", "p17"), PLANTED: ("p13", None, "31013", "p14")}

# 三公 p18 of the original: 预算数/决算数 under each item; "-" = blank cell.
THREE_PUBLIC = {  # item: (预算数, 决算数)
    "total": ("0.95", "-"),
    "overseas": ("-", "-"),
    "vehicle": ("-", "-"),
    "vehicle_purchase": ("-", "-"),
    "vehicle_operation": ("-", "-"),
    "reception": ("0.95", "-"),
}


@pytest.fixture(scope="module")
def read_csv(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], list[dict[str, str]]]:
    """Rows of one published CSV; each file is extracted once, like `python -m generator extract`."""

    @cache
    def published(name: str) -> Path:
        out = tmp_path_factory.mktemp("golden-putuo-06-09")
        extract_file(REAL / name, out, Options())
        return out

    def rows(name: str, resource: str) -> list[dict[str, str]]:
        path = published(name) / f"{resource}.csv"
        if not path.exists():  # a resource without rows has no CSV
            return []
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))

    return rows


@pytest.mark.parametrize("name", [FINAL, PLANTED])
def test_every_economic_line(read_csv, name: str) -> None:
    rows = read_csv(name, "basic_expenditure_economic")
    got: dict[str, tuple[str, Decimal]] = {}
    for r in rows:
        assert r["code"] not in got, f"duplicate row {r['code']}"
        got[r["code"]] = (r["category"], D(r["amount"]))
    want = expected_economic()
    assert len(want) == 66
    assert sorted(got) == sorted(want)  # no grand 合计 printed, so none published
    for code, value in want.items():
        assert got[code] == value, code


@pytest.mark.parametrize("name", [FINAL, PLANTED])
def test_economic_lines_keep_their_page(read_csv, name: str) -> None:
    first, last_left, last_right, second = FIRST_PAGE[name]
    refs = {r["code"]: r["source_ref"] for r in read_csv(name, "basic_expenditure_economic")}
    for half in (PERSONNEL, PUBLIC):
        codes = [cls + item for cls, item, _ in half]
        last = last_left if half is PERSONNEL else last_right
        split = codes.index(last) + 1 if last else len(codes)
        assert {refs[c] for c in codes[:split]} == {f"T06:{first}"}
        assert {refs[c] for c in codes[split:]} <= {f"T06:{second}"}
    assert refs["total_personnel"] == refs["total_public"] == f"T06:{second}"


def test_every_three_public_figure_of_the_original(read_csv) -> None:
    got: dict[tuple[str, str], Decimal] = {}
    for r in read_csv(FINAL, "three_public"):
        key = (r["phase"], r["item_key"])
        assert key not in got, f"duplicate {key}"
        got[key] = D(r["amount"])
        assert r["source_ref"] == "T09:p18"
    want = {}
    for item, (budget, final) in THREE_PUBLIC.items():
        want[("budget", item)] = amount(budget)
        want[("final", item)] = amount(final)
    assert got == want


def test_the_planted_three_public_table_without_figures_is_raw_not_zeros(read_csv) -> None:
    # p15 of the copy: headers only, not one cell filled → no rows invented, the table is reported
    assert read_csv(PLANTED, "three_public") == []
    raw = [r for r in read_csv(PLANTED, "raw_tables") if r["kind"] == "three_public"]
    assert raw and {r["source_ref"] for r in raw} == {"p15"}
    assert any("三公" in r["message"] and "p15" in r["message"] for r in read_csv(PLANTED, "problems"))
