"""Golden values of the Jiangsu 预算 PDFs of 2017–2019 (江苏省人民检察院, 江苏省人大常委会办公厅), typed
from the printed pages, read through the pipeline up to the rows (no package validation).

Whole statements, every row (code, name as printed, amount): 一般公共预算支出预算表（功能科目）,
一般公共预算基本支出预算表（经济科目） (2018 and later: the 2017 tables use pre-2018 economic codes, see
tests/test_codes.py), 一般公共预算机关运行经费支出预算表; and the 三公 table with 会议费 / 培训费.
js-jianchayuan-2019 is in tests/test_pdf_golden_js_jianchayuan_budget.py.
Each statement's rows were summed by hand against its 合计 (款 = sum of 项, 类 = sum of 款).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from generator.model import Disclosure
from generator.normalize.numbers import nfkc
from generator.pipeline import build_from_document, infer_meta, read_all
from tests.pdf_golden_support import REAL, D, needs_real

pytestmark = [needs_real, pytest.mark.realpdf]

JC17 = ("js-jianchayuan-2017-budget.pdf",)
JC18 = ("js-jianchayuan-2018-budget.pdf",)
RD17 = ("js-renda-2017-budget.pdf",)
RD18 = ("js-renda-2018-budget.pdf",)
RD19 = ("js-renda-2019-budget.pdf", "js-renda-2019-budget-tables.pdf")


@cache
def disclosure(names: tuple[str, ...]) -> Disclosure:
    paths = [REAL / n for n in names]
    doc = read_all(paths)
    return build_from_document(infer_meta(doc, paths[0]), doc)


def table(text: str) -> dict[str, tuple[str, Decimal]]:
    """One printed line per row, 'code name amount'; the 合计 line as 'total 合计 amount'."""
    out = {}
    for line in text.strip().splitlines():
        code, name, amount = line.split()
        out[code] = (nfkc(name), D(amount.replace(",", "")))
    return out


def published(rows, amount: str) -> dict[str, tuple[str, Decimal]]:
    out: dict[str, tuple[str, Decimal]] = {}
    for r in rows:
        assert r.code not in out, f"duplicate row {r.code}"
        out[r.code] = ("".join(nfkc(r.name).split()), getattr(r, amount))
    return out


# ---------------------------------------------------------------- 一般公共预算支出预算表（功能科目）

GENERAL_BUDGET = {
    JC17: """
        total 合计 17,981.68
        204 公共安全支出 13,641.34
        20404 检察 13,641.34
        2040401 行政运行 7,968.14
        2040402 一般行政管理事务 3,644.20
        2040404 查办和预防职务犯罪 480.00
        2040405 公诉和审判监督 150.00
        2040406 侦查监督 100.00
        2040499 其他检察支出 1,299.00
        208 社会保障和就业支出 2,021.18
        20805 行政事业单位离退休 2,021.18
        2080504 未归口管理的行政单位离退休 2,021.18
        221 住房保障支出 2,319.16
        22102 住房改革支出 2,319.16
        2210201 住房公积金 784.22
        2210202 提租补贴 1,534.94
    """,  # p14 八、
    JC18: """
        total 合计 21,940.96
        204 公共安全支出 16,444.36
        20404 检察 16,444.36
        2040401 行政运行 10,883.36
        2040402 一般行政管理事务 3,666.00
        2040405 公诉、审判、侦查、执行等检察监督支出 1895.00
        208 社会保障和就业支出 1,836.22
        20805 行政事业单位离退休 1,836.22
        2080504 未归口管理的行政单位离退休 371.92
        2080505 机关事业单位基本养老保险缴费支出 1,045.93
        2080506 机关事业单位职业年金缴费支出 418.37
        221 住房保障支出 3,660.38
        22102 住房改革支出 3,660.38
        2210201 住房公积金 1,073.77
        2210202 提租补贴 2,586.61
    """,  # 公开07表 pp17–18
    RD17: """
        total 合计 13,649.07
        201 一般公共服务支出 10,528.33
        20101 人大事务 10,528.33
        2010101 行政运行 4,545.94
        2010102 一般行政管理事务 2,468.78
        2010104 人大会议 1,305.25
        2010105 人大立法 810.00
        2010106 人大监督 418.75
        2010107 人大代表履职能力提升 403.75
        2010108 代表工作 428.36
        2010109 人大信访工作 47.50
        2010199 其他人大事务支出 100.00
        208 社会保障和就业支出 1,608.51
        20805 行政事业单位离退休 1,608.51
        2080504 未归口管理的行政单位离退休 1,608.51
        221 住房保障支出 1,512.23
        22102 住房改革支出 1,512.23
        2210201 住房公积金 494.22
        2210202 提租补贴 1,018.01
    """,  # pp16–17 (合计's amount on the line below)
    RD18: """
        total 合计 15,897.44
        201 一般公共服务支出 12,706.28
        20101 人大事务 12,706.28
        2010101 行政运行 6,372.32
        2010102 一般行政管理事务 2,340.35
        2010104 人大会议 1,305.25
        2010105 人大立法 810.00
        2010106 人大监督 418.75
        2010107 人大代表履职能力提升 403.75
        2010108 代表工作 428.36
        2010109 人大信访工作 47.50
        2010199 其他人大事务支出 580.00
        208 社会保障和就业支出 1,068.78
        20805 行政事业单位离退休 1,068.78
        2080504 未归口管理的行政单位离退休 256.76
        2080505 机关事业单位基本养老保险缴费支出 580.01
        2080506 机关事业单位职业年金缴费支出 232.01
        221 住房保障支出 2,122.38
        22102 住房改革支出 2,122.38
        2210201 住房公积金 572.56
        2210202 提租补贴 1,549.82
    """,  # 公开07表 p13 (2080505's name wrapped over two lines)
    RD19: """
        total 合计 18,330.37
        201 一般公共服务支出 13,907.78
        20101 人大事务 13,907.78
        2010101 行政运行 7,448.20
        2010102 一般行政管理事务 2,464.02
        2010104 人大会议 1,469.73
        2010105 人大立法 729.00
        2010106 人大监督 376.88
        2010107 人大代表履职能力提升 363.38
        2010108 代表工作 385.52
        2010109 人大信访工作 42.75
        2010199 其他人大事务支出 628.30
        208 社会保障和就业支出 1,121.39
        20805 行政事业单位离退休 1,121.39
        2080504 未归口管理的行政单位离退休 271.45
        2080505 机关事业单位基本养老保险缴费支出 607.10
        2080506 机关事业单位职业年金缴费支出 242.84
        221 住房保障支出 3,301.20
        22102 住房改革支出 3,301.20
        2210201 住房公积金 752.90
        2210202 提租补贴 2,548.30
    """,  # tables file, 公开表七 p7
}

# ---------------------------------------------------------------- 一般公共预算基本支出预算表（经济科目）

BASIC_ECONOMIC = {
    JC18: """
        total 合计 13,979.92
        301 工资福利支出 10,204.52
        30101 基本工资 2,117.68
        30102 津贴补贴 5,081.98
        30103 奖金 175.44
        30108 机关事业单位基本养老保险缴费 1,045.93
        30109 职业年金缴费 418.37
        30112 其他社会保障缴费 78.09
        30113 住房公积金 1,073.77
        30114 医疗费 49.68
        30199 其他工资福利支出 163.58
        302 商品和服务支出 2,722.57
        30201 办公费 130.00
        30205 水费 18.92
        30206 电费 262.00
        30207 邮电费 60.00
        30213 维修（护）费 65.00
        30215 会议费 200.44
        30217 公务接待费 36.50
        30218 专用材料费 30.00
        30228 工会经费 128.00
        30229 福利费 16.00
        30231 公务用车运行维护费 267.80
        30239 其他交通费用 468.37
        30299 其他商品和服务支出 994.54
        30211 差旅费 45.00
        303 对个人和家庭的补助 1,052.83
        30301 离休费 428.51
        30302 退休费 623.28
        30309 奖励金 1.04
    """,  # 公开08表 pp18–19
    RD18: """
        total 合计 7,877.76
        301 工资福利支出 5,469.17
        30101 基本工资 1,186.73
        30102 津贴补贴 2,752.80
        30103 奖金 98.89
        30108 机关事业单位基本养老保险缴费 580.01
        30109 职业年金缴费 232.01
        30112 其他社会保障缴费 14.49
        30113 住房公积金 572.56
        30114 医疗费 31.68
        302 商品和服务支出 1,579.38
        30201 办公费 370.00
        30205 水费 50.00
        30206 电费 350.00
        30207 邮电费 45.00
        30211 差旅费 230.00
        30228 工会经费 33.70
        30229 福利费 50.00
        30231 公务用车运行维护费 183.60
        30239 其他交通费用 267.08
        303 对个人和家庭的补助 829.21
        30301 离休费 285.19
        30302 退休费 543.23
        30309 奖励金 0.79
    """,  # 公开08表 p14
    RD19: """
        total 合计 9,312.90
        301 工资福利支出 6,481.41
        30101 基本工资 1,258.23
        30102 津贴补贴 3,468.54
        30103 奖金 104.85
        30108 机关事业单位基本养老保险缴费 607.10
        30109 职业年金缴费 242.84
        30112 其他社会保障缴费 14.79
        30113 住房公积金 752.90
        30114 医疗费 32.16
        302 商品和服务支出 1,642.08
        30201 办公费 570.00
        30205 水费 50.00
        30206 电费 100.00
        30207 邮电费 80.00
        30211 差旅费 235.00
        30228 工会经费 82.00
        30229 福利费 50.00
        30231 公务用车运行维护费 183.60
        30239 其他交通费用 268.58
        30299 其他商品和服务支出 22.90
        303 对个人和家庭的补助 1,189.41
        30301 离休费 302.49
        30302 退休费 886.13
        30309 奖励金 0.79
    """,  # tables file, 公开表八 p8
}

# ---------------------------------------------------------------- 一般公共预算机关运行经费支出预算表

OPERATING_COST = {
    JC17: """
        total 合计 6,032.55
        302 商品和服务支出 5,890.55
        30201 办公费 138.00
        30205 水费 15.70
        30206 电费 243.00
        30207 邮电费 59.00
        30209 物业管理费 390.00
        30211 差旅费 1,070.00
        30213 维修（护）费 724.00
        30215 会议费 168.00
        30218 专用材料费 65.00
        30229 福利费 21.00
        30231 公务用车运行维护费 267.80
        30299 其他商品和服务支出 2,729.05
        310 其他资本性支出 142.00
        31002 办公设备购置 142.00
    """,  # 十、pp15–16
    JC18: """
        total 合计 2,722.57
        302 商品和服务支出 2,722.57
        30201 办公费 130.00
        30205 水费 18.92
        30206 电费 262.00
        30207 邮电费 60.00
        30213 维修（护）费 65.00
        30215 会议费 200.44
        30217 公务接待费 36.50
        30218 专用材料费 30.00
        30228 工会经费 128.00
        30229 福利费 16.00
        30231 公务用车运行维护费 267.80
        30239 其他交通费用 468.37
        30299 其他商品和服务支出 994.54
        30211 差旅费 45.00
    """,  # 公开11表 p20
    RD17: """
        total 合计 5,619.31
        302 商品和服务支出 5,560.31
        30201 办公费 770.50
        30202 印刷费 244.00
        30205 水费 50.00
        30206 电费 350.00
        30207 邮电费 90.00
        30208 取暖费 80.00
        30209 物业管理费 456.00
        30211 差旅费 1,293.36
        30215 会议费 1,305.25
        30229 福利费 50.00
        30231 公务用车运行维护费 183.60
        30299 其他商品和服务支出 687.60
        310 其他资本性支出 59.00
        31002 办公设备购置 59.00
    """,  # pp18–19: the title at the foot of p18, the rows on p19
    RD18: """
        total 合计 1579.38
        302 商品和服务支出 1579.38
        30201 办公费 370.00
        30205 水费 50.00
        30206 电费 350.00
        30207 邮电费 45.00
        30211 差旅费 230.00
        30228 工会经费 33.70
        30229 福利费 50.00
        30231 公务用车运行维护费 183.60
        30239 其他交通费用 267.08
    """,  # 公开11表 p16, a landscape page with the 款 amounts in the name column's right half
    RD19: """
        total 合计 1,642.08
        302 商品和服务支出 1,642.08
        30201 办公费 570.00
        30205 水费 50.00
        30206 电费 100.00
        30207 邮电费 80.00
        30211 差旅费 235.00
        30228 工会经费 82.00
        30229 福利费 50.00
        30231 公务用车运行维护费 183.60
        30239 其他交通费用 268.58
        30299 其他商品和服务支出 22.90
    """,  # tables file, 公开表十一 p11
}

# ---------------------------------------------------------------- 三公, 会议费, 培训费
# 合计 | 三公 小计 | 因公出国（境）费 | 车 小计 | 购置费 | 运行维护费 | 公务接待费 | 会议费 | 培训费 (blank = 0)
THREE_PUBLIC_KEYS = ("grand_total", "total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation",
                     "reception", "meeting", "training")
THREE_PUBLIC = {
    JC17: ("T09:p16", "1,452.35 584.35 110.00 317.80 50.00 267.80 156.55 168.00 700.00"),  # 十一、
    JC18: ("T09:p19", "1,384.74 484.30 100.00 267.80 0 267.80 116.50 200.44 700.00"),  # 公开09表
    RD17: ("T09:p20", "2,542.60 833.60 222.50 183.60 0 183.60 427.50 1,305.25 403.75"),  # 购置费 "0" below
    RD18: ("T09:p15", "2542.60 833.60 222.50 183.60 0 183.60 427.50 1305.25 403.75"),  # 公开09表
    RD19: ("T09:f2:p9", "2,600.71 767.60 199.25 183.60 0 183.60 384.75 1,469.73 363.38"),  # 公开表九
}


def _ids(cases: dict) -> list[str]:
    return [names[0].removesuffix("-budget.pdf") for names in cases]


@pytest.mark.parametrize("names", list(GENERAL_BUDGET), ids=_ids(GENERAL_BUDGET))
def test_general_budget_every_row(names: tuple[str, ...]) -> None:
    rows = disclosure(names).general_budget_expenditure
    assert published(rows, "total") == table(GENERAL_BUDGET[names])
    assert all(r.basic is None and r.project is None for r in rows)  # one 金额 column


@pytest.mark.parametrize("names", list(BASIC_ECONOMIC), ids=_ids(BASIC_ECONOMIC))
def test_basic_expenditure_economic_every_row(names: tuple[str, ...]) -> None:
    rows = disclosure(names).basic_expenditure_economic
    assert published(rows, "amount") == table(BASIC_ECONOMIC[names])
    categories = {r.code: r.category for r in rows}
    assert {categories[c] for c in categories if c.startswith(("301", "303"))} == {"personnel"}
    assert {categories[c] for c in categories if c.startswith("302")} == {"public"}


@pytest.mark.parametrize("names", list(OPERATING_COST), ids=_ids(OPERATING_COST))
def test_operating_cost_every_row(names: tuple[str, ...]) -> None:
    assert published(disclosure(names).operating_cost_economic, "amount") == table(OPERATING_COST[names])


@pytest.mark.parametrize("names", list(THREE_PUBLIC), ids=_ids(THREE_PUBLIC))
def test_three_public_meetings_and_training(names: tuple[str, ...]) -> None:
    ref, figures = THREE_PUBLIC[names]
    rows = disclosure(names).three_public
    assert {r.item_key: r.amount for r in rows if r.phase == "budget"} == dict(
        zip(THREE_PUBLIC_KEYS, (D(f.replace(",", "")) for f in figures.split()), strict=True))
    assert {r.source_ref for r in rows} == {ref}
