"""年初预算 vs 决算 per functional 项, as stated in the narrative → `budget_execution` rows.

    "1. 社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)。
     年初预算为13. 96万元,支出决算为13. 98万元,完成年初预算的100. 1%,支出决算数大于
     年初预算数的主要原因:在职人员正常调整…"

The 类/款/项 names are mapped to the national code with
generator.normalize.codes.lookup_function_name (each level under its parent).
completion_rate is the printed percentage (None when not printed, e.g. 年初预算为0).
An item whose code cannot be determined is kept with code "" and reported as a problem.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import BudgetExecutionRow, Document
from ..normalize.numbers import parse_amount
from .facts import config, function_code, prose_paragraphs

_AMT = r"(\d[\d,]*(?:\.\d+)?)"
# a name part: anything but the (类)/(款)/(项) markers; "(室)" inside a name is allowed
_NAME = r"((?:[^()]|\((?![类款项]\))[^()]*\))+?)"
_ITEM = re.compile(rf"^(?:\d{{1,2}}[.、])?{_NAME}\(类\){_NAME}\(款\){_NAME}\(项\)")
_INITIAL = re.compile(rf"年初预算(?:数)?为{_AMT}万元")
_FINAL = re.compile(rf"(?:支出)?决算(?:数)?为{_AMT}万元")
_RATE = re.compile(rf"完成(?:年初|全年)?预算(?:数)?的?{_AMT}%")
_REASON = re.compile(r"主要原因(?:是|为)?[:]?(.+?)(?:。|$)")


def _amount(m: re.Match[str] | None) -> Decimal | None:
    return parse_amount(m.group(1)) if m else None


def execution_rows(doc: Document) -> tuple[list[BudgetExecutionRow], list[str]]:
    """The budget_execution rows of `doc` and the problems met (unmapped names)."""
    cfg = config()
    rows: list[BudgetExecutionRow] = []
    problems: list[str] = []
    for para in prose_paragraphs(doc):
        if not cfg.execution_paragraph.search(para.text):
            continue
        m = _ITEM.match(para.text)
        if not m:
            problems.append(f"{doc.path.name}: narrative:{para.ref_at(0)}: 年初预算/决算 item without 类/款/项 names")
            continue
        cls, kuan, xiang = (g.strip() for g in m.groups())
        rest = para.text[m.end() :]
        code = function_code(cls, kuan, xiang)
        if code is None:
            problems.append(f"{doc.path.name}: narrative:{para.ref_at(0)}: no functional code for {cls}/{kuan}/{xiang}")
        reason = _REASON.search(rest)
        rows.append(
            BudgetExecutionRow(
                code=code or "",
                name=xiang,
                initial_budget=_amount(_INITIAL.search(rest)),
                final=_amount(_FINAL.search(rest)),
                completion_rate=_amount(_RATE.search(rest)),
                reason=reason.group(1).strip() if reason else "",
                source_ref=f"narrative:{para.ref_at(0)}",
            )
        )
    return rows, problems


def extract_budget_execution(doc: Document) -> list[BudgetExecutionRow]:
    """年初预算 vs 决算 per functional 项 stated in the narrative (empty if none)."""
    return execution_rows(doc)[0]
