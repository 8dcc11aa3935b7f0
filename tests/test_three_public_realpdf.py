"""三公 statements of real PDFs (other departments, same national templates)."""

import pytest

from generator.model import Fact, Kind, ThreePublicRow
from generator.normalize.three_public import parse_three_public
from tests.pdf_golden_support import D, needs_real, statement

pytestmark = [pytest.mark.realpdf, needs_real]


def values(rows):
    return {(r.phase, r.item_key): r.amount for r in rows if isinstance(r, ThreePublicRow)}


def test_putuo_final_interleaved_budget_and_final_columns():
    # p18: 预算数/决算数 under each item; 0.95 under 合计 and 公务接待费 预算数
    rows = parse_three_public(statement("putuo-caizhengju-2024-final.pdf", Kind.THREE_PUBLIC), "final")
    got = values(rows)
    assert len(got) == 12
    assert got[("budget", "total")] == D("0.95")
    assert got[("budget", "reception")] == D("0.95")
    assert all(v == 0 for (phase, _), v in got.items() if phase == "final")


def test_putuo_budget_header_order_and_operating_cost_column_kept_apart():
    # p21: 合计 1.00 | 因公出国 | 公务接待费 1.00 | 小计 购置费 运行费 | 机关运行经费预算数 171.01
    rows = parse_three_public(statement("putuo-shangwuwei-2025-budget.pdf", Kind.THREE_PUBLIC), "budget")
    assert values(rows) == {
        ("budget", "total"): D("1.00"),
        ("budget", "overseas"): D("0"),
        ("budget", "reception"): D("1.00"),
        ("budget", "vehicle"): D("0"),
        ("budget", "vehicle_purchase"): D("0"),
        ("budget", "vehicle_operation"): D("0"),
    }
    # the 机关运行经费 column is not a 三公 item: it comes back as a fact
    assert [(f.topic_key, f.value) for f in rows if isinstance(f, Fact)] == [
        ("operating_cost@three_public_table", D("171.01"))
    ]


def test_jiangsu_meeting_and_training_columns():
    # p20: 合计 1276.7 | 小计 418.26 | 因公出国 80 | 车 小计 237 | 运行维护 237 | 接待 101.26 | 会议 158.44 | 培训 700
    rows = parse_three_public(statement("js-jianchayuan-2019-budget.pdf", Kind.THREE_PUBLIC), "budget")
    assert values(rows) == {
        ("budget", "grand_total"): D("1276.7"),
        ("budget", "total"): D("418.26"),
        ("budget", "overseas"): D("80"),
        ("budget", "vehicle"): D("237"),
        ("budget", "vehicle_purchase"): D("0"),
        ("budget", "vehicle_operation"): D("237"),
        ("budget", "reception"): D("101.26"),
        ("budget", "meeting"): D("158.44"),
        ("budget", "training"): D("700"),
    }
