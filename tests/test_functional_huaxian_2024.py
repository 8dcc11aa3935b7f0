"""Golden test: huaxian-2024-budget.txt 预算01表 部门收支总体情况表 (plain text, budget template)."""

from decimal import Decimal as D
from pathlib import Path

from generator.model import Kind
from generator.normalize.summary import parse_summary
from generator.read import read_document
from generator.recognize import recognize

SOURCE = Path(__file__).resolve().parents[1] / "sources" / "huaxian-2024-budget.txt"


def _summary():
    found, _ = recognize(read_document(SOURCE))
    st = next(s for s in found if s.kind is Kind.SUMMARY)
    problems: list[str] = []
    return parse_summary(st), problems


def test_summary_01_every_line():
    rows, _ = _summary()
    income = [(r.item_key, r.amount) for r in rows if r.side == "income"]
    assert income == [
        ("general_budget_appropriation", D("23278.10")),
        ("general_budget_fiscal_appropriation", D("20196.10")),  # 其中：财政拨款
        ("gov_fund_appropriation", 0),
        ("state_capital_appropriation", 0),
        ("special_account_income", 0),
        ("business_income", 0),
        ("operating_income", 0),  # 六、事业单位经营收入
        ("upper_subsidy", 0),
        ("affiliated_income", 0),
        ("other_income", 0),
        ("income_subtotal", D("23278.10")),  # 本 年 收 入 合 计
        ("opening_balance", 0),  # 上年结转结余
        ("income_total", D("23278.10")),
    ]
    classes = [(r.code, r.amount) for r in rows if r.item_key == "function_class"]
    # budget numbering follows the code (十九 = 219); short names such as 城乡社区事务 are mapped
    assert [c for c, _ in classes] == [
        "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "214",
        "215", "216", "217", "219", "220", "221", "222", "223", "224", "227", "229", "230", "231", "232",
        "233", "234",
    ]
    amounts = dict(classes)
    assert (amounts["208"], amounts["210"], amounts["221"]) == (D("701.87"), D("22517.58"), D("58.65"))
    assert all(v == 0 for c, v in classes if c not in ("208", "210", "221"))
    other = [(r.item_key, r.amount) for r in rows if r.side == "expenditure" and r.item_key != "function_class"]
    assert other == [
        ("expenditure_subtotal", D("23278.10")),
        ("closing_balance", 0),  # 年终结转结余
        ("expenditure_total", D("23278.10")),
    ]
    assert next(r for r in rows if r.code == "210").name == "十、卫生健康"
    assert next(r for r in rows if r.code == "210").source_ref == "T01:L356"


def test_fiscal_lines_from_the_narrative():
    """No 财政拨款收支总表 is printed; 四、财政拨款收支预算总体情况说明 (L122–L134) states each
    fund's 收支预算: 一般公共预算 23278.10 (L124), 政府性基金 0 (L130), 国有资本经营 0 (L134)."""
    from generator.narrative.prose_tables import tables_from_prose

    doc = read_document(SOURCE)
    have = {Kind.SUMMARY, Kind.INCOME, Kind.EXPENDITURE, Kind.GENERAL_BUDGET, Kind.BASIC_ECONOMIC, Kind.THREE_PUBLIC}
    t = tables_from_prose(doc, "budget", have)
    fiscal = [(r.side, r.item_key, r.amount, r.source_ref) for r in t.summary if r.statement == "fiscal"]
    assert fiscal == [
        ("income", "general_budget_appropriation", D("23278.10"), "narrative:L124"),
        ("income", "gov_fund_appropriation", D("0"), "narrative:L130"),
        ("income", "state_capital_appropriation", D("0"), "narrative:L134"),
    ]
    assert not any("not placed" in p and "fiscal" in p for p in t.problems)
