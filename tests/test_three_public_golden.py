"""Golden tests: every figure of the “三公” statements, values typed from the sources."""

from decimal import Decimal
from pathlib import Path

import pytest

from generator.model import Kind, Statement
from generator.normalize.three_public import parse_three_public
from generator.read import read_document
from generator.recognize import recognize

SOURCES = Path(__file__).resolve().parent.parent / "sources"
D = Decimal


def statements(name: str) -> list[Statement]:
    found, _ = recognize(read_document(SOURCES / name))
    return [st for st in found if st.kind is Kind.THREE_PUBLIC]


def rows(name: str, stage: str):
    (st,) = statements(name)
    return [(r.phase, r.item_key, r.name, r.amount, r.source_ref) for r in parse_three_public(st, stage)]


TEMPLATE_NAMES = {
    "total": "“三公”经费合计",
    "overseas": "因公出国（境）费",
    "vehicle": "公务用车购置及运行（维护）费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行（维护）费",
    "reception": "公务接待费",
}


def template_rows(ref: str, budget: list[str], final: list[str]):
    out = []
    for phase, values in (("budget", budget), ("final", final)):
        for key, value in zip(TEMPLATE_NAMES, values, strict=True):
            out.append((phase, key, TEMPLATE_NAMES[key], D(value), ref))
    return out


def test_jiangan_2024():
    # L324: 0.20 0 0 0 0 0.20 | 0 0 0 0 0 0
    assert rows("jiangan-2024-final.md", "final") == template_rows(
        "T09:L324", ["0.20", "0", "0", "0", "0", "0.20"], ["0", "0", "0", "0", "0", "0"]
    )


def test_jiangan_2023():
    # L704: 0.40 0 0 0 0 0.40 | 0 0 0 0 0 0
    assert rows("jiangan-2023-final.txt", "final") == template_rows(
        "T09:L704", ["0.40", "0", "0", "0", "0", "0.40"], ["0", "0", "0", "0", "0", "0"]
    )


def test_shanhaiguan_rows_with_meeting_and_training():
    # 合计 column (资金性质); blank cells of listed lines are 0
    assert rows("shanhaiguan-2024-budget.txt", "budget") == [
        ("budget", "grand_total", "合计", D("0.25"), "T09:L1459"),
        ("budget", "total", "“三公”经费小计", D("0.07"), "T09:L1466"),
        ("budget", "overseas", "因公出国（境）费", D("0"), "T09:L1473"),
        ("budget", "overseas_research", "教学科研人员因公出国（境）费", D("0"), "T09:L1480"),
        ("budget", "overseas_other", "其他因公出国（境）费", D("0"), "T09:L1487"),
        ("budget", "vehicle", "公务用车购置及运维费", D("0"), "T09:L1494"),
        ("budget", "vehicle_purchase", "公务用车购置费", D("0"), "T09:L1501"),
        ("budget", "vehicle_operation", "公务用车运行维护费", D("0"), "T09:L1508"),
        ("budget", "reception", "公务接待费", D("0.07"), "T09:L1515"),
        ("budget", "meeting", "会议费", D("0"), "T09:L1522"),
        ("budget", "meeting_university", "省属高校业务性会议费", D("0"), "T09:L1529"),
        ("budget", "meeting_other", "其他会议费", D("0"), "T09:L1536"),
        ("budget", "training", "培训费", D("0.18"), "T09:L1543"),
    ]


@pytest.mark.parametrize("name", ["huaxian-2024-budget.txt", "cangxi-2024-final.md"])
def test_no_three_public_statement(name):
    # huaxian's 预算09表 is 政府性基金; cangxi has its 三公 figures in prose only
    assert statements(name) == []
