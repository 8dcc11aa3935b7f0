"""三公 parser on small synthetic tables: layouts, phases, units and rejected input."""

from decimal import Decimal

import pytest

from generator.model import InputError, Kind, Line, Statement
from generator.normalize.three_public import item_key_of, parse_three_public

D = Decimal


def st(lines: list[Line], unit: str = "万元", empty_note: str | None = None) -> Statement:
    return Statement(Kind.THREE_PUBLIC, "财政拨款“三公”经费支出表", "09", unit, lines, "L1", empty_note)


def text(*rows: str) -> list[Line]:
    return [Line(row, f"L{n}") for n, row in enumerate(rows, start=10)]


def cells(*rows: str) -> list[Line]:
    return [
        Line(row.replace("|", " "), f"L{n}", tuple(row.split("|"))) for n, row in enumerate(rows, start=10)
    ]


def values(rows):
    return {(r.phase, r.item_key): r.amount for r in rows}


HEADER = (
    "预算数 决算数",
    "合计 因公出国（境）费 公务用车购置及运行费 公务接待费",
    "小计 公务用车购置费 公务用车运行费",
)


@pytest.mark.parametrize(
    "label,key",
    [
        ("合计", "grand_total"),
        ("“三公”经费合计", "total"),
        ("一、因公出国（境）费", "overseas"),
        ("其中：教学科研人员因公出国（境）费", "overseas_research"),
        ("二、公务用车购置及运行维护费", "vehicle"),
        ("公务用车购置及运行（维护）费", "vehicle"),
        ("  其中：公务用车购置费", "vehicle_purchase"),
        ("公务用车运行费", "vehicle_operation"),
        ("(三)公务接待费", "reception"),
        ("四、会议费", "meeting"),
        ("五、培训费", "training"),
        ("差旅费", None),
    ],
)
def test_item_labels(label, key):
    assert item_key_of(label) == key


def test_columns_in_halves():
    rows = parse_three_public(
        st(text(*HEADER, "1 2 3 4 5 6 7 8 9 10 11 12", "6 1 2 0.5 1.5 3 5 1 1 0 1 3")), "final"
    )
    assert values(rows) == {
        ("budget", "total"): D("6"),
        ("budget", "overseas"): D("1"),
        ("budget", "vehicle"): D("2"),
        ("budget", "vehicle_purchase"): D("0.5"),
        ("budget", "vehicle_operation"): D("1.5"),
        ("budget", "reception"): D("3"),
        ("final", "total"): D("5"),
        ("final", "overseas"): D("1"),
        ("final", "vehicle"): D("1"),
        ("final", "vehicle_purchase"): D("0"),
        ("final", "vehicle_operation"): D("1"),
        ("final", "reception"): D("3"),
    }
    assert rows[0].source_ref == "T09:L14"


def test_columns_interleaved_per_item():
    # Shanghai template: 预算数 决算数 under each item
    header = (
        "合计 因公出国（境）费 公务用车购置及运行维护费 小计 公务用车购置费 公务用车运行维护费 公务接待费",
        "预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数",
    )
    rows = parse_three_public(st(text(*header, "6 5 1 1 2 1 0.5 0 1.5 1 3 3")), "final")
    assert values(rows)[("budget", "vehicle_purchase")] == D("0.5")
    assert values(rows)[("final", "vehicle_purchase")] == D("0")
    assert values(rows)[("final", "reception")] == D("3")


def test_budget_columns_with_prior_year():
    header = ("上年预算数 本年预算数",) + HEADER[1:]
    rows = parse_three_public(st(text(*header, "2 0 1 0 1 1 3 0 1 0 1 2")), "budget")
    assert values(rows)[("prior_budget", "total")] == D("2")
    assert values(rows)[("budget", "total")] == D("3")
    assert values(rows)[("budget", "reception")] == D("2")


def test_lost_blank_cells_are_rejected():
    with pytest.raises(InputError, match="cannot place"):
        parse_three_public(st(text(*HEADER, "0.20 0.20 0.10 0.10 0.10 0.10 0.10")), "final")


def test_column_layout_needs_the_standard_header():
    with pytest.raises(InputError, match="header lacks"):
        parse_three_public(st(text("预算数 决算数", "0.20 0 0 0 0 0.20 0 0 0 0 0 0")), "final")


def test_rows_in_yuan_with_fund_columns():
    lines = cells(
        "序号|项目|资金性质|||",
        "||合计|一般公共预算财政拨款|政府性基金预算拨款|国有资本经营预算财政拨款",
        "栏次|1|2|3|4|5",
        "1|“三公”经费合计|7000.00|7000.00||",
        "2|一、因公出国（境）费||||",
        "3|二、公务用车购置及运维费||||",
        "4|三、公务接待费|7000.00|7000.00||",
    )
    rows = parse_three_public(st(lines, unit="元"), "budget")
    assert values(rows) == {
        ("budget", "total"): D("0.7"),
        ("budget", "overseas"): D("0"),
        ("budget", "vehicle"): D("0"),
        ("budget", "reception"): D("0.7"),
    }


def test_rows_with_prior_and_current_year_columns():
    lines = cells(
        "项目|上年预算数|本年预算数",
        "合计|1.00|0.50",
        "因公出国（境）费||",
        "公务接待费|1.00|0.50",
    )
    rows = parse_three_public(st(lines), "budget")
    assert values(rows) == {
        ("prior_budget", "total"): D("1.00"),
        ("prior_budget", "overseas"): D("0"),
        ("prior_budget", "reception"): D("1.00"),
        ("budget", "total"): D("0.50"),
        ("budget", "overseas"): D("0"),
        ("budget", "reception"): D("0.50"),
    }


def test_rows_in_plain_text_take_the_first_amount():
    lines = text(
        "项目 合计 一般公共预算财政拨款", "合计 0.25 0.25", "“三公”经费小计 0.07 0.07", "培训费 0.18 0.18"
    )
    rows = parse_three_public(st(lines), "budget")
    assert values(rows) == {
        ("budget", "grand_total"): D("0.25"),
        ("budget", "total"): D("0.07"),
        ("budget", "training"): D("0.18"),
    }


def test_unknown_row_label_is_rejected():
    lines = cells("项目|合计", "合计|1.00", "差旅费|1.00")
    with pytest.raises(InputError, match="row not understood"):
        parse_three_public(st(lines), "budget")


def test_empty_statement_gives_no_rows():
    note = "本单位无“三公”经费支出"
    assert parse_three_public(st(text("项目 合计", note), empty_note=note), "final") == []


def test_bad_stage_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_three_public(st(text("合计 1.00")), "draft")


def test_label_taken_from_the_item_column():
    lines = cells("序号|项目|合计", "(一)|因公出国（境）费|1.00", "(二)|公务接待费|2.00")
    assert values(parse_three_public(st(lines), "budget")) == {
        ("budget", "overseas"): D("1.00"),
        ("budget", "reception"): D("2.00"),
    }


def test_amounts_without_label_are_rejected():
    lines = cells("序号|项目|合计", "1|公务接待费|2.00", "2||3.00")
    with pytest.raises(InputError, match="without an item label"):
        parse_three_public(st(lines), "budget")


def test_header_cells_followed_with_merged_cells():
    lines = cells(
        "合计||“三公”经费||||||会议费|培训费",
        "||小计|因公出国（境）费|公务用车购置及运行维护费|||公务接待费||",
        "||||小计|公务用车购置费|公务用车运行维护费|||",
        "10||6|1|3||3|2|1|3",
    )
    assert values(parse_three_public(st(lines), "budget")) == {
        ("budget", "grand_total"): D("10"),
        ("budget", "total"): D("6"),
        ("budget", "overseas"): D("1"),
        ("budget", "vehicle"): D("3"),
        ("budget", "vehicle_purchase"): D("0"),
        ("budget", "vehicle_operation"): D("3"),
        ("budget", "reception"): D("2"),
        ("budget", "meeting"): D("1"),
        ("budget", "training"): D("3"),
    }


def test_two_amounts_under_one_merged_heading_fall_back_and_fail():
    lines = cells(
        "合计||“三公”经费||||||会议费|培训费",
        "||小计|因公出国（境）费|公务用车购置及运行维护费|||公务接待费||",
        "10|4|6|1|3||3|2|1|3",
    )
    with pytest.raises(InputError):
        parse_three_public(st(lines), "budget")
