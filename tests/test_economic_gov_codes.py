"""Golden tests: the 政府预算支出经济分类 code and name printed beside each line of huaxian 预算06表
(L429-L491, "30113 住房公积金 50103 住房公积金 58.65"), typed from the source."""

from pathlib import Path

from generator.model import Kind
from generator.normalize.economic import parse_basic_economic
from generator.read import read_document
from generator.recognize import recognize

SOURCES = Path(__file__).resolve().parent.parent / "sources"

# code -> (政府预算经济分类 code, name) as printed
HUAXIAN = {
    "30102": ("50101", "工资奖金津补贴"),
    "30103": ("50101", "工资奖金津补贴"),
    "30107": ("50501", "工资福利支出"),
    "30101": ("50101", "工资奖金津补贴"),
    "30211": ("50201", "办公经费"),
    "30201": ("50201", "办公经费"),
    "30206": ("50201", "办公经费"),
    "30205": ("50201", "办公经费"),
    "30208": ("50201", "办公经费"),
    "30202": ("50201", "办公经费"),
    "30231": ("50208", "公务用车运行维护费"),  # L449-L453, the 部门 name wraps over three lines
    "30226": ("50205", "委托业务费"),
    "30239": ("50201", "办公经费"),
    "30228": ("50201", "办公经费"),
    "30209": ("50201", "办公经费"),
    "30217": ("50206", "公务接待费"),
    "30207": ("50201", "办公经费"),
    "30302": ("50905", "离退休费"),
    "30108": ("50102", "社会保障缴费"),
    "30112": ("50102", "社会保障缴费"),
    "30110": ("50102", "社会保障缴费"),
    "30113": ("50103", "住房公积金"),
}


def _rows(name: str):
    statements, _ = recognize(read_document(SOURCES / name))
    (st,) = [s for s in statements if s.kind is Kind.BASIC_ECONOMIC]
    return parse_basic_economic(st)


def test_huaxian_gov_economic_codes():
    rows = _rows("huaxian-2024-budget.txt")
    got = {r.code: (r.gov_economic_code, r.gov_economic_name) for r in rows if r.level > 0}
    assert got == HUAXIAN
    wrapped = next(r for r in rows if r.code == "30108")
    assert (wrapped.name, wrapped.gov_economic_code, wrapped.gov_economic_name) == (
        "机关事业单位基本养老保险缴费",
        "50102",
        "社会保障缴费",
    )
    # the total lines print no 政府预算经济分类
    assert all(r.gov_economic_code == r.gov_economic_name == "" for r in rows if r.level == 0)


def test_templates_without_gov_columns_leave_them_blank():
    for name in ("shanhaiguan-2024-budget.txt", "jiangan-2023-final.txt"):
        assert all(r.gov_economic_code == "" and r.gov_economic_name == "" for r in _rows(name))
