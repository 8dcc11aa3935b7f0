"""06 parser on small synthetic tables: layouts, units and rejected input."""

from decimal import Decimal

import pytest

from generator.model import InputError, Kind, Line, Statement
from generator.normalize.economic import parse_basic_economic


def st(lines: list[Line], unit: str = "万元", number: str | None = "06") -> Statement:
    return Statement(Kind.BASIC_ECONOMIC, "基本支出表", number, unit, lines, "L1")


def text(*rows: str) -> list[Line]:
    return [Line(row, f"L{n}") for n, row in enumerate(rows, start=10)]


def cells(*rows: str) -> list[Line]:
    return [
        Line(row.replace("|", " "), f"L{n}", tuple(row.split("|"))) for n, row in enumerate(rows, start=10)
    ]


def as_dict(rows):
    return {r.code: (r.level, r.category, r.amount) for r in rows}


def test_two_panels_without_titles_take_the_code_list_category():
    rows = parse_basic_economic(
        st(
            cells(
                "科目编码|科目名称|决算数|科目编码|科目名称|决算数",
                "301|工资福利支出|10.00|302|商品和服务支出|2.00",
                "30101|基本工资|10.00|30201|办公费|2.00",
                "303|对个人和家庭的补助||310|资本性支出|",
                "人员经费合计|10.00||公用经费合计||2.00",
                "注：本表反映……",
            )
        )
    )
    assert as_dict(rows) == {
        "301": (1, "personnel", Decimal("10.00")),
        "30101": (2, "personnel", Decimal("10.00")),
        "303": (1, "personnel", Decimal("0")),
        "302": (1, "public", Decimal("2.00")),
        "30201": (2, "public", Decimal("2.00")),
        "310": (1, "public", Decimal("0")),
        "total_personnel": (0, "personnel", Decimal("10.00")),
        "total_public": (0, "public", Decimal("2.00")),
    }
    assert rows[0].source_ref == "T06:L11"


def test_amounts_in_yuan_are_converted_to_wan():
    rows = parse_basic_economic(
        st(
            text(
                "人员经费 公用经费", "科目编码 科目名称 决算数", "30101 基本工资 123456.00 30201 办公费 100"
            ),
            unit="元",
        )
    )
    assert as_dict(rows)["30101"][2] == Decimal("12.3456")
    assert as_dict(rows)["30201"][2] == Decimal("0.01")


def test_text_ocr_spaces_inside_numbers():
    rows = parse_basic_economic(st(text("科目编码 科目名称 决算数", "30101 基本工资 1, 029. 78")))
    assert as_dict(rows)["30101"][2] == Decimal("1029.78")


def test_a_kuan_no_list_has_is_read_under_its_class():
    # 30198 is in no national list, but 301 is: the line is kept as printed (the package marks it
    # origin document and a check warns); the category is its class's
    for statement in (
        st(text("科目编码 科目名称 决算数", "30101 基本工资 1.00 30198 新科目 2.00")),
        st(cells("科目编码|科目名称|决算数|科目编码|科目名称|决算数", "30101|基本工资|1.00|30198|新科目|2.00")),
    ):
        rows = {r.code: r for r in parse_basic_economic(statement)}
        assert (rows["30198"].name, rows["30198"].level, rows["30198"].category, rows["30198"].amount) == (
            "新科目", 2, "personnel", Decimal("2.00"))


def test_a_code_of_no_known_class_in_cells_is_rejected():
    with pytest.raises(InputError, match="unknown economic code '39801'"):
        parse_basic_economic(
            st(cells("科目编码|科目名称|决算数|科目编码|科目名称|决算数", "30101|基本工资|1.00|39801|新科目|2.00"))
        )


def test_two_amounts_for_one_code_are_rejected():
    with pytest.raises(InputError, match="several amounts"):
        parse_basic_economic(st(text("科目编码 科目名称 决算数", "30101 基本工资 1.00 2.00 30201 办公费")))


def test_unrecognized_row_is_rejected():
    with pytest.raises(InputError, match="row not understood"):
        parse_basic_economic(
            st(
                cells(
                    "科目编码|科目名称|决算数|科目编码|科目名称|决算数",
                    "30101|基本工资|1.00|||",
                    "|其他说明|3.00|||",
                )
            )
        )


def test_code_printed_twice_is_rejected():
    with pytest.raises(InputError, match="printed twice"):
        parse_basic_economic(
            st(text("科目编码 科目名称 决算数", "30101 基本工资 1.00", "30101 基本工资 2.00"))
        )


def test_no_code_lines_is_rejected():
    with pytest.raises(InputError, match="no line starting with an economic code"):
        parse_basic_economic(st(text("科目编码 科目名称 决算数", "本单位无基本支出")))


def test_category_conflict_with_panel_is_rejected():
    lines = cells(
        "|人员经费||公用经费||",
        "科目编码|科目名称|决算数|科目编码|科目名称|决算数",
        "30201|办公费|1.00|30101|基本工资|2.00",
    )
    with pytest.raises(InputError, match="layout misread"):
        parse_basic_economic(st(lines))


def test_single_panel_cells_split_by_column():
    rows = parse_basic_economic(
        st(
            cells(
                "科目编码|科目名称|合计|人员经费|公用经费",
                "|合计|3.00|1.00|2.00",
                "30101|基本工资|1.00|1.00|",
                "30201|办公费|2.00||2.00",
            )
        )
    )
    assert as_dict(rows) == {
        "30101": (2, "personnel", Decimal("1.00")),
        "30201": (2, "public", Decimal("2.00")),
        "total": (0, "", Decimal("3.00")),
        "total_personnel": (0, "personnel", Decimal("1.00")),
        "total_public": (0, "public", Decimal("2.00")),
    }


def test_single_panel_line_split_between_categories_is_rejected():
    lines = cells("科目编码|科目名称|合计|人员经费|公用经费", "30101|基本工资|3.00|1.00|2.00")
    with pytest.raises(InputError, match="split between"):
        parse_basic_economic(st(lines))


def test_single_panel_text_with_unequal_amounts_is_rejected():
    lines = text("科目编码 科目名称 合计 人员经费 公用经费", "30101 基本工资 3.00 1.00")
    with pytest.raises(InputError, match="cannot place"):
        parse_basic_economic(st(lines))


def test_single_panel_text_total_with_two_amounts_is_rejected():
    lines = text("科目编码 科目名称 合计 人员经费 公用经费", "合计 3.00 3.00", "30101 基本工资 3.00 3.00")
    with pytest.raises(InputError, match="cannot place"):
        parse_basic_economic(st(lines))


def test_source_ref_uses_printed_number():
    rows = parse_basic_economic(st(text("科目编码 科目名称 决算数", "30101 基本工资 1.00"), number="预算06"))
    assert rows[0].source_ref == "T06:L11"
