"""Every code the real PDFs print resolves: in the national list of the disclosure's year, or kept
as printed (origin document) with a warn check; the packages stay valid (../shared/real-pdfs)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from generator.model import Disclosure, Status
from generator.normalize.codes import codes_for
from generator.package import package_errors, schemas, write_disclosure_package
from generator.pipeline import build_from_document, infer_meta, read_all
from tests.pdf_golden_support import REAL, needs_real

pytestmark = [needs_real, pytest.mark.realpdf]

DISCLOSURES = [
    ("js-jianchayuan-2017-budget.pdf",), ("js-jianchayuan-2018-budget.pdf",), ("js-jianchayuan-2019-budget.pdf",),
    ("js-renda-2017-budget.pdf",), ("js-renda-2018-budget.pdf",),
    ("js-renda-2019-budget.pdf", "js-renda-2019-budget-tables.pdf"),
    ("putuo-caizhengju-2024-final.pdf",), ("putuo-caizhengju-2024-final-planted-errors.pdf",),
    ("putuo-shangwuwei-2025-budget.pdf",), ("putuo-shangwuwei-2025-unit-budget.pdf",),
    ("putuo-zhengfuban-2025-budget.pdf",), ("putuo-zhengfuban-2025-unit-budget.pdf",),
]


@cache
def disclosure(names: tuple[str, ...]) -> Disclosure:
    paths = [REAL / n for n in names]
    doc = read_all(paths)
    return build_from_document(infer_meta(doc, paths[0]), doc)


def _csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("names", DISCLOSURES, ids=lambda n: n[0])
def test_every_printed_code_resolves(names: tuple[str, ...], tmp_path: Path) -> None:
    d = disclosure(names)
    path = write_disclosure_package(d, tmp_path / "pkg")
    assert package_errors(path) == []
    checks = {c.check_id: c for c in d.checks}
    year = d.meta.year
    for resource in schemas.resource_names():
        for fk in schemas.declared_foreign_keys(resource):
            code_list = fk["reference"]["resource"]
            listed = {c["code"]: c for c in _csv(tmp_path / "pkg" / f"{code_list}.csv")}
            for row in _csv(tmp_path / "pkg" / f"{resource}.csv"):
                for col in fk["fields"]:
                    code = row[col]
                    if not code:
                        continue
                    entry = listed[code]  # the foreign key holds
                    if entry["origin"] == "document":
                        check = checks[f"C.code.unknown.{code}"]
                        assert check.status is Status.WARN and code not in codes_for(code_list, year)
                    elif entry["level"] != "0":
                        assert codes_for(code_list, year)[code].name == entry["name"]


# printed in the 2017 基本支出 tables (js-jianchayuan p13-15, js-renda p11/p18)
PRE_2018 = {
    "js-jianchayuan-2017-budget.pdf": [("30104", "其他社会保障缴费"), ("30311", "住房公积金"), ("30312", "提租补贴")],
    "js-renda-2017-budget.pdf": [("30311", "住房公积金"), ("30312", "提租补贴")],
}


@pytest.mark.parametrize("name", sorted(PRE_2018))
def test_a_2017_disclosure_uses_the_economic_codes_before_the_2018_reform(name: str, tmp_path: Path) -> None:
    d = disclosure((name,))
    assert d.meta.year == 2017
    write_disclosure_package(d, tmp_path / "pkg")
    codes = {c["code"]: c for c in _csv(tmp_path / "pkg" / "economic_codes.csv")}
    for code, printed in PRE_2018[name]:
        assert (codes[code]["name"], codes[code]["origin"], codes[code]["valid_to"]) == (printed, "reference", "2017")
    assert not [c for c in d.checks if c.check_id.startswith("C.code.unknown.")]


def test_a_2017_functional_code_abolished_later() -> None:
    # js-jianchayuan 2017 prints 2040404 查办和预防职务犯罪 and 2040405 公诉和审判监督 (2017 list)
    d = disclosure(("js-jianchayuan-2017-budget.pdf",))
    printed = {r.code: r.name for r in d.general_budget_expenditure}
    assert printed["2040404"] == "查办和预防职务犯罪" and printed["2040405"] == "公诉和审判监督"
    assert not [c for c in d.checks if c.check_id.startswith("C.code.")]
