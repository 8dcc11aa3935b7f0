"""Code lists and code/name helpers."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.normalize.codes import (
    economic_code_name,
    function_code_name,
    function_codes,
    is_function_code,
    join_split_code,
    level_of,
    lookup_economic_name,
    lookup_function_name,
    normalize_name,
    parent_of,
)

SOURCES = Path(__file__).resolve().parents[1] / "sources"

digits = st.text(alphabet="0123456789", min_size=2, max_size=2)
classes = st.integers(min_value=200, max_value=299).map(str)


def test_list_is_a_tree():
    codes = function_codes()
    assert len(codes) > 150
    for code, entry in codes.items():
        assert entry.level == level_of(code)
        assert entry.parent == (parent_of(code) or "")
        assert not entry.parent or entry.parent in codes, code


def test_every_code_in_the_sources_is_listed():
    # code cells of the function-coded tables (markdown/text: line start; docx: own line)
    found = set()
    for path in SOURCES.glob("*-*-*.*"):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^\s*(2\d{2}(?:\d{2}){0,2})(?:\s|\t|$)", line)
            if m and len(m.group(1)) in (3, 5, 7):
                found.add(m.group(1))
    assert {"2080505", "2101301", "2101599", "2080501", "2210203"} <= found
    assert found <= set(function_codes()), found - set(function_codes())


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("201", "一般公共服务支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("221", "住房保障支出"),
        ("229", "其他支出"), ("233", "债务发行费用支出"), ("234", "抗疫特别国债安排的支出"),
        ("2080505", "机关事业单位基本养老保险缴费支出"), ("2080506", "机关事业单位职业年金缴费支出"),
        ("2101102", "事业单位医疗"), ("2101199", "其他行政事业单位医疗支出"), ("2101302", "疾病应急救助"),
        ("2101506", "医疗保障经办事务"), ("2101550", "事业运行"), ("2100410", "突发公共卫生事件应急处置"),
        ("21017", "中医药"), ("2210202", "提租补贴"),
    ],
)
def test_names(code, name):
    assert function_code_name(code) == name


def test_levels_and_parents():
    assert [level_of(c) for c in ("210", "21015", "2101501")] == [1, 2, 3]
    assert [parent_of(c) for c in ("210", "21015", "2101501")] == [None, "210", "21015"]
    with pytest.raises(ValueError):
        level_of("2101")


@given(classes, digits, digits)
def test_join_split_code_roundtrip(cls, kuan, xiang):
    code = join_split_code(cls, kuan, xiang)
    assert code == cls + kuan + xiang
    assert level_of(code) == 3 and parent_of(code) == cls + kuan
    # a column may repeat the prefix: 210 / 21015 / 2101501
    assert join_split_code(cls, cls + kuan, cls + kuan + xiang) == code
    assert join_split_code(cls, kuan) == cls + kuan
    assert is_function_code(code) == code.startswith("2")


@given(st.text(alphabet="0123456789", min_size=1, max_size=9))
def test_is_function_code_only_3_5_7_digits(s):
    assert is_function_code(s) == (len(s) in (3, 5, 7) and s.startswith("2"))


def test_join_split_code_rejects():
    for args in (("21", "15", "01"), ("210", "1", ""), ("210", "", "01"), ("210", "x5", "")):
        with pytest.raises(ValueError):
            join_split_code(*args)


@pytest.mark.parametrize(
    ("name", "parent", "level", "code"),
    [
        ("医疗教助", None, None, "21013"),  # OCR typo
        ("医疗科助", "210", 2, "21013"),
        ("又生健康支出", None, 1, "210"),
        ("城乡医疗救助(项)", None, None, "2101301"),
        ("卫生健康（类）", None, None, "210"),
        ("八、社会保障和就业支出", None, 1, "208"),
        ("十二、城乡社区事务", None, 1, "212"),  # budget-template short name
        ("十、卫生健康", None, 1, "210"),
        ("机关事业单位基本养老保险缴 费支出", None, None, "2080505"),
        ("行政运行", "21015", None, "2101501"),
        ("行政运行", "21011", None, "2101501"),  # not under 21011: falls back, and 行政运行 is ambiguous…
        ("其他社会保障和就业支出", None, None, "20899"),
        ("其他社会保障和就业支出", "20899", None, "2089999"),
    ],
)
def test_lookup_function_name(name, parent, level, code):
    if parent == "21011":
        assert lookup_function_name(name, parent=parent) is None  # … so no code is guessed
    else:
        assert lookup_function_name(name, parent=parent, level=level) == code


def test_lookup_rejects_unknown():
    assert lookup_function_name("三十一、人行科目", level=1) is None
    assert lookup_function_name("行政运行") is None  # exists under many 款
    assert lookup_function_name("") is None
    assert lookup_function_name("医疗救助", parent="208", strict_parent=True) is None


def test_normalize_name():
    assert normalize_name("二十六、抗疫特别国债安排的支出") == "抗疫特别国债安排的支出"
    assert normalize_name("1. 社会保障和就业支出(类)") == "社会保障和就业支出"
    assert normalize_name("其中：财政拨款") == "财政拨款"


def test_economic_list_loads():
    # written by another helper; the loader tolerates its absence
    name = economic_code_name("30101")
    if name is not None:
        assert name == "基本工资"
        assert lookup_economic_name("基本工资") == "30101"
