"""Golden values of the 06-type (基本支出 by economic code) and 三公 statements of two real budget PDFs,
typed from the printed pages and compared with the published rows of build_disclosure.

- putuo-shangwuwei-2025-budget.pdf: p19–p20 部门一般公共预算基本支出部门预算经济分类预算表, printed in 元
  (类 | 款 | name | 合计 | 人员经费 | 公用经费) → published in 万元 exactly; p21 “三公”经费和机关运行经费预算表 in 万元.
- js-jianchayuan-2019-budget.pdf: p18–p19 公开08表 一般公共预算基本支出预算表(经济科目) in 万元 (code | name |
  金额, 合计 first, a page number between the pages); p20 公开09表 “三公”经费、会议费、培训费支出预算表.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from generator.model import Disclosure
from generator.normalize.numbers import nfkc
from generator.pipeline import build_disclosure, infer_meta
from generator.read import read_document
from tests.pdf_golden_support import REAL, D, needs_real

pytestmark = [pytest.mark.realpdf, needs_real]

SW = "putuo-shangwuwei-2025-budget.pdf"
JS = "js-jianchayuan-2019-budget.pdf"
YUAN = D(10000)
P, G = "personnel", "public"


@cache
def disclosure(name: str) -> Disclosure:
    path = REAL / name
    return build_disclosure(infer_meta(read_document(path), path), path)


def published_economic(name: str) -> dict[str, tuple[str, Decimal | None]]:
    out: dict[str, tuple[str, Decimal | None]] = {}
    for r in disclosure(name).basic_expenditure_economic:
        assert r.code not in out, f"duplicate economic row {r.code}"
        out[r.code] = (r.category, r.amount)
    return out


def published_names(name: str) -> dict[str, str]:
    return {r.code: nfkc(r.name) for r in disclosure(name).basic_expenditure_economic}


def published_three_public(name: str) -> dict[tuple[str, str], Decimal | None]:
    out: dict[tuple[str, str], Decimal | None] = {}
    for r in disclosure(name).three_public:
        key = (r.phase, r.item_key)
        assert key not in out, f"duplicate 三公 row {key}"
        out[key] = r.amount
    return out


# ---------------------------------------------------------------- putuo 商务委 2025 预算, p19–p20 (元)

# code: (name, 合计 in 元, the column it is printed in: 人员经费 or 公用经费)
SW_06 = {
    "301": ("工资福利支出", "16,671,057.00", P),
    "30101": ("基本工资", "1,952,616.00", P),
    "30102": ("津贴补贴", "7,533,376.00", P),
    "30107": ("绩效工资", "1,852,114.00", P),
    "30108": ("机关事业单位基本养老保险缴费", "1,410,886.00", P),
    "30109": ("职业年金缴费", "705,443.00", P),
    "30110": ("职工基本医疗保险缴费", "881,803.00", P),
    "30112": ("其他社会保障缴费", "36,918.00", P),
    "30113": ("住房公积金", "1,361,034.00", P),
    "30199": ("其他工资福利支出", "936,867.00", P),
    "302": ("商品和服务支出", "1,632,062.00", G),
    "30201": ("办公费", "273,900.00", G),
    "30202": ("印刷费", "5,000.00", G),
    "30204": ("手续费", "1,500.00", G),
    "30207": ("邮电费", "15,000.00", G),
    # p20
    "30211": ("差旅费", "80,000.00", G),
    "30213": ("维修（护）费", "10,000.00", G),
    "30216": ("培训费", "5,000.00", G),
    "30217": ("公务接待费", "10,000.00", G),
    "30226": ("劳务费", "25,000.00", G),
    "30227": ("委托业务费", "180,000.00", G),
    "30228": ("工会经费", "194,962.00", G),
    "30229": ("福利费", "423,360.00", G),
    "30239": ("其他交通费用", "284,480.00", G),
    "30299": ("其他商品和服务支出", "123,860.00", G),
    "303": ("对个人和家庭的补助", "1,449,536.00", P),
    "30301": ("离休费", "251,936.00", P),
    "30302": ("退休费", "1,197,600.00", P),
    "310": ("资本性支出", "78,000.00", G),
    "31002": ("办公设备购置", "78,000.00", G),
}
# p20 合计 line: 合计 | 人员经费 | 公用经费
SW_TOTALS = {"total": "19,830,655.00", "total_personnel": "18,120,593.00", "total_public": "1,710,062.00"}


def yuan(text: str) -> Decimal:
    return D(text.replace(",", "")) / YUAN


def test_putuo_shangwuwei_06_every_row():
    expected = {code: (cat, yuan(amount)) for code, (_, amount, cat) in SW_06.items()}
    expected["total"] = ("", yuan(SW_TOTALS["total"]))
    expected["total_personnel"] = (P, yuan(SW_TOTALS["total_personnel"]))
    expected["total_public"] = (G, yuan(SW_TOTALS["total_public"]))
    assert published_economic(SW) == expected


def test_putuo_shangwuwei_06_exact_wan_conversion():
    got = published_economic(SW)
    assert got["30101"][1] == D("195.2616")
    assert got["30229"][1] == D("42.336")
    assert got["total"][1] == D("1983.0655")


def test_putuo_shangwuwei_06_names():
    names = published_names(SW)
    assert {code: names.get(code) for code in SW_06} == {code: nfkc(n) for code, (n, _, _) in SW_06.items()}


def test_putuo_shangwuwei_06_typed_values_add_up():
    # guards the typing: 款 lines sum to their 类, 类 lines to 合计, and each column total to its 类 lines
    rows = {code: yuan(a) for code, (_, a, _) in SW_06.items()}
    classes = [c for c in rows if len(c) == 3]
    for cls in classes:
        assert sum(v for c, v in rows.items() if len(c) == 5 and c.startswith(cls)) == rows[cls], cls
    assert sum(rows[c] for c in classes) == yuan(SW_TOTALS["total"])
    for cat, key in ((P, "total_personnel"), (G, "total_public")):
        assert sum(rows[c] for c in classes if SW_06[c][2] == cat) == yuan(SW_TOTALS[key])


def test_putuo_shangwuwei_three_public_p21():
    # 合计 1.00 | 因公出国(境)费 blank | 公务接待费 1.00 | 公务用车 小计 / 购置费 / 运行费 blank
    # (the 机关运行经费预算数 171.01 column is not a 三公 item)
    assert published_three_public(SW) == {
        ("budget", "total"): D("1.00"),
        ("budget", "overseas"): D("0"),
        ("budget", "reception"): D("1.00"),
        ("budget", "vehicle"): D("0"),
        ("budget", "vehicle_purchase"): D("0"),
        ("budget", "vehicle_operation"): D("0"),
    }


# ---------------------------------------------------------------- 江苏省人民检察院 2019 预算, p18–p20 (万元)

# code: (name, 金额); the 08表 has no 人员经费/公用经费 columns, the category follows the class
JS_08 = {
    "301": ("工资福利支出", "11,960.62"),
    "30101": ("基本工资", "2,171.78"),
    "30102": ("津贴补贴", "6,372.51"),
    # p19
    "30103": ("奖金", "180.14"),
    "30108": ("机关事业单位基本养老保险缴费", "1,064.46"),
    "30109": ("职业年金缴费", "425.79"),
    "30112": ("其他社会保障缴费", "89.55"),
    "30113": ("住房公积金", "1,442.74"),
    "30114": ("医疗费", "55.68"),
    "30199": ("其他工资福利支出", "157.97"),
    "302": ("商品和服务支出", "2,391.92"),
    "30201": ("办公费", "158.00"),
    "30205": ("水费", "16.79"),
    "30206": ("电费", "354.00"),
    "30207": ("邮电费", "42.00"),
    "30211": ("差旅费", "37.00"),
    "30213": ("维修（护）费", "55.00"),
    "30215": ("会议费", "158.44"),
    "30216": ("培训费", "70.00"),
    "30217": ("公务接待费", "33.26"),
    "30218": ("专用材料费", "10.00"),
    "30228": ("工会经费", "130.05"),
    "30229": ("福利费", "13.00"),
    "30231": ("公务用车运行维护费", "237.00"),
    "30239": ("其他交通费用", "473.82"),
    "30299": ("其他商品和服务支出", "603.56"),
    "303": ("对个人和家庭的补助", "1,491.50"),
    "30301": ("离休费", "426.00"),
    "30302": ("退休费", "1,064.45"),
    "30309": ("奖励金", "1.05"),
}
JS_TOTAL = "15,844.04"  # p18 合计, printed first
CATEGORY = {"301": P, "302": G, "303": P}


def wan(text: str) -> Decimal:
    return D(text.replace(",", ""))


def test_jianchayuan_08_every_row():
    expected = {code: (CATEGORY[code[:3]], wan(amount)) for code, (_, amount) in JS_08.items()}
    expected["total"] = ("", wan(JS_TOTAL))
    assert published_economic(JS) == expected


def test_jianchayuan_08_names():
    names = published_names(JS)
    assert {code: names.get(code) for code in JS_08} == {code: nfkc(n) for code, (n, _) in JS_08.items()}


def test_jianchayuan_08_typed_values_add_up():
    rows = {code: wan(a) for code, (_, a) in JS_08.items()}
    classes = [c for c in rows if len(c) == 3]
    for cls in classes:
        assert sum(v for c, v in rows.items() if len(c) == 5 and c.startswith(cls)) == rows[cls], cls
    assert sum(rows[c] for c in classes) == wan(JS_TOTAL)


# p20, one line: 合计 | 三公 小计 | 因公出国(境)费 | 公务用车 小计 | 购置费 (blank) | 运行维护费 | 公务接待费
# | 会议费 | 培训费
JS_09 = {
    "grand_total": "1276.7",
    "total": "418.26",
    "overseas": "80",
    "vehicle": "237",
    "vehicle_purchase": "0",
    "vehicle_operation": "237",
    "reception": "101.26",
    "meeting": "158.44",
    "training": "700",
}


def test_jianchayuan_three_public_meeting_training_p20():
    assert published_three_public(JS) == {("budget", k): D(v) for k, v in JS_09.items()}


def test_jianchayuan_three_public_typed_values_add_up():
    v = {k: D(x) for k, x in JS_09.items()}
    assert v["vehicle_purchase"] + v["vehicle_operation"] == v["vehicle"]
    assert v["overseas"] + v["vehicle"] + v["reception"] == v["total"]
    assert v["total"] + v["meeting"] + v["training"] == v["grand_total"]


def test_putuo_shangwuwei_operating_cost_column_p21():
    # p21 prints 机关运行经费预算数 171.01 beside the 三公 figures: published as a fact, not a 三公 item
    facts = {f.topic_key: f for f in disclosure(SW).facts}
    cost = facts["operating_cost@three_public_table"]
    assert (cost.value, cost.unit, cost.label) == (D("171.01"), "万元", "机关运行经费预算数")
    assert cost.source_ref.endswith(":p21")
