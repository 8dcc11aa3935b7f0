"""Every figure stated in the narrative of the five sources is in the published packages.

The acceptance of the project: "Every figure … stated in the narrative of the five sources is
in the packages, equal to the source, under the keys of the spec." This test enumerates every
number of the prose regions facts.py reads (generator.narrative.facts.prose_paragraphs: the
情况说明, 概况, 重点工作, 绩效评价报告 — standard tables, 名词解释 and 附件 tables excluded),
drops what is not a figure (see NOT_A_FIGURE) and asserts that a data row of the committed
package (datapackages/<id>/) holds each remaining one: a row of facts, budget_execution,
summary, the statements read from prose, … whose source_ref lies between the paragraph's first
line and the figure's line. The profile (plain text), glossary and the projects resource do
not count: a figure only in the profile is not published as data, and a project row may hold
the self-evaluation table's figure instead of the narrative's (jiangan-2023 部门日常管理经费:
16.83 in the narrative, 16.84 in the table), so the narrative's own figure must be a fact.

The comparison is on the value (Decimal, sign ignored: a 减少 is stored negative).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import pytest

from generator.narrative.facts import prose_paragraphs
from generator.narrative.sentences import Paragraph
from generator.normalize.numbers import find_numbers
from generator.read import read_document

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "jiangan-2024-final": "jiangan-2024-final.md",
    "jiangan-2023-final": "jiangan-2023-final.txt",
    "cangxi-2024-final": "cangxi-2024-final.md",
    "huaxian-2024-budget": "huaxian-2024-budget.txt",
    "shanhaiguan-2024-budget": "shanhaiguan-2024-budget.txt",
}

# Resources that hold data (numbers a user can compute with). profile/glossary are text,
# checks/problems/statements are the generator's own records.
DATA_RESOURCES = (
    "summary",
    "income_by_function",
    "expenditure_by_function",
    "general_budget_expenditure",
    "basic_expenditure_economic",
    "three_public",
    "facts",
    "budget_execution",
    "procurement",
)

# ------------------------------------------------------------------ what is not a figure
# Each rule: (reason, regex on the paragraph text). The regex is searched with the number's
# span marked as «n»: the text before, «n», the text after (NFKC, no whitespace). A number is
# no figure when a rule matches around it.
_UNIT_AHEAD = r"(?:万元|万人次|万人|万|元|%|人|个|家|次|辆|台|分|项|名|种|件|批|类|场|条|所|室|股|中心|倍)"
NOT_A_FIGURE: list[tuple[str, re.Pattern[str]]] = [
    # a year: "2024年", "2024年度", "比2023增加" (a 4-digit 19xx/20xx integer not followed by a unit)
    ("year", re.compile(r"«(?:19|20)\d\d»(?!\.\d)(?!" + _UNIT_AHEAD + ")")),
    # a document number: "苍财绩〔2025〕4号"
    ("document_number", re.compile(r"〔«\d{4}»〕|〕«\d+»号")),
    # a date or period: "12月31日", "1-6月", "1—12月", "1-3季度", "4季度"
    ("date", re.compile(r"«\d{1,2}»(?:[-—~至]\d{1,2})?(?:月|日|号(?!文)|季度)")),
    # numbering of items, figures and tables: "1.", "(1)", "2、", "图1:", "公开01表", "附件1"
    ("numbering", re.compile(r"(?:^|[。;:!?)])(?:注:)?\(?«\d{1,2}»(?:[.)](?!\d)|、|\.(?=(?:19|20)\d\d年))")),
    ("numbering", re.compile(r"(?:图|表|附件|附表|公开)«\d{1,2}»")),
    # the year after a numbering read together with it: "5.2024年" (number «5.2024»)
    ("numbering", re.compile(r"(?:^|[。;:!?])«\d{1,2}\.(?:19|20)\d\d»年")),
    # an ordinal: "第3名", "第2批" (a position in a sequence, not a quantity)
    ("ordinal", re.compile(r"第«\d+»")),
    # a threshold that defines a category, not a stated figure: "单价100万元(含)以上设备",
    # "结余率大于10%的项目", "超过50%的医疗机构", "50万以上通用设备"
    ("threshold", re.compile(r"(?:大于|小于|超过|高于|低于|不低于|不高于|≥|≤|>|<)«[\d.]+»(?:%|万元|万)?的")),
    ("threshold", re.compile(r"«[\d.]+»(?:万元|万|元)(?:\(含\))?(?:以上|以下)(?![,;。、])")),
]

# Explicit exceptions: (disclosure_id, line ref, number as printed) → why it is no figure.
# Empty: every non-figure of the five sources is a year, date, numbering, document number,
# ordinal or threshold caught by the rules above; a real figure must never be listed here.
ALLOWLIST: dict[tuple[str, str, str], str] = {}


@dataclass(frozen=True)
class Stated:
    value: Decimal
    printed: str
    ref: str
    first_line: int  # the paragraph's first source line
    context: str


def _line_no(ref: str) -> int | None:
    m = re.search(r"L(\d+)", ref)
    return int(m.group(1)) if m else None


def not_a_figure(text: str, start: int, end: int) -> str | None:
    """The reason why text[start:end] is no figure, or None."""
    marked = text[:start] + "«" + text[start:end] + "»" + text[end:]
    for reason, rx in NOT_A_FIGURE:
        # search near the number; "^" still means the paragraph start (re's pos semantics)
        if rx.search(marked, max(0, start - 20), end + 24):
            return reason
    return None


def stated_numbers(doc_name: str) -> tuple[list[Stated], dict[str, int]]:
    """The figures of the narrative, and the count of numbers dropped per reason."""
    doc = read_document(ROOT / "sources" / doc_name)
    out: list[Stated] = []
    dropped: dict[str, int] = {}
    for para in prose_paragraphs(doc):
        first = _line_no(para.ref_at(0)) or 0
        for value, start, end in find_numbers(para.text):
            reason = not_a_figure(para.text, start, end)
            if reason:
                dropped[reason] = dropped.get(reason, 0) + 1
                continue
            out.append(Stated(value, para.text[start:end], para.ref_at(start), first, _context(para, start, end)))
    return out, dropped


def _context(para: Paragraph, start: int, end: int) -> str:
    return para.text[max(0, start - 16) : end + 8]


def _number(cell: str) -> Decimal | None:
    try:
        return abs(Decimal(cell))
    except (InvalidOperation, ValueError):
        return None


@cache
def published(disclosure_id: str) -> tuple[dict[Decimal, list[int]], dict[Decimal, list[int]]]:
    """(value → lines of the facts rows holding it, value → lines of the other data rows)."""
    pkg = ROOT / "datapackages" / disclosure_id
    facts: dict[Decimal, list[int]] = {}
    by_value: dict[Decimal, list[int]] = {}
    for name in DATA_RESOURCES:
        path = pkg / f"{name}.csv"
        if not path.exists():
            continue
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                line = _line_no(row.get("source_ref") or "")
                if line is None:
                    continue
                for col, cell in row.items():
                    if col in ("disclosure_id", "source_ref", "code", "level", "year") or not cell:
                        continue
                    v = _number(cell)
                    if v is not None:
                        (facts if name == "facts" else by_value).setdefault(v, []).append(line)
    return facts, by_value


def is_covered(disclosure_id: str, s: Stated) -> bool:
    """A facts row of the figure's own line (facts cite the line a figure starts on), or a row
    of another data resource cited between the paragraph's first line and the figure's line
    (budget_execution and the statements read from prose cite the paragraph)."""
    facts, by_value = published(disclosure_id)
    line = _line_no(s.ref) or 0
    value = abs(s.value)
    return line in facts.get(value, []) or any(s.first_line <= held <= line for held in by_value.get(value, []))


def uncovered(disclosure_id: str) -> list[Stated]:
    stated, _ = stated_numbers(SOURCES[disclosure_id])
    return [
        s
        for s in stated
        if (disclosure_id, s.ref, s.printed) not in ALLOWLIST and not is_covered(disclosure_id, s)
    ]


@pytest.mark.parametrize("disclosure_id", sorted(SOURCES))
def test_the_narrative_is_read(disclosure_id: str) -> None:
    # a region that silently stopped being read would make the coverage test pass vacuously
    stated, dropped = stated_numbers(SOURCES[disclosure_id])
    assert len(stated) >= 25 and dropped.get("year", 0) >= 10, (len(stated), dropped)


@pytest.mark.parametrize("disclosure_id", sorted(SOURCES))
def test_every_narrative_figure_is_published(disclosure_id: str) -> None:
    missing = uncovered(disclosure_id)
    report = "\n".join(f"  {s.ref}: {s.printed}  …{s.context}…" for s in missing)
    assert not missing, f"{disclosure_id}: {len(missing)} narrative figure(s) in no data row:\n{report}"


# ------------------------------------------------------------------ the test itself can fail


def test_not_a_figure_rules() -> None:
    def reason(text: str, number: str) -> str | None:
        i = text.index(number)
        return not_a_figure(text, i, i + len(number))

    assert reason("截至2024年12月31日,共有车辆0辆。", "2024") == "year"
    assert reason("截至2024年12月31日,共有车辆0辆。", "31") == "date"
    assert reason("截至2024年12月31日,共有车辆0辆。", "0") is None
    assert reason("2024年1-6月预算执行266.23万元", "1") == "date"
    assert reason("2.医保资金监管经费13.25万元", "2") == "numbering"
    assert reason("(3)效益指标:得分5分。", "3") == "numbering"
    assert reason("(3)效益指标:得分5分。", "5") is None
    assert reason("苍财绩〔2025〕4号", "4") == "document_number"
    assert reason("单价100万元(含)以上设备(不含车辆)0台(套)", "100") == "threshold"
    assert reason("预算结余率大于10%的项目共计6个", "10") == "threshold"
    assert reason("医保政策宣传普及执行率大于97%。", "97") is None  # a stated bound is a figure
    assert reason("激活率达95%以上。", "95") is None
    assert reason("比2023增加2万元", "2023") == "year"
    assert reason("参保2000人", "2000") is None  # a count that looks like a year


def test_coverage_detects_a_missing_figure() -> None:
    # a figure in no row is reported: the check is not vacuous
    s = Stated(Decimal("987654.321"), "987654.321", "L96", 96, "")
    assert not is_covered("cangxi-2024-final", s)
    # a figure held by a row of another paragraph does not count either
    s = Stated(Decimal("949.22"), "949.22", "L2", 1, "")
    assert not is_covered("cangxi-2024-final", s)
    assert is_covered("cangxi-2024-final", Stated(Decimal("949.22"), "949.22", "L96", 96, ""))
