"""Versioned national code lists (generator/reference/*_codes.csv) and codes the lists lack.

Names and years are those of 财政部《政府收支分类科目》; the pairs marked "printed" are typed from
the real PDFs (../shared/real-pdfs)."""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.catalog import SOURCES_DIR
from generator.check.codes import code_checks
from generator.model import Disclosure, DisclosureMeta, EconomicRow, IncomeRow, Status
from generator.normalize.codes import (
    LIST_FILES,
    codes_for,
    economic_code_name,
    function_code_name,
    lookup_function_name,
    versions,
)
from tests.test_cli import run

YEARS = range(2007, 2027)


@pytest.mark.parametrize("list_name", sorted(LIST_FILES))
def test_each_year_is_a_tree_without_overlapping_versions(list_name: str) -> None:
    spans: dict[str, list[tuple[int, int]]] = {}
    for c in versions(list_name):
        assert c.source, c
        assert c.valid_to is None or c.valid_from <= c.valid_to, c
        spans.setdefault(c.code, []).append((c.valid_from, c.valid_to or 9999))
    for code, s in spans.items():
        s.sort()
        assert all(a[1] < b[0] for a, b in zip(s, s[1:], strict=False)), (code, s)
    for year in YEARS:
        codes = codes_for(list_name, year)
        for code, entry in codes.items():
            assert not entry.parent or entry.parent in codes, (year, code)


def test_the_sources_say_where_the_entries_come_from() -> None:
    ref = Path(__file__).resolve().parents[1] / "generator" / "reference"
    for name in LIST_FILES.values():
        head = (ref / name).read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("# ") and "classification" in head, name


@pytest.mark.parametrize(
    ("code", "year", "name"),
    [
        ("210", 2017, "医疗卫生与计划生育支出"), ("210", 2018, "卫生健康支出"),
        ("220", 2017, "国土海洋气象等支出"), ("220", 2024, "自然资源海洋气象等支出"),
        ("20139", 2024, "社会工作事务"), ("20139", 2023, None),
        ("2040404", 2017, "查办和预防职务犯罪"), ("2040404", 2019, None),  # printed, js-jianchayuan 2017
        ("2040405", 2018, "公诉、审判、侦查、执行等检察监督支出"),  # printed, js-jianchayuan 2018
        ("2040410", 2019, "检察监督"), ("2040410", 2017, None),  # printed, js-jianchayuan 2019
        ("20805", 2019, "行政事业单位离退休"), ("20805", 2024, "行政事业单位养老支出"),
        ("2010108", 2017, "代表工作"),  # printed, js-renda 2017-2019
    ],
)
def test_functional_names_by_year(code: str, year: int, name: str | None) -> None:
    entry = codes_for("function_codes", year).get(code)
    assert (entry.name if entry else None) == name


@pytest.mark.parametrize(
    ("code", "year", "name"),
    [
        # the 2018 reform of the economic classification (printed: js-jianchayuan/js-renda 2017 vs 2018)
        ("30104", 2017, "其他社会保障缴费"), ("30104", 2018, None),
        ("30311", 2017, "住房公积金"), ("30311", 2018, "代缴社会保险费"),
        ("30312", 2017, "提租补贴"), ("30312", 2018, None),
        ("30307", 2017, "医疗费"), ("30307", 2018, "医疗费补助"),
        ("30113", 2017, None), ("30113", 2018, "住房公积金"),
        ("310", 2017, "其他资本性支出"), ("310", 2018, "资本性支出"),
    ],
)
def test_economic_names_by_year(code: str, year: int, name: str | None) -> None:
    entry = codes_for("economic_codes", year).get(code)
    assert (entry.name if entry else None) == name


def test_gov_economic_codes_start_in_2018() -> None:
    assert codes_for("gov_economic_codes", 2017) == {}
    assert codes_for("gov_economic_codes", 2024)["50103"].name == "住房公积金"


def test_without_a_year_the_current_name_or_the_last_one() -> None:
    assert function_code_name("210") == "卫生健康支出"
    assert function_code_name("210", 2016) == "医疗卫生与计划生育支出"
    assert function_code_name("2040404") == "查办和预防职务犯罪"  # abolished: its last name
    assert economic_code_name("30104") == "其他社会保障缴费"


def test_former_names_find_their_code() -> None:
    assert lookup_function_name("医疗卫生与计划生育支出", level=1) == "210"
    assert lookup_function_name("国土海洋气象等支出", level=1) == "220"
    assert lookup_function_name("卫生健康支出", level=1, year=2017) == "210"


def _meta(year: int) -> DisclosureMeta:
    return DisclosureMeta(f"test-{year}-final", "test", "测试局", year, "final", "测试", "t.md", "markdown", "00")


def _income(code: str, name: str) -> IncomeRow:
    one = Decimal("1")
    return IncomeRow(code, {3: 1, 5: 2, 7: 3}.get(len(code), 0), name, one, one, None, None, None, None, None, None, "T02:L7")


def test_unknown_codes_and_names_that_disagree_are_warned() -> None:
    d = Disclosure(
        _meta(2024),
        income_by_function=[
            _income("total", "合计"),
            _income("20139", "社会工作事务"),  # in the 2024 list: nothing to say
            _income("2109988", "某项"),  # in no list
            _income("21013", "医疗教助"),  # OCR typo of 医疗救助
            _income("210", "医疗卫生与计划生育支出"),  # the name of 2014-2017
        ],
        basic_expenditure_economic=[
            EconomicRow("30104", 2, "其他社会保障缴费", "personnel", Decimal("1"), "T06:L9"),  # abolished in 2018
            EconomicRow("30101", 2, "基本工资", "personnel", Decimal("1"), "T06:L8", "50101", "工资奖金津补贴"),
        ],
    )
    found = {c.check_id: c for c in code_checks(d)}
    assert set(found) == {"C.code.unknown.2109988", "C.code.name.21013", "C.code.name.210", "C.code.unknown.30104"}
    assert all(c.status is Status.WARN for c in found.values())
    assert found["C.code.unknown.2109988"].source_ref == "T02:L7"
    assert "医疗救助" in found["C.code.name.21013"].description
    assert "2014–2017" in found["C.code.name.210"].description
    assert "其他年度" in found["C.code.unknown.30104"].description


def test_a_2017_disclosure_is_read_against_the_2017_list() -> None:
    d = Disclosure(_meta(2017), basic_expenditure_economic=[
        EconomicRow("30104", 2, "其他社会保障缴费", "personnel", Decimal("1"), "T06:L9"),
        EconomicRow("30311", 2, "住房公积金", "personnel", Decimal("1"), "T06:L10"),
    ])
    assert code_checks(d) == []


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_a_made_up_code_in_a_source_gives_a_warning_and_a_valid_package(tmp_path: Path) -> None:
    text = (SOURCES_DIR / "jiangan-2024-final.md").read_text(encoding="utf-8")
    # 2101502 一般行政管理事务 (tables 03 and 05) becomes a code no list has; the figures stay
    edited = text.replace("2101502\t一般行政管理事务", "2101597\t试点测试事务")
    assert edited.count("2101597") >= 2
    src = tmp_path / "jiangan-2024-final.md"
    src.write_text(edited, encoding="utf-8")
    out = tmp_path / "pkg"
    proc = run("extract", str(src), "--out", str(out), "--id", "jiangan")
    assert proc.returncode == 0, proc.stderr
    checks = {c["check_id"]: c for c in _csv(out / "checks.csv")}
    assert checks["C.code.unknown.2101597"]["status"] == "warn"
    codes = {c["code"]: c for c in _csv(out / "function_codes.csv")}
    assert (codes["2101597"]["name"], codes["2101597"]["origin"]) == ("试点测试事务", "document")
    assert codes["2101501"]["origin"] == "reference"
    desc = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fks = [fk for r in desc["resources"] for fk in r["schema"].get("foreignKeys", [])]
    assert any(fk["reference"]["resource"] == "function_codes" for fk in fks)
    shutil.rmtree(out)


def test_a_made_up_economic_code_is_read_and_kept(tmp_path: Path) -> None:
    text = (SOURCES_DIR / "huaxian-2024-budget.txt").read_text(encoding="utf-8")
    # L457 of the 06表 "30239 其他交通费用 50201 办公经费 6.71 6.71": a 款 of 302 that no list has
    edited = text.replace("30239 其他交通费用 50201", "30298 试点测试费用 50201")
    assert edited != text
    src = tmp_path / "huaxian-2024-budget.txt"
    src.write_text(edited, encoding="utf-8")
    out = tmp_path / "pkg"
    proc = run("extract", str(src), "--out", str(out), "--id", "huaxian")
    assert proc.returncode == 0, proc.stderr
    rows = {r["code"]: r for r in _csv(out / "basic_expenditure_economic.csv")}
    assert (rows["30298"]["name"], rows["30298"]["category"], rows["30298"]["amount"]) == ("试点测试费用", "public", "6.71")
    codes = {c["code"]: c for c in _csv(out / "economic_codes.csv")}
    assert (codes["30298"]["origin"], codes["30298"]["parent"], codes["30298"]["category"]) == ("document", "302", "public")
    checks = {c["check_id"]: c for c in _csv(out / "checks.csv")}
    assert checks["C.code.unknown.30298"]["status"] == "warn"
    assert not [c for c in checks.values() if c["status"] == "fail"]
