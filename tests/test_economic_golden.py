"""Golden tests: every line of the 06 statements, values typed from the sources.

Expected tables are transcriptions of the printed rows: "L<line> code name amount | …"
("-" = blank printed cell = 0). In the side-by-side layouts the first panel is 人员经费
and the others 公用经费; single-panel rows end with P (人员经费) or G (公用经费).
"""

from decimal import Decimal
from pathlib import Path

import pytest

from generator.model import Kind, Statement
from generator.normalize.economic import parse_basic_economic
from generator.read import read_document
from generator.recognize import recognize

SOURCES = Path(__file__).resolve().parent.parent / "sources"


def statement(name: str, kind: Kind = Kind.BASIC_ECONOMIC) -> Statement:
    statements, _ = recognize(read_document(SOURCES / name))
    found = [st for st in statements if st.kind is kind]
    assert len(found) == 1, f"{name}: {len(found)} statements of kind {kind}"
    return found[0]


def expected_rows(table: str) -> list[tuple[str, int, str, str, Decimal, str]]:
    """(code, level, name, category, amount, source_ref) from a transcription."""
    rows = []
    for line in table.strip().splitlines():
        ref, rest = line.split(" ", 1)
        for panel, segment in enumerate(rest.split("|")):
            parts = segment.split()
            if parts[-1] in ("P", "G"):
                category = "personnel" if parts.pop() == "P" else "public"
            else:
                category = "personnel" if panel == 0 else "public"
            code, name, amount = parts[0], "".join(parts[1:-1]), parts[-1]
            value = Decimal("0") if amount == "-" else Decimal(amount)
            level = 1 if len(code) == 3 else 2  # 类 / 款
            rows.append((code, level, name, category, value, f"T06:{ref}"))
    return rows


def actual_rows(st: Statement) -> list[tuple[str, int, str, str, Decimal, str]]:
    return [
        (r.code, r.level, r.name, r.category, r.amount, r.source_ref)
        for r in parse_basic_economic(st)
        if r.level > 0
    ]


def totals(st: Statement) -> dict[str, tuple[Decimal, str, str, str]]:
    return {
        r.code: (r.amount, r.category, r.name, r.source_ref) for r in parse_basic_economic(st) if r.level == 0
    }


def by_code(rows):
    return {row[0]: row for row in rows}


JIANGAN_2024 = """
L249 301 工资福利支出 175.92 | 302 商品和服务支出 10.60 | 310 资本性支出 3.14
L250 30101 基本工资 29.78 | 30201 办公费 1.05 | 31002 办公设备购置 3.14
L251 30102 津贴补贴 33.69 | 30202 印刷费 0.02 | 31003 专用设备购置 -
L252 30103 奖金 64.83 | 30203 咨询费 - | 31007 信息网络及软件购置更新 -
L253 30106 伙食补助费 - | 30204 手续费 - | 31013 公务用车购置 -
L254 30107 绩效工资 - | 30205 水费 0.03 | 31022 无形资产购置 -
L255 30108 机关事业单位基本养老保险缴费 13.98 | 30206 电费 1.44 | 31099 其他资本性支出 -
L256 30109 职业年金缴费 - | 30207 邮电费 0.34
L257 30110 职工基本医疗保险缴费 6.32 | 30208 取暖费 -
L258 30111 公务员医疗补助缴费 7.46 | 30209 物业管理费 -
L259 30112 其他社会保障缴费 0.14 | 30211 差旅费 -
L260 30113 住房公积金 15.64 | 30212 因公出国(境)费用 -
L261 30114 医疗费 - | 30213 维修(护)费 -
L262 30199 其他工资福利支出 4.08 | 30214 租赁费 -
L263 303 对个人和家庭的补助 - | 30215 会议费 -
L264 30301 离休费 - | 30216 培训费 -
L265 30302 退休费 - | 30217 公务接待费 -
L266 30303 退职(役)费 - | 30218 专用材料费 -
L267 30304 抚恤金 - | 30224 被装购置费 -
L268 30305 生活补助 - | 30225 专用燃料费 -
L269 30306 救济费 - | 30226 劳务费 0.09
L270 30307 医疗费补助 - | 30227 委托业务费 -
L271 30308 助学金 - | 30228 工会经费 1.47
L272 30309 奖励金 - | 30229 福利费 0.51
L273 30310 个人农业生产补贴 - | 30231 公务用车运行维护费 -
L274 30311 代缴社会保险费 - | 30239 其他交通费用 5.65
L275 30399 其他对个人和家庭的补助 - | 30240 税金及附加费用 -
L276 30299 其他商品和服务支出 - G
"""

# plain text: a code's name may continue on following lines; ref = the code's line
JIANGAN_2023 = """
L506 301 工资福利支出 180.11 | 302 商品和服务支出 10.02 | 307 债务利息及费用支出 -
L508 30101 基本工资 29.04 | 30201 办公费 0.93 | 30701 国内债务付息 -
L510 30102 津贴补贴 36.17 | 30202 印刷费 - | 30702 国外债务付息 -
L512 30103 奖金 67.51 | 30203 咨询费 - | 310 资本性支出 -
L514 30106 伙食补助费 - | 30204 手续费 - | 31001 房屋建筑物购建 -
L516 30107 绩效工资 - | 30205 水费 - | 31002 办公设备购置 -
L518 30108 机关事业单位基本养老保险缴费 18.69
L522 30206 电费 0.38 G | 31003 专用设备购置 - G
L524 30109 职业年金缴费 - | 30207 邮电费 0.53 | 31005 基础设施建设 -
L526 30110 职工基本医疗保险缴费 4.84 | 30208 取暖费 - | 31006 大型修缮 -
L528 30111 公务员医疗补助缴费 8.12 | 30209 物业管理费 - | 31007 信息网络及软件购置更新 -
L533 30112 其他社会保障缴费 0.09 | 30211 差旅费 - | 31008 物资储备 -
L535 30113 住房公积金 15.65 | 30212 因公出国（境）费用 - | 31009 土地补偿 -
L537 30114 医疗费 - | 30213 维修（护）费 0.04 | 31010 安置补助 -
L539 30199 其他工资福利支出 - | 30214 租赁费 - | 31011 地上附着物和青苗补偿 -
L544 303 对个人和家庭的补助 0.91 | 30215 会议费 - | 31012 拆迁补偿 -
L546 30301 离休费 - | 30216 培训费 - | 31013 公务用车购置 -
L548 30302 退休费 - | 30217 公务接待费 - | 31019 其他交通工具购置 -
L550 30303 退职（役）费 - | 30218 专用材料费 - | 31021 文物和陈列品购置 -
L552 30304 抚恤金 - | 30224 被装购置费 - | 31022 无形资产购置 -
L554 30305 生活补助 - | 30225 专用燃料费 - | 31099 其他资本性支出 -
L556 30306 救济费 - | 30226 劳务费 - | 399 其他支出 -
L558 30307 医疗费补助 - | 30227 委托业务费 - | 39906 赠与 -
L560 30308 助学金 - | 30228 工会经费 1.50 | 39907 国家赔偿费用支出 -
L562 30309 奖励金 - | 30229 福利费 0.39 | 39908 对民间非营利组织和群众性自治组织补贴 -
L570 30310 个人农业生产补贴 - | 30231 公务用车运行维护费 - | 39999 其他支出 -
L572 30311 代缴社会保险费 - | 30239 其他交通费用 5.60
L574 30399 其他对个人和家庭的补助 0.91
L578 30240 税金及附加费用 - G
L580 30299 其他商品和服务支出 0.65 G
"""

# single panel, 款 only; its 政府预算经济分类 columns: tests/test_economic_gov_codes.py
HUAXIAN = """
L429 30102 津贴补贴 57.20 P
L431 30103 奖金 32.75 P
L433 30107 绩效工资 124.25 P
L435 30101 基本工资 344.72 P
L437 30211 差旅费 3.00 G
L439 30201 办公费 3.00 G
L441 30206 电费 7.00 G
L443 30205 水费 0.60 G
L445 30208 取暖费 2.43 G
L447 30202 印刷费 3.00 G
L449 30231 公务用车运行维护费 7.20 G
L455 30226 劳务费 6.60 G
L457 30239 其他交通费用 6.71 G
L459 30228 工会经费 9.78 G
L461 30209 物业管理费 2.50 G
L463 30217 公务接待费 2.00 G
L465 30207 邮电费 4.82 G
L467 30302 退休费 3.10 P
L469 30108 机关事业单位基本养老保险缴费 78.20 P
L479 30112 其他社会保障缴费 4.00 P
L485 30110 职工基本医疗保险缴费 35.68 P
L491 30113 住房公积金 58.65 P
"""

SHANHAIGUAN = """
L1191 301 工资福利支出 242.65 P
L1198 30101 基本工资 84.75 P
L1205 30102 津贴补贴 29.95 P
L1212 30103 奖金 5.42 P
L1219 30107 绩效工资 59.97 P
L1226 30108 机关事业单位基本养老保险缴费 26.15 P
L1233 30110 职工基本医疗保险缴费 11.17 P
L1240 30111 公务员医疗补助缴费 3.53 P
L1247 30112 其他社会保障缴费 1.62 P
L1254 30113 住房公积金 20.11 P
L1261 302 商品和服务支出 14.37 G
L1268 30201 办公费 3.73 G
L1275 30207 邮电费 0.37 G
L1282 30211 差旅费 0.25 G
L1289 30213 维修(护)费 0.45 G
L1296 30216 培训费 0.18 G
L1303 30217 公务接待费 0.07 G
L1310 30228 工会经费 3.08 G
L1317 30229 福利费 2.12 G
L1324 30239 其他交通费用 3.60 G
L1331 30299 其他商品和服务支出 0.52 G
L1338 303 对个人和家庭的补助 3.04 P
L1345 30302 退休费 2.54 P
L1352 30309 奖励金 0.07 P
L1359 30399 其他对个人和家庭的补助 0.43 P
"""

CASES = {
    "jiangan-2024-final.md": JIANGAN_2024,
    "jiangan-2023-final.txt": JIANGAN_2023,
    "huaxian-2024-budget.txt": HUAXIAN,
    "shanhaiguan-2024-budget.txt": SHANHAIGUAN,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_code_line(name):
    expected = expected_rows(CASES[name])
    actual = actual_rows(statement(name))
    assert len(actual) == len(expected)
    assert by_code(actual) == by_code(expected)


def test_side_by_side_order_is_panel_by_panel():
    codes = [row[0] for row in actual_rows(statement("jiangan-2023-final.txt"))]
    assert codes[:3] == ["301", "30101", "30102"]
    assert (
        codes.index("303") < codes.index("302") < codes.index("307") < codes.index("310") < codes.index("399")
    )
    assert codes[-1] == "39999"


def test_single_panel_keeps_printed_order():
    codes = [row[0] for row in actual_rows(statement("huaxian-2024-budget.txt"))]
    assert codes[:4] == ["30102", "30103", "30107", "30101"]


def test_totals_jiangan_2024_ocr_damaged_label():
    # L277: "人员经费合计 175. 92 | 公 | 用经费合证 | 13. 74"
    assert totals(statement("jiangan-2024-final.md")) == {
        "total_personnel": (Decimal("175.92"), "personnel", "人员经费合计", "T06:L277"),
        "total_public": (Decimal("13.74"), "public", "公用经费合计", "T06:L277"),
    }


def test_totals_jiangan_2023():
    assert totals(statement("jiangan-2023-final.txt")) == {
        "total_personnel": (Decimal("181.02"), "personnel", "人员经费合计", "T06:L582"),
        "total_public": (Decimal("10.02"), "public", "公用经费合计", "T06:L582"),
    }


def test_totals_huaxian():
    assert totals(statement("huaxian-2024-budget.txt")) == {
        "total": (Decimal("797.18"), "", "合计", "T06:L427"),
        "total_personnel": (Decimal("738.55"), "personnel", "人员经费合计", "T06:L427"),
        "total_public": (Decimal("58.63"), "public", "公用经费合计", "T06:L427"),
    }


def test_totals_shanhaiguan():
    assert totals(statement("shanhaiguan-2024-budget.txt")) == {
        "total": (Decimal("260.06"), "", "合计", "T06:L1184"),
        "total_personnel": (Decimal("245.69"), "personnel", "人员经费合计", "T06:L1184"),
        "total_public": (Decimal("14.37"), "public", "公用经费合计", "T06:L1184"),
    }
