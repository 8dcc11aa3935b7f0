"""Self-evaluation tables of an OCR'd markdown export (部门整体 / 项目自评表).

The cells exist (tab-separated) but the OCR broke and shifted them: a name is spread over
several cells ("开展打- | 击其 | 改诈骗保…"), a cell is repeated as the prefix of the next
("对辖 | 对辖区医疗机构…"), label cells hold garbage ("77614", "ア. 日 ルト"), amounts are
split ("13. 2 | 25"). What is read, per indicator row, from the right:
  得分 = the last cell; 实际完成值 and 年初目标值 = the value cells before it (two equal
  cells, or cells that look like values); the name = the cells after the 二级指标 column;
  labels = recognised 一级/二级 names in the columns up to 二级指标 (the rest there is dropped).
Names are published as printed by the OCR (no correction); every doubtful reading is reported.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import IndicatorRow, Line, ProjectRow
from .cells import amount, clean, compact, percent
from .levels import (
    LevelRow,
    assign_levels,
    has_ideograph,
    is_label_fragment,
    is_operator_only,
    level2_options,
    read_label,
    resolve_options,
    value_like,
)

_AMOUNT = re.compile(r"\d[\d,]*(?:\.\s?\d+)?")
_NUMERIC_CELL = re.compile(r"^[\d.,\s]+$")


def _items(line: Line) -> list[tuple[int, str]]:
    return [(i, clean(c)) for i, c in enumerate(line.cells or ()) if clean(c)]


def _is_indicator_header(line: Line) -> bool:
    cs = [compact(c) for c in line.cells or ()]
    return any("得分" in c for c in cs) and any(c.endswith("指标") or "指标名称" in c for c in cs)


def _column(line: Line, *words: str) -> int | None:
    return next((i for i, c in enumerate(line.cells or ()) if any(w in compact(c) for w in words)), None)


def _budget(lines: list[Line], stop: int, at: str, problems: list[str]):
    """预算数(A), 执行数(B), 执行率, 得分 of the budget row (the first row with a % before `stop`)."""
    for line in lines[:stop]:
        items = _items(line)
        pct_at = next((k for k, (_, t) in enumerate(items) if t.split(" ")[-1].endswith("%")), None)
        if pct_at is None:
            continue
        label_at = next((k for k, (_, t) in enumerate(items[:pct_at]) if "总额" in compact(t)), -1)
        segs = [t for _, t in items[label_at + 1 : pct_at] if _NUMERIC_CELL.match(t)]
        pct_cell = items[pct_at][1].split(" ")
        segs += [s for s in pct_cell[:-1] if _NUMERIC_CELL.match(s)]
        found = _AMOUNT.findall(" ".join(segs))
        rate = percent(pct_cell[-1])
        after = [amount(t) for _, t in items[pct_at + 1 :]]
        score = next((a for a in after if a is not None), None)
        adjusted = executed = None
        if len(found) == 2:
            adjusted, executed = (amount(re.sub(r"\s", "", f)) for f in found)
        else:
            problems.append(
                f"{at} {line.ref}: 预算数/执行数 not readable from the OCR cells {segs!r} (expected two "
                f"amounts, found {found!r}); left blank"
            )
        return adjusted, executed, rate, score
    problems.append(f"{at}: no 预算执行情况 row with an 执行率 found")
    return None, None, None, None


def _split_values(
    rest: list[tuple[int, str]], actual_col: int | None, ref: str, at: str, problems: list[str]
):
    """Take 年初目标值 and 实际完成值 off the end of `rest` -> (target, actual) or None."""
    if len(rest) >= 2 and compact(rest[-1][1]) == compact(rest[-2][1]):
        target, actual = rest[-2][1], rest[-1][1]
        del rest[-2:]
        return target, actual
    vals: list[tuple[int, str]] = []
    while rest:
        idx, text = rest[-1]
        if value_like(text) or is_operator_only(text):
            vals.insert(0, rest.pop())
        elif not has_ideograph(text) and not re.search(r"\w", text):
            rest.pop()  # a stray mark (":") between the values
        else:
            break
    merged: list[tuple[int, str]] = []
    for idx, text in vals:
        prev = merged[-1][1] if merged else ""
        if merged and (
            is_operator_only(prev) or (re.search(r"\d$", prev) and "%" not in prev and text[:1].isdigit())
        ):
            sep = "" if is_operator_only(prev) else " "
            merged[-1] = (merged[-1][0], prev + sep + text)  # an operator or digits cut off the value
        else:
            merged.append((idx, text))
    if len(merged) == 2:
        return merged[0][1], merged[1][1]
    if len(merged) == 1:
        idx, text = merged[0]
        if actual_col is not None and idx >= actual_col:
            problems.append(f"{at} {ref}: 年初目标值 cell empty/lost, 实际完成值 {text!r} read")
            return "", text
        problems.append(f"{at} {ref}: 实际完成值 cell empty/lost, 年初目标值 {text!r} read")
        return text, ""
    if len(merged) > 2:
        problems.append(
            f"{at} {ref}: more value cells than 目标值/完成值: {[t for _, t in merged]!r}; the last two read"
        )
        return merged[-2][1], merged[-1][1]
    return None


def _read_row(line: Line, level2_col: int, actual_col: int | None, at: str, problems: list[str]):
    """One indicator row -> (level1, level2, name, target, actual, score) as printed, or None."""
    items = _items(line)
    if not items:
        return None
    score = amount(items[-1][1])
    if score is None:
        problems.append(
            f"{at} {line.ref}: indicator row without a readable 得分: {line.text!r}; not published"
        )
        return None
    rest = items[:-1]
    values = _split_values(rest, actual_col, line.ref, at, problems)
    if values is None:
        problems.append(f"{at} {line.ref}: no 目标值/完成值 found in {line.text!r}; not published")
        return None
    l1 = l2 = ""
    options: list[str] = []  # 二级指标 names a broken label cell may stand for
    parts: list[str] = []
    for idx, text in rest:
        if idx <= level2_col and not parts:
            label = read_label(text, l1)
            if label is None:
                options = options or level2_options(text)
                continue  # garbage in a label column ("正目", "北日17.1-", "N满意指标")
            while label is not None:
                if label.level == 1:
                    l1 = label.word
                else:
                    l2 = label.word
                text = label.rest
                label = read_label(text, l1) if text else None
            if not text or is_label_fragment(text):
                continue
        if has_ideograph(text):
            parts.append(compact(text))
    parts = [p for k, p in enumerate(parts) if not (k + 1 < len(parts) and parts[k + 1].startswith(p))]
    name = "".join(parts)
    if not name:
        problems.append(f"{at} {line.ref}: indicator row without a name: {line.text!r}; not published")
        return None
    return l1, l2 if l2 or len(options) != 1 else options[0], name, values[0], values[1], score, options


def parse_ocr_table(lines: list[Line], project: str, where: str):
    """One OCR'd table -> (ProjectRow, indicators, problems); ProjectRow None when not understood."""
    problems: list[str] = []
    at = f"{where} {lines[0].ref} {project!r}"
    headers = [k for k, ln in enumerate(lines) if ln.cells and _is_indicator_header(ln)]
    if not headers:
        return None, [], [f"{at}: no indicator header (…指标 … 得分) found"]
    adjusted, executed, rate, budget_score = _budget(lines, headers[0], at, problems)
    indicators: list[IndicatorRow] = []
    for n, h in enumerate(headers):
        end = headers[n + 1] if n + 1 < len(headers) else len(lines)
        level2_col = _column(lines[h], "二级指标")
        actual_col = _column(lines[h], "完成值", "实际完成")
        if level2_col is None:
            level2_col = 2
            problems.append(f"{at} {lines[h].ref}: no 二级指标 column in the header; column 3 assumed")
        read = []
        for line in lines[h + 1 : end]:
            head = compact("".join(t for _, t in _items(line)[:2]))
            if head.startswith(("总分", "年度目标", "偏差")):
                break
            row = _read_row(line, level2_col, actual_col, at, problems)
            if row is not None:
                read.append((line, row))
        level1_rows = [(k, r[0]) for k, (_, r) in enumerate(read) if r[0]]
        printed = []
        for k, (line, (l1, l2, name, *_, options)) in enumerate(read):
            if not l2 and options and (l2 := resolve_options(options, k, level1_rows)):
                problems.append(
                    f"{at} {line.ref}: broken label cell read as {l2} (of {options}) after the nearest 一级指标"
                )
            printed.append(LevelRow(line.ref, l1, l2, name))
        levels = assign_levels(printed, at, problems)
        for (line, (_, _, name, target, actual, score, _)), (l1, l2) in zip(read, levels, strict=True):
            if compact(target) != compact(actual) and target and actual:
                problems.append(
                    f"{at} {line.ref}: {name!r} 年初目标值 {target!r} and 实际完成值 {actual!r} differ as printed"
                )
            indicators.append(
                IndicatorRow(project, l1, l2, name, "", target, "", actual, None, score, line.ref)
            )
    total = _total(lines, at, problems)
    # 总分 = 预算执行 + Σ indicator scores is a published check (generator/check/projects.py)
    row = ProjectRow(
        project, "", None, adjusted, executed, rate, total, lines[0].ref, kind="self_eval", execution_score=budget_score
    )
    problems.append(f"{at}: OCR table: indicator names published as printed by the OCR (not corrected)")
    return row, indicators, problems


def _total(lines: list[Line], at: str, problems: list[str]) -> Decimal | None:
    for line in lines:
        items = _items(line)
        if items and compact(items[0][1]).startswith("总分"):
            numbers = [Decimal(n) for _, t in items for n in re.findall(r"\d+(?:\.\d+)?", t)]
            if not numbers:
                problems.append(f"{at} {line.ref}: 总分 row without a number")
                return None
            if len(set(numbers)) > 1:
                problems.append(f"{at} {line.ref}: 总分 row reads {line.text!r}; the largest number taken")
            return max(numbers)
    return None
