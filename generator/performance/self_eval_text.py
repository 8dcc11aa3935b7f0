"""Self-evaluation tables of a plain-text export: no cell boundaries.

Each table cell became one or more lines; cells of one row that fit share a line, separated
by spaces. What is read:
- the budget row "16.84 16.84 100% 20" (预算数, 执行数, 执行率, 得分);
- labels: lines (or runs of lines, "产出指" + "标") that spell a 一级/二级 name, or names at
  the start of a line ("质量指标 投诉举报…"); in this export they head their group and hold
  for the rows below;
- an indicator row ends with its 得分 (a line ending in a whole number); its name, 目标值 and
  完成值 are the lines and words before. 目标值 and 完成值 are found as a repeated tail
  ("… >50 家 >50 家"); when they differ, the last two words of the row's last line are taken
  (reported);
- 总分 ends the table.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import IndicatorRow, Line, ProjectRow
from ..normalize.numbers import nfkc
from .cells import amount, clean, compact, percent, vocabulary
from .levels import equal_split, read_label

_BUDGET = re.compile(r"^(\S+)\s+(\S+)\s+(\S+%)\s+(\S+)$")
_HEADER_WORDS = re.compile(r"三级指标|具体指标名称")
_HEADER_PIECE = re.compile(r"^(?:年初目标值?|实际完成值?|值?[(（][AB][)）]|得分?|分|[(（][AB][)）])$")
_ROW_LABEL = re.compile(r"^(?:年度|绩效|目标|指标|[(（]\d+分[)）])$")
_INT = re.compile(r"^\d+(?:\.\d+)?$")


def _budget(lines: list[Line], at: str, problems: list[str]):
    for line in lines:
        m = _BUDGET.match(nfkc(line.text).strip())
        if m and amount(m.group(1)) is not None and amount(m.group(2)) is not None:
            return amount(m.group(1)), amount(m.group(2)), percent(m.group(3)), amount(m.group(4))
    problems.append(f"{at}: no 预算数 执行数 执行率 得分 row found")
    return None, None, None, None


def _full_label(lines: list[Line], i: int, level1: str):
    """A label spelled by lines[i:j] -> (label, j), else None."""
    acc = ""
    for j in range(i, min(i + 4, len(lines))):
        acc += compact(lines[j].text)
        label = read_label(acc, level1)
        if label is None:
            return None
        if not label.partial:
            return (label, j + 1) if not label.rest else None
    return None


def _set_label(word: str, level: int, l1: str, l2: str, ref: str, at: str, problems: list[str]):
    """New (level1, level2) after a printed label; a 二级指标 of another 一级 brings its own."""
    if level == 1:
        return word, ""
    parent = vocabulary().level2.get(word, "")
    if parent and parent != l1:
        problems.append(
            f"{at} {ref}: 一级指标 not printed before {word}; published under {parent}, not {l1 or '(none)'}"
        )
        l1 = parent
    return l1, word


def _fallback_values(tokens: list[str]) -> tuple[int, int] | None:
    """No repeated tail: the last two value groups ("17.37 万人" style units stay attached)."""
    groups: list[int] = []  # start index of each group
    for k, tok in enumerate(tokens):
        if groups and not re.search(r"\d", tok) and len(tok) <= 2 and re.search(r"\d$", tokens[k - 1]):
            continue  # a unit cut off its number
        groups.append(k)
    if len(groups) < 2:
        return None
    return groups[-2], groups[-1]


def parse_plain_table(lines: list[Line], project: str, where: str):
    """One plain-text table -> (ProjectRow, indicators, problems)."""
    problems: list[str] = []
    at = f"{where} {lines[0].ref} {project!r}"
    adjusted, executed, rate, budget_score = _budget(lines, at, problems)
    unit = ""
    for line in lines:
        if m := re.search(r"实施单位\s*(\S+)", nfkc(line.text)):
            unit = clean(m.group(1))
            break
    indicators: list[IndicatorRow] = []
    total: Decimal | None = None
    in_block = False
    l1 = l2 = ""
    pending: list[tuple[str, list[str]]] = []  # (ref, words) of the row being read
    i = 0
    while i < len(lines):
        line = lines[i]
        c = compact(line.text)
        if _HEADER_WORDS.search(c):
            in_block, pending, i = True, [], i + 1
            while i < len(lines) and _HEADER_PIECE.match(compact(lines[i].text)):
                i += 1
            continue
        if c.startswith("总分"):
            numbers = re.findall(r"\d+(?:\.\d+)?", c)
            total = Decimal(numbers[0]) if numbers else None
            break
        if not in_block or c.startswith(("年度目标", "偏差")) or _ROW_LABEL.match(c):
            if pending:
                problems.append(f"{at} {pending[0][0]}: row without 得分 not published: {pending!r}")
                pending = []
            in_block = in_block and not c.startswith(("年度目标", "偏差"))
            i += 1
            continue
        if not pending and (hit := _full_label(lines, i, l1)):
            label, i = hit
            l1, l2 = _set_label(label.word, label.level, l1, l2, line.ref, at, problems)
            continue
        words = nfkc(line.text).split()
        while (
            not pending
            and words
            and (label := read_label(words[0], l1))
            and not label.partial
            and not label.rest
        ):
            l1, l2 = _set_label(label.word, label.level, l1, l2, line.ref, at, problems)
            words.pop(0)
        if words:
            pending.append((line.ref, words))
        if words and _INT.match(words[-1]) and sum(len(w) for _, w in pending) > 1:
            row = _finish(pending, project, l1, l2, at, problems)
            if row is not None:
                indicators.append(row)
            pending = []
        i += 1
    # 总分 = 预算执行 + Σ indicator scores is a published check (generator/check/projects.py)
    row = ProjectRow(
        project, "", None, adjusted, executed, rate, total, lines[0].ref, unit, kind="self_eval",
        execution_score=budget_score,
    )
    return row, indicators, problems


def _finish(
    pending: list[tuple[str, list[str]]], project: str, l1: str, l2: str, at: str, problems: list[str]
):
    tokens = [w for _, words in pending for w in words]
    score = amount(tokens.pop())
    ref = pending[0][0]
    split = equal_split(tokens)
    if split is None:
        last_words = pending[-1][1][:-1]
        offset = len(tokens) - len(last_words)
        found = _fallback_values(last_words)
        if found is None or offset + found[0] < 1:
            problems.append(f"{at} {ref}: 目标值/完成值 not found in {' '.join(tokens)!r}; not published")
            return None
        split = (offset + found[0], offset + found[1])
        problems.append(
            f"{at} {ref}: 年初目标值 {clean(' '.join(tokens[split[0] : split[1]]))!r} and 实际完成值 "
            f"{clean(' '.join(tokens[split[1] :]))!r} differ as printed"
        )
    i, j = split
    name = clean(" ".join(tokens[:i]))
    if not l2:
        problems.append(f"{at} {ref}: no 二级指标 printed for {name!r}")
    return IndicatorRow(
        project,
        l1,
        l2,
        name,
        "",
        clean(" ".join(tokens[i:j])),
        "",
        clean(" ".join(tokens[j:])),
        None,
        score,
        ref,
    )
