"""Projects named in the narrative of a 决算: two lists give figures per project.

- "项目支出主要用于：1. 部门日常管理经费 11. 8 万元，主要成效：…" — in a 决算 the figure is
  the money spent, so it goes to `executed`.
- "1. 部门日常管理经费项目绩效自评综述：项目全年预算数为11.8万元，执行数为11.8万元，完成预算
  的100%。" — 全年预算数 -> `adjusted`, 执行数 -> `executed`, 完成预算的 -> `execution_rate`.

Both lists name the same projects, sometimes differently ("医疗救助经费" / "城乡医疗救助经费"):
a name that ends with the other is the same project (reported); the name of the first list wins.
Plain-text exports break sentences over lines, so the lines are joined (without a separator:
the breaks fall inside Chinese text) and matches are traced back to their first line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from ..model import Line, ProjectRow
from ..normalize.numbers import nfkc, parse_amount
from .cells import clean

_AMT = r"\d[\d,]*(?:\s*\.\s*\d+)?"
_ITEM = r"(?<![\d.])(?P<no>\d{1,2})\s*[.．、]\s*(?P<name>[^。；;,，:：]{2,80}?)"
_USED_FOR = re.compile(_ITEM + rf"\s*(?P<exe>{_AMT})\s*万元\s*[,，]\s*主要成效")
_SELF_EVAL = re.compile(
    _ITEM
    + r"(?:项目)?绩效自评综述\s*[:：]\s*项目全年预算\s*数\s*为\s*"
    + rf"(?P<adj>{_AMT})\s*万元\s*[,，]\s*执行数\s*为\s*(?P<exe>{_AMT})\s*万元\s*[,，]\s*"
    + r"完成预算的\s*(?P<rate>\d[\d\s.]*)\s*%"
)


def _joined(lines: list[Line]) -> tuple[str, list[int]]:
    starts, parts, pos = [], [], 0
    for line in lines:
        text = nfkc(line.text)
        starts.append(pos)
        parts.append(text)
        pos += len(text)
    return "".join(parts), starts


def _num(text: str) -> Decimal:
    value = parse_amount(re.sub(r"\s+", "", text))
    assert value is not None
    return value


def _same(a: str, b: str) -> bool:
    return a == b or a.endswith(b) or b.endswith(a)


def extract_prose_projects(lines: list[Line], where: str) -> tuple[list[ProjectRow], list[str]]:
    text, starts = _joined(lines)

    def ref(offset: int) -> str:
        return lines[bisect_right(starts, offset) - 1].ref

    projects: list[ProjectRow] = []
    problems: list[str] = []
    for m in _USED_FOR.finditer(text):
        projects.append(
            ProjectRow(
                name=clean(m.group("name")),
                project_code="",
                amount=None,
                adjusted=None,
                executed=_num(m.group("exe")),
                execution_rate=None,
                score=None,
                source_ref=ref(m.start("name")),
                kind="narrative",
            )
        )
    for m in _SELF_EVAL.finditer(text):
        name = clean(m.group("name"))
        adjusted, executed = _num(m.group("adj")), _num(m.group("exe"))
        rate = _num(m.group("rate"))
        at = ref(m.start("name"))
        match = next((p for p in projects if _same(p.name, name)), None)
        if match is None:
            projects.append(ProjectRow(name, "", None, adjusted, executed, rate, None, at, kind="narrative"))
            continue
        if match.name != name:
            problems.append(
                f"{where} {at}: project {name!r} (绩效自评综述) taken as {match.name!r} of {match.source_ref}"
            )
        if match.executed is not None and match.executed != executed:
            problems.append(
                f"{where} {at}: {match.name!r} 执行数 {executed} in 绩效自评综述 but {match.executed} at "
                f"{match.source_ref}; the latter kept"
            )
        match.adjusted = adjusted
        match.execution_rate = rate
        if at not in match.source_ref.split():
            match.source_ref = f"{match.source_ref} {at}"  # 全年预算数 and 完成率 are read here
        if match.executed is None:
            match.executed = executed
    return projects, problems
