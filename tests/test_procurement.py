"""部门政府采购预算 (shanhaiguan-2024-budget.txt L2129–L2255) → procurement rows.

Values typed from the source: two header rows (L2133–L2140 / L2142–L2156), 合计 L2158, the
unit's 小计 L2174, four purchases L2190/L2206/L2222/L2238, note L2255.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D
from pathlib import Path

import pytest

from generator.model import InputError, Kind, Line, Statement
from generator.normalize.procurement import column_field, parse_procurement
from generator.normalize.statements import normalize
from generator.read import read_document
from generator.recognize import recognize
from tests.pdf_golden_support import needs_real, statements

SOURCE = Path(__file__).resolve().parents[1] / "sources" / "shanhaiguan-2024-budget.txt"
Z = D("0")


@pytest.fixture(scope="module")
def table() -> Statement:
    found, _ = recognize(read_document(SOURCE))
    [st] = [s for s in found if s.kind is Kind.PROCUREMENT]
    return st


def test_recognized(table: Statement) -> None:
    assert (table.title, table.ref, table.unit) == ("部门政府采购预算", "L2129", "万元")


def test_rows(table: Statement) -> None:
    rows = parse_procurement(table)
    got = [
        (r.row_type, r.seq, r.project, r.project_budget, r.item, r.catalog_code, r.measure_unit, r.quantity,
         r.unit_price, r.amount, r.general_budget, r.sme_reserved, r.source_ref)
        for r in rows
    ]
    assert got == [
        ("total", 1, "", None, "", "", "", None, None, D("3.29"), D("3.29"), D("1.40"), "L2158"),
        ("subtotal", 2, "", None, "", "", "", None, None, D("3.29"), D("3.29"), D("1.40"), "L2174"),
        ("item", 3, "2024年运转类公用经费项目(一)", D("10.77"), "复印纸", "A05040101", "万元", D("96"), D("0.02"),
         D("1.44"), D("1.44"), Z, "L2190"),
        ("item", 4, "2024年运转类公用经费项目(一)", D("10.77"), "软件运维服务", "C16070300", "万元", D("1"), D("0.15"),
         D("0.15"), D("0.15"), Z, "L2206"),
        ("item", 5, "2024年运转类公用经费项目(一)", D("10.77"), "其他运行维护服务", "C16079900", "万元", D("1"),
         D("0.30"), D("0.30"), D("0.30"), Z, "L2222"),
        ("item", 6, "基金专项审计及业务费", D("8.00"), "其他印刷服务", "C23090199", "张", D("40000"), D("0.00"),
         D("1.40"), D("1.40"), D("1.40"), "L2238"),
    ]
    assert rows[1].unit_name == "医保部门秦皇岛市山海关区医疗保障局本级"
    # the other fund columns (基金 / 国有资本 / 财政专户 / 单位资金 / 上年结转) are listed and blank: 0
    for r in rows:
        assert (r.gov_fund, r.state_capital, r.special_account, r.unit_funds, r.carryover) == (Z, Z, Z, Z, Z)
    # the source's own sums hold: items = 小计 = 合计, per column
    items = [r for r in rows if r.row_type == "item"]
    assert sum((r.amount for r in items), Z) == rows[0].amount == rows[1].amount
    assert sum((r.sme_reserved for r in items), Z) == rows[0].sme_reserved


def test_column_titles() -> None:
    assert column_field("政府采购目录序号") == "catalog_code"
    assert column_field("计量  单位") == "measure_unit"
    assert column_field("2024年  预留中  小微企  业份额") == "sme_reserved"
    assert column_field("一般公共预算拨款") == "general_budget"
    assert column_field("基金预算拨款") == "gov_fund"
    assert column_field("合  计") == "amount"
    assert column_field("预算    资金") == "project_budget"
    assert column_field("栏次") is None


def test_ragged_row_is_rejected(table: Statement) -> None:
    lines = list(table.lines)
    n = next(i for i, ln in enumerate(lines) if ln.ref == "L2206")
    cut = lines[n]
    assert cut.cells is not None
    lines[n] = Line(cut.text, cut.ref, cut.cells[:-1])
    with pytest.raises(InputError, match=r"\(L2206\): 14 cells, the header has 15 columns"):
        parse_procurement(dataclasses.replace(table, lines=lines))


def test_published_through_dispatch(table: Statement) -> None:
    from generator.model import DisclosureMeta

    meta = DisclosureMeta("x-2024-budget", "x", "x", 2024, "budget", "t", "f", "docx-text", "")
    d = normalize([table], meta)
    assert [r.item for r in d.procurement if r.row_type == "item"] == ["复印纸", "软件运维服务", "其他运行维护服务", "其他印刷服务"]
    assert d.raw_tables == [] and d.problems == []


def _tree(rows: list) -> list[tuple]:
    return [(r.row_type, r.category, r.project, r.economic_name, r.item, r.method, r.amount, r.source_ref)
            for r in rows]


@needs_real
def test_jiangsu_tree_layout() -> None:
    """js-jianchayuan-2019-budget.pdf p22–p24 政府采购支出预算表: a tree printing each level once
    (采购品目大类 / 专项名称 / 经济科目 / 采购物品名称) above the purchases it covers. Values typed
    from the PDF: 合计 2,744.84; 一、货物A 303.40; 三、服务C 2,441.44."""
    from generator.model import DisclosureMeta

    [st] = [s for s in statements("js-jianchayuan-2019-budget.pdf") if s.kind is Kind.PROCUREMENT]
    assert (st.title, st.ref) == ("政府采购支出预算表", "p22")
    rows = parse_procurement(st)
    goods, net = "一、货物A", "网络、电子检务、实验室、机要通道、档案数字化系统运行维护费"
    assert _tree(rows[:5]) == [
        ("total", "", "", "", "", "", D("2744.84"), "p22"),
        ("category", goods, "", "", "", "", D("303.40"), "p22"),
        ("group", goods, "办公设备购置", "办公设备购置", "", "", D("9.00"), "p22"),
        ("item", goods, "办公设备购置", "办公设备购置", "台式计算机(20万以下)", "分散自行组织", D("9.00"), "p22"),
        ("group", goods, "办公、办案设备更新购置费", "办公设备购置", "", "", D("131.40"), "p22"),
    ]
    # p23 opens with a line printing only its 经济科目: the project is carried from p22
    [special] = [r for r in rows if r.economic_name == "专用设备购置" and r.row_type == "group"]
    assert (special.category, special.project, special.amount, special.source_ref) == (goods, net, D("63.00"), "p23")
    [services] = [r for r in rows if r.row_type == "category" and r.category == "三、服务C"]
    assert (services.project, services.amount, services.source_ref) == ("", D("2441.44"), "p23")
    assert _tree(rows[-2:]) == [
        ("group", "三、服务C", "检察教育培训经费", "培训费", "", "", D("630.00"), "p24"),
        ("item", "三、服务C", "检察教育培训经费", "培训费", "专业技能培训服务", "分散自行组织", D("630.00"), "p24"),
    ]
    # the source's sums hold level by level: purchases = their group line, categories = 合计
    items = [r for r in rows if r.row_type == "item"]
    for g in (r for r in rows if r.row_type in ("group", "category")):
        keys = ("category", "project", "economic_name") if g.row_type == "group" else ("category",)
        below = [i.amount for i in items if all(getattr(i, k) == getattr(g, k) for k in keys)]
        assert sum(below) == g.amount, g
    assert sum(r.amount for r in rows if r.row_type == "category") == rows[0].amount
    meta = DisclosureMeta("js-2019-budget", "js", "js", 2019, "budget", "t", "f", "pdf", "")
    d = normalize([st], meta)
    assert len(d.procurement) == 41 and d.raw_tables == [] and d.problems == []


@needs_real
def test_jiangsu_purchase_over_two_lines() -> None:
    """js-jianchayuan-2018-budget.pdf p22: 物业管理服务 is one cell spanning two lines, 部门集中采购
    330.00 and 分散自行组织 20.00 (their 物业管理费 group line: 370.00)."""
    [st] = [s for s in statements("js-jianchayuan-2018-budget.pdf") if s.kind is Kind.PROCUREMENT]
    rows = parse_procurement(st)
    i = next(n for n, r in enumerate(rows) if r.project == "物业管理费" and r.economic_name == "物业管理费")
    assert [(r.row_type, r.item, r.method, r.amount) for r in rows[i:i + 4]] == [
        ("group", "", "", D("370.00")),
        ("item", "物业管理服务", "部门集中采购", D("330.00")),
        ("item", "物业管理服务", "分散自行组织", D("20.00")),
        ("item", "其他服务", "分散自行组织", D("20.00")),
    ]


def test_unreadable_line_is_reported_not_the_table(table: Statement) -> None:
    """A line that fits no row type is a problem of its own; the other lines are still read."""
    body = list(table.lines)
    start = next(n for n, ln in enumerate(body) if ln.cells and "".join(ln.cells[0].split()) == "合计")
    odd = Line("x", "L9999", tuple(["", "", "", "", "??"] + [""] * (len(body[start].cells or ()) - 5)))
    st = dataclasses.replace(table, lines=body[:start + 1] + [odd] + body[start + 1:])
    problems: list[str] = []
    rows = parse_procurement(st, problems)
    assert len(rows) == 6 and len(problems) == 1 and "L9999" in problems[0]
    with pytest.raises(InputError, match="L9999"):
        parse_procurement(st)
