"""Target tables in plain text of a PDF (河南 预算11表 and 预算12表), cells broken over lines.

预算11表 部门（单位）整体绩效目标表: indicators of the whole department, published with
project = "部门整体". Two row shapes occur:
- "三级指标 指标值" on one line, followed by lines of 指标值说明 (not published);
- the 产出/效益 rows, where both cells wrap: the 三级指标 of 重点工作任务完成 are the task names
  listed in the same table (年度主要任务), which delimit them; other wrapped rows are split
  by line width (a 三级指标 cell wraps at the column's full width; its first shorter line
  ends it, the rest is the 指标值).

预算12表 项目绩效目标汇总表: one row per project (编码, 名称, 资金总额, 政府预算资金, …) and
four indicator columns (成本/产出/效益/满意度). Every cell is broken over lines, even amounts:
the 政府预算资金 cell "22,480.92" comes out as "22,48" + "0.92". A broken amount is rebuilt
by joining fragments until they form a well-formed amount with two decimals, and accepted
only if it equals 资金总额 (no other fund source is filled in: 资金总额 = 政府预算资金).
The indicators of the four columns (成本/产出/效益/满意度, in the header's order) are placed
by wrapped_cells from the width their cells wrap at; a project whose indicators cannot
all be placed is reported and the table kept raw.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from ..model import IndicatorRow, Line, ProjectRow
from ..normalize.numbers import nfkc, try_amount
from .cells import DEPARTMENT, clean, compact, target_row, vocabulary
from .tables import PerformanceTable
from .wrapped_cells import Fragment, cost_in_wan, fragments, line_key, place_indicators

_AMOUNT_2 = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")
_DIGITS = re.compile(r"^\d{1,4}$")
_CJK_START = re.compile(r"^[\u3400-\u9fff（(]")


# ------------------------------------------------------------------ 11表


def _task_names(body: list[Line]) -> list[str]:
    """The task names of 年度主要任务: lines starting with （一）…, wrapped names joined."""
    names: list[str] = []
    in_tasks = False
    for i, line in enumerate(body):
        text = nfkc(line.text).strip()
        if compact(text).startswith("任务名称"):
            in_tasks = True
            continue
        if not in_tasks:
            continue
        if compact(text).startswith("预算情况"):
            break
        m = re.match(r"^[(（][一二三四五六七八九十]+[)）]\s*(\S+)(\s+\S.*)?$", text)
        if not m:
            continue
        name = m.group(1)
        nxt = nfkc(body[i + 1].text).strip() if i + 1 < len(body) else ""
        # a wrapped name continues on a short line; the 主要内容 lines are long
        if m.group(2) is None and nxt and " " not in nxt and len(nxt) <= 6:
            name += nxt
        names.append(compact(name))
    return names


def _match_prefix(texts: list[str], i: int, words) -> tuple[str, int] | None:
    """Join texts[i:j] while they are a prefix of one of `words`; a full word -> (word, j)."""
    acc = ""
    for j in range(i, min(i + 6, len(texts))):
        acc += texts[j]
        if acc in words:
            return acc, j + 1
        if not any(w.startswith(acc) for w in words):
            return None
    return None


def _split_by_width(texts: list[str]) -> tuple[str, str]:
    """A wrapped 三级指标 followed by a wrapped 指标值 (see module doc)."""
    if not texts:
        return "", ""
    full = max(len(t) for t in texts)
    for k, t in enumerate(texts):
        if len(t) < full - 1:
            return "".join(texts[: k + 1]), "".join(texts[k + 1 :])
    return "".join(texts), ""


def parse_department_targets(
    table: PerformanceTable, where: str
) -> tuple[list[IndicatorRow], list[str], list[Line]]:
    """预算11表 -> (indicators of 部门整体, problems, lines when not understood)."""
    body = list(table.body)
    problems: list[str] = []
    head = next(
        (i for i, ln in enumerate(body) if compact(ln.text).startswith("一级指标二级指标三级指标")), None
    )
    if head is None:
        problems.append(f"{where} {table.title.ref}: 整体绩效目标表 without indicator header: kept raw")
        return [], problems, table.lines
    tasks = _task_names(body[:head])
    vocab = vocabulary()
    level2_words = set(vocab.level2)
    rows = body[head + 1 :]
    texts = [compact(ln.text) for ln in rows]
    indicators: list[IndicatorRow] = []
    l1 = l2 = ""
    pending: list[int] = []  # wrapped rows of the current level-2 group
    explaining = False  # after a "三级指标 指标值" line come its 指标值说明 lines

    def add(l3: str, printed: str, ref: str) -> None:
        indicators.append(target_row(DEPARTMENT, l1, l2, clean(l3), printed, ref))

    def flush() -> None:
        if pending:
            l3, value = _split_by_width([texts[k] for k in pending])
            if not value:
                problems.append(f"{where} {rows[pending[0]].ref}: no 指标值 found for {l3!r}")
            add(l3, value, rows[pending[0]].ref)
            pending.clear()

    i = 0
    while i < len(rows):
        if hit := _match_prefix(texts, i, vocab.level1):
            flush()
            l1, l2, i, explaining = hit[0], "", hit[1], False
            continue
        if hit := _match_prefix(texts, i, level2_words):
            flush()
            l2, i, explaining = hit[0], hit[1], False
            continue
        if hit := _match_prefix(texts, i, tasks):
            flush()
            explaining = False
            j = hit[1]
            value = []
            while j < len(rows) and not any(
                _match_prefix(texts, j, words) for words in (tasks, vocab.level1, level2_words)
            ):
                value.append(texts[j])
                j += 1
            add(hit[0], "".join(value), rows[i].ref)
            i = j
            continue
        parts = nfkc(rows[i].text).strip().split()
        if len(parts) == 2 and len(parts[1]) <= 6 and not parts[0][0].isdigit():
            flush()  # "三级指标 指标值"; the 指标值说明 lines that follow are not published
            add(parts[0], parts[1], rows[i].ref)
            explaining = True
        elif not explaining:
            pending.append(i)  # a wrapped row: 三级指标 and 指标值 both broken over lines
        i += 1
    flush()
    for ind in indicators:
        if not ind.level2:
            problems.append(
                f"{where} {ind.source_ref}: 整体绩效目标表 {ind.level3!r} has no 二级指标 printed"
            )
    return indicators, problems, []


# ------------------------------------------------------------------ 12表


def _rebuild_amount(rows: list[str], k: int) -> tuple[Decimal | None, int]:
    """Join fragments rows[k:] into a well-formed 2-decimal amount -> (amount, next index)."""
    acc = ""
    for j in range(k, min(k + 4, len(rows))):
        if not re.match(r"^[\d,.]+$", rows[j]):
            return None, k
        acc += rows[j]
        if _AMOUNT_2.match(acc):
            return try_amount(acc), j + 1
    return None, k


def _indicator_columns(body: list[Line]) -> list[str]:
    """The header line naming the indicator columns in order ("成本指标 产出指标 效益指标 满意度指标")."""
    level1 = vocabulary().level1
    for line in body:
        tokens = [compact(t) for t in nfkc(line.text).split()]
        if len(tokens) >= 2 and all(t in level1 for t in tokens):
            return tokens
    return []


def _check_cost(project: ProjectRow, rows: list[IndicatorRow], where: str) -> list[str]:
    """The 成本 target in 元 ("≤2500000元") against the project amount in 万元 (printed to 0.01)."""
    problems = []
    for row in rows:
        cost = cost_in_wan(row) if row.level1 == "成本指标" else None
        if cost is None or project.amount is None:
            continue
        if abs(cost - project.amount) > Decimal("0.005"):
            problems.append(
                f"{where} {row.source_ref}: 成本指标 {row.level3!r} of {project.name!r} is {row.operator}"
                f"{row.target}{row.unit} ({cost}万元), the project amount is {project.amount}万元"
            )
    return problems


def parse_project_summary(
    summary: PerformanceTable, where: str
) -> tuple[list[ProjectRow], list[IndicatorRow], list[str], list[Line]]:
    """预算12表 -> (projects, indicators, problems, the table's lines when some are not placed)."""
    table = summary.lines
    body = table[1:]
    texts = [compact(ln.text) for ln in body]
    problems: list[str] = []
    # code runs: >= 3 consecutive lines of 1-4 digits (the 编码 cell of a project row)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(texts):
        j = i
        while j < len(texts) and _DIGITS.match(texts[j]):
            j += 1
        if j - i >= 3 and len(texts[i]) == 4:
            runs.append((i, j))
        i = max(j, i + 1)
    if not runs:
        problems.append(f"{where} {table[0].ref}: 项目绩效目标汇总表 without project rows: kept raw")
        return [], [], problems, table
    columns = _indicator_columns(body)
    indicators: list[IndicatorRow] = []
    by_name: list[str] = []  # refs of indicators placed in 效益/满意度 by their name
    all_placed = bool(columns)
    if not columns:
        problems.append(f"{where} {table[0].ref}: 项目绩效目标汇总表 without its indicator columns header")
    expected = Counter(len("".join(texts[a:b])) for a, b in runs).most_common(1)[0][0]
    projects: list[ProjectRow] = []
    for n, (a, b) in enumerate(runs):
        limit = runs[n + 1][0] if n + 1 < len(runs) else len(texts)
        code = "".join(texts[a:b])
        k = b
        name_parts = []
        while k < limit and not _AMOUNT_2.match(
            nfkc(body[k].text).split()[0] if body[k].text.split() else ""
        ):
            name_parts.append(texts[k])
            k += 1
        if k >= limit:
            problems.append(f"{where} {body[a].ref}: project row {code} without 资金总额: skipped, kept raw")
            continue
        first = nfkc(body[k].text).split()
        total = try_amount(first[0])
        if len(first) >= 2:
            government, k = try_amount(first[1]), k + 1
        else:
            government, k = _rebuild_amount(texts, k + 1)
        if government != total:
            problems.append(
                f"{where} {body[a].ref}: 政府预算资金 of {code} rebuilt as {government}, 资金总额 {total}"
            )
        region = list(range(k, limit))  # the indicator cells of the row
        orphans: dict[str, list[str]] = {}
        if len(code) < expected:  # the row continues after a page break: " 0600" "6" / "险参保费 度"
            for c in range(k, limit - 1):
                d = c
                while d < limit and _DIGITS.match(texts[d]):
                    d += 1
                if d > c and len(code + "".join(texts[c:d])) == expected and d < limit:
                    code += "".join(texts[c:d])
                    cont = nfkc(body[d].text).split()
                    region = [r for r in region if not c <= r < d]
                    if cont and _CJK_START.match(cont[0]):
                        name_parts.append(cont[0])
                        # the rest of the line continues the indicator cells broken by the page
                        orphans[line_key(body[d])] = cont[1:]
                    problems.append(
                        f"{where} {body[c].ref}: row of project {code} continues after a page break: "
                        f"code and name completed from {body[c].ref}-{body[d].ref}"
                    )
                    break
            else:
                problems.append(f"{where} {body[a].ref}: project code {code} shorter than the others")
        project = ProjectRow(
            name=clean("".join(name_parts)),
            project_code=code,
            amount=total,
            adjusted=None,
            executed=None,
            execution_rate=None,
            score=None,
            source_ref=body[a].ref,
            kind="targets",
        )
        projects.append(project)
        if columns:
            frags = _region_fragments([body[r] for r in region], orphans)
            rows, found, notes, placed = place_indicators(project.name, frags, columns, where)
            problems += found + _check_cost(project, rows, where)
            by_name += notes
            if placed:
                indicators += rows
            else:
                all_placed = False
                problems.append(
                    f"{where} {body[a].ref}: indicators of project {project.name!r} not all placed: "
                    f"none published, the table kept raw"
                )
    # the unit's row before the first project carries the table total
    head_amounts = [
        try_amount(t.split()[-1])
        for t in (nfkc(ln.text) for ln in body[: runs[0][0]])
        if _AMOUNT_2.match(t.split()[-1])
    ]
    if head_amounts and head_amounts[0] is not None:
        got = sum((p.amount for p in projects if p.amount is not None), Decimal(0))
        if got != head_amounts[0]:
            problems.append(
                f"{where} {table[0].ref}: project amounts of 项目绩效目标汇总表 sum to {got}, the table total "
                f"is {head_amounts[0]} (difference {got - head_amounts[0]})"
            )
    if by_name:
        problems.append(
            f"{where} {table[0].ref}: {len(by_name)} indicators of 项目绩效目标汇总表 are alone in the equally "
            f"wide 效益指标/满意度指标 columns of their sub-row: placed by name (a satisfaction word -> "
            f"满意度指标, else 效益指标): {', '.join(by_name)}"
        )
    if not all_placed:
        problems.append(f"{where} {table[0].ref}: 项目绩效目标汇总表 kept raw: some indicators not placed")
    return projects, indicators, problems, [] if all_placed else table


def _region_fragments(region: list[Line], orphans: dict[str, list[str]]) -> list[Fragment]:
    """Fragments of a row's indicator lines; the name token of a page-break line is not one."""
    frags = fragments(region, orphans)
    out: list[Fragment] = []
    for f in frags:
        if f.key in orphans and f.first and not f.orphan:
            continue  # the project name continued after the page break
        out.append(f)
    return out
