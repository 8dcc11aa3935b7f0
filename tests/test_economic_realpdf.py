"""06 statements of real PDFs (other departments, same national templates)."""

from functools import cache

import pytest

from generator.model import Kind
from generator.normalize.economic import parse_basic_economic
from tests.pdf_golden_support import D, needs_real, statement

pytestmark = [pytest.mark.realpdf, needs_real]


@cache
def rows(name: str):
    return {r.code: (r.category, r.amount) for r in parse_basic_economic(statement(name, Kind.BASIC_ECONOMIC))}


def test_putuo_economic_codes_split_in_class_and_item_columns():
    # p17 prints "303 | 09 | 奖励金 | 0.31"; p16 full codes
    got = rows("putuo-caizhengju-2024-final.pdf")
    assert got["301"] == ("personnel", D("2082.85"))
    assert got["30102"] == ("personnel", D("1238.58"))
    assert got["30309"] == ("personnel", D("0.31"))
    assert got["30305"] == ("personnel", D("0"))
    assert got["30228"] == ("public", D("24.42"))
    assert got["310"] == ("public", D("13.58"))
    assert got["31002"] == ("public", D("13.58"))


def test_yuan_amounts_converted():
    # p19 单位:元; 30101 基本工资 1,952,616.00; 合计 19,830,655.00 18,120,593.00 1,710,062.00
    got = rows("putuo-shangwuwei-2025-budget.pdf")
    assert got["30101"] == ("personnel", D("195.2616"))
    assert got["total"] == ("", D("1983.0655"))
    assert got["total_public"] == ("public", D("171.0062"))


def test_shifted_cells_read_by_codes():
    # js p18/p19: 类 and 款 amounts in different columns; a page number "18" between the rows
    got = rows("js-jianchayuan-2019-budget.pdf")
    assert got["total"] == ("", D("15844.04"))
    assert got["301"] == ("personnel", D("11960.62"))
    assert got["30102"] == ("personnel", D("6372.51"))
    assert got["30103"] == ("personnel", D("180.14"))
    assert got["302"] == ("public", D("2391.92"))
    assert got["30309"] == ("personnel", D("1.05"))
