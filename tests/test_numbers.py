from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator.normalize.numbers import find_numbers, is_blank, parse_amount, parse_percent, to_wan


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("1,627.17", "1627.17"),
        ("1, 627. 17", "1627.17"),  # OCR spaces (jiangan-2024 公开01表)
        ("14. 12", "14.12"),
        ("１，６２７．１７", "1627.17"),  # full-width
        ("(12.30)", "-12.30"),
        ("-0.5", "-0.5"),
        ("0", "0"),
        ("436.66", "436.66"),
    ],
)
def test_parse_amount_examples(cell, expected):
    assert parse_amount(cell) == Decimal(expected)


@pytest.mark.parametrize("cell", ["", "  ", "—", "-", "－", None, "\u3000"])
def test_blank(cell):
    assert is_blank(cell)
    assert parse_amount(cell) is None


@pytest.mark.parametrize("cell", ["abc", "1,62,7", "12.3.4", "合计", "2024年"])
def test_rejects(cell):
    with pytest.raises(ValueError):
        parse_amount(cell)


def test_percent_and_units():
    assert parse_percent("24.2%") == Decimal("24.2")
    assert parse_percent("100. 1 ％") == Decimal("100.1")
    assert to_wan(Decimal("4366600"), "元") == Decimal("436.66")
    assert to_wan(Decimal("436.66"), "万元") == Decimal("436.66")
    with pytest.raises(ValueError):
        to_wan(Decimal(1), "美元")


def test_find_numbers_in_text():
    found = [n for n, _, _ in find_numbers("年初预算为13. 96万元,支出决算为1, 627. 17万元")]
    assert found == [Decimal("13.96"), Decimal("1627.17")]


amounts = st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def _grouped(d: Decimal) -> str:
    return f"{abs(d):,.2f}"


@given(amounts)
def test_roundtrip_grouped(d):
    text = _grouped(d)
    assert parse_amount(("-" if d < 0 else "") + text) == d


@given(amounts, st.lists(st.integers(min_value=0, max_value=20), max_size=5))
def test_ocr_spaces_are_ignored(d, positions):
    text = _grouped(d)
    for p in positions:
        p = p % (len(text) + 1)
        text = text[:p] + " " + text[p:]
    assert parse_amount(text) == abs(d)


@given(amounts)
def test_parentheses_negate(d):
    assert parse_amount(f"({_grouped(abs(d))})") == -abs(d)


@given(amounts)
def test_fullwidth_equals_ascii(d):
    text = _grouped(d)
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    assert parse_amount(wide) == parse_amount(text)


@given(st.decimals(min_value=0, max_value=10**8, places=2))
def test_yuan_to_wan_exact(d):
    assert to_wan(d, "元") * 10000 == d


def test_nfkc_folds_kangxi_and_radical_supplement():
    from generator.normalize.numbers import nfkc

    assert nfkc("⼀般公共预算⽀出") == "一般公共预算支出"  # Kangxi Radicals block (NFKC)
    assert nfkc("部⻔公务用⻋") == "部门公务用车"  # CJK Radicals Supplement (our table)


# ---------------------------------------------------------------- a strict parser (issue 9, item 5)

_OTHER_DIGITS = st.characters(
    categories=("Nd", "No"), exclude_characters="0123456789０１２３４５６７８９"
).filter(str.isdigit)


@given(amounts, st.sampled_from("-+"))
def test_a_sign_inside_parentheses_is_refused(d, sign):
    """`(-5)` and `(+5)`: a negative twice or a sign that contradicts the parentheses."""
    with pytest.raises(ValueError):
        parse_amount(f"({sign}{_grouped(d)})")


@pytest.mark.parametrize("cell", ["(-5)", "(+5)", "（-5）", "1,627.17¹", "٣٤", "①", "12³", "⑴", "٣4.5"])
def test_refuses_signs_in_parentheses_footnotes_and_other_digits(cell):
    with pytest.raises(ValueError):
        parse_amount(cell)


@given(amounts, _OTHER_DIGITS)
def test_a_footnote_mark_is_not_a_digit(d, mark):
    text = _grouped(d)
    with pytest.raises(ValueError):
        parse_amount(text + mark)
    assert [n for n, _, _ in find_numbers(f"支出{text}{mark}万元")] == [abs(d)]


@given(st.text(_OTHER_DIGITS, min_size=1, max_size=6))
def test_digits_of_other_scripts_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)
    assert find_numbers(text) == []


def test_find_numbers_keeps_a_footnote_apart():
    assert [n for n, _, _ in find_numbers("支出决算为1,627.17¹万元")] == [Decimal("1627.17")]


@given(st.text())
@example("————")
@example("1,627.17¹ ①⑴")
def test_nfkc_is_idempotent(text):
    from generator.normalize.numbers import nfkc

    once = nfkc(text)
    assert nfkc(once) == once


def test_nfkc_dash_runs_and_offsets():
    from generator.normalize.numbers import nfkc

    assert nfkc("————") == nfkc(nfkc("————")) == "—"
    sentence = nfkc("收入————合计100万元,支出①50万元")
    assert [(n, sentence[s:e]) for n, s, e in find_numbers(sentence)] == [
        (Decimal(100), "100"), (Decimal(50), "50")
    ]
