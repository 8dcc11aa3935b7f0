"""Self-evaluation tables (项目支出绩效自评表) whose cells the export kept.

Layout (the 四川 template): 项目名称 (code-name), 主管部门/实施单位, 预算执行情况 with a 总额
row (年初预算, 调整后预算数, 预算执行数, 预算执行率, 权重, 得分), then 绩效指标 rows (一级, 二级,
三级指标, 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 原因) and 合计.

The export merges and shifts cells: a label may be missing (merged from the row above),
a row label of the form may sit in an indicator row ("评价结论"), and 权重/得分 may share one
cell ("10 10"). Indicator cells are therefore located relative to the 指标性质 cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import IndicatorRow, Line, ProjectRow
from ..normalize.numbers import to_wan
from .cells import (
    amount,
    clean,
    compact,
    is_section_label,
    nonblank,
    parse_operator,
    percent,
    rate_consistent,
    vocabulary,
)

_CODE_NAME = re.compile(r"^(?P<code>[0-9A-Z]{12,})\s*[-－—]\s*(?P<name>.+)$")


@dataclass
class Parsed:
    project: ProjectRow | None = None
    indicators: list[IndicatorRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    understood: bool = False
    reason: str = ""



def _first_after(cells: list[str], label: str) -> str:
    for i, c in enumerate(cells):
        if compact(c).startswith(label):
            for nxt in cells[i + 1 :]:
                if clean(nxt):
                    return clean(nxt)
    return ""


def parse_table(lines: list[Line], where: str) -> Parsed:
    """Parse one self-evaluation table; `understood` False means: keep it raw."""
    out = Parsed()
    words = vocabulary().labels["self_eval"]
    name_row = next(
        (ln for ln in lines if ln.cells and compact(nonblank(ln.cells)[0]).startswith(words["project_name"])), None
    )
    header = next(
        (ln for ln in lines if ln.cells and any(compact(c) == words["operator_column"] for c in ln.cells)),
        None,
    )
    total_row = next(
        (ln for ln in lines if ln.cells and any(compact(c) in words["budget_total"] for c in ln.cells)),
        None,
    )
    if name_row is None or header is None or total_row is None:
        out.reason = "no 项目名称 / 指标性质 header / 总额 row: layout not understood"
        return out

    # ---- project
    printed = _first_after(nonblank(name_row.cells), words["project_name"])
    m = _CODE_NAME.match(printed)
    code, name = (m.group("code"), clean(m.group("name"))) if m else ("", printed)
    unit_row = next(
        (ln for ln in lines if ln.cells and any(words["unit"][0] in compact(c) for c in ln.cells)), None
    )
    department_unit = ""
    if unit_row is not None:
        department_unit = next((v for w in words["unit"] if (v := _first_after(list(unit_row.cells or ()), w))), "")
    money_unit = "元" if re.search(r"[（(]元[)）]", " ".join(header.cells or ())) else "万元"
    values = nonblank(total_row.cells)
    label_at = next(i for i, c in enumerate(values) if compact(c) in words["budget_total"])
    values = values[label_at + 1 :]
    initial = adjusted = executed = rate = budget_weight = budget_score = None
    if len(values) >= 4 and percent(values[3]) is not None:
        initial, adjusted, executed = (amount(v) for v in values[:3])
        rate = percent(values[3])
        budget_weight = amount(values[4]) if len(values) > 4 else None
        budget_score = amount(values[5]) if len(values) > 5 else None
    else:
        out.problems.append(f"{where} {total_row.ref}: 总额 row not understood: {values!r}")
    if money_unit == "元":
        initial, adjusted, executed = (to_wan(v, "元") for v in (initial, adjusted, executed))

    # ---- indicators
    indicators, totals, ind_problems = _indicators(lines, lines.index(header) + 1, name, where)
    out.indicators = indicators
    out.problems.extend(ind_problems)
    total_weight, total_score = totals

    score = total_score
    stated_score = re.compile(words["stated_score"])
    conclusion = next(
        (
            stated_score.search(clean(" ".join(ln.cells or ())))
            for ln in lines
            if ln.cells and stated_score.search(clean(" ".join(ln.cells)))
        ),
        None,
    )
    stated = Decimal(conclusion.group(1)) if conclusion else None
    if score is None and stated is not None:
        score = stated
        out.problems.append(
            f"{where} {name_row.ref} {name!r}: 合计 row has no 得分; total score {stated} taken from 评价结论"
        )
    elif score is not None and stated is not None and score != stated:
        out.problems.append(f"{where} {name_row.ref} {name!r}: 合计 得分 {score} but 评价结论 says {stated}")

    out.project = ProjectRow(
        name=name,
        project_code=code,
        amount=initial,
        adjusted=adjusted,
        executed=executed,
        execution_rate=rate,
        score=score,
        source_ref=name_row.ref,
        department_unit=department_unit,
        kind="self_eval",
        execution_score=budget_score,
    )
    out.problems.extend(
        _consistency(out.project, budget_weight, budget_score, indicators, total_weight, total_score, where)
    )
    out.understood = True
    return out


def _classify(label: str, column: int | None, header_cols: dict[str, int]) -> int:
    """1, 2 or 3: the indicator level a label cell stands for.

    Vocabulary decides; a name that is both (成本指标: level 1 in the 2024 template, level 2 in
    older ones) follows its column when the row is aligned with the header, else level 1.
    """
    vocab = vocabulary()
    in1, in2 = label in vocab.level1, label in vocab.level2
    if in1 and in2:
        if column is not None and column == header_cols.get(vocabulary().labels["self_eval"]["level2_column"]):
            return 2
        return 1
    return 1 if in1 else 2 if in2 else 3


def _labels_to_levels(
    labels: list[tuple[str, int | None]],
    carried: tuple[str, str],
    header_cols: dict[str, int],
    ref: str,
    where: str,
    problems: list[str],
) -> tuple[str, str, str]:
    vocab = vocabulary()
    l1, l2 = carried
    if len(labels) > 3:
        problems.append(f"{where} {ref}: extra label cells {[t for t, _ in labels[:-3]]!r} ignored")
        labels = labels[-3:]
    if len(labels) == 3:  # all three printed: take them as printed
        l1, l2, l3 = (t for t, _ in labels)
    else:
        classes = [_classify(t, col, header_cols) for t, col in labels]
        printed: dict[int, str] = {}
        for (text, _), cls in zip(labels, classes, strict=True):
            if cls in printed:  # two labels of one class: the later one is the finer level
                printed[min(cls + 1, 3)] = text
            else:
                printed[cls] = text
        if 1 in printed:
            l1, l2 = printed[1], printed.get(2, "")
        elif 2 in printed:
            l2 = printed[2]
            parent = vocab.level2.get(l2)
            if parent and l1 != parent and l2 not in vocab.level1:
                problems.append(
                    f"{where} {ref}: 一级指标 cell missing; {l2} belongs to {parent}, not to the "
                    f"{l1 or '(none)'} of the row above: published under {parent}"
                )
                l1 = parent
        l3 = printed.get(3, "")
        if 1 in printed and 2 not in printed:
            problems.append(f"{where} {ref}: no 二级指标 printed for {l3!r} under {l1}")
        if not l3:
            problems.append(f"{where} {ref}: no 三级指标 printed (only {l1}/{l2}); level3 left blank")
    if l1 and l1 not in vocab.level1:
        problems.append(
            f"{where} {ref}: 一级指标 printed as {l1!r}, not a first-level name (kept as printed)"
        )
    return l1, l2, l3


def _weight_score(cells: list[str]) -> tuple[Decimal | None, Decimal | None]:
    """权重 and 得分 from the cells after 完成值; both may share one cell ("10 10")."""
    numbers: list[Decimal | None] = []
    for cell in cells[:2]:
        parts = clean(cell).split(" ") if clean(cell) else [""]
        numbers.extend(amount(p) for p in parts)
    numbers += [None, None]
    return numbers[0], numbers[1]


def _indicators(
    lines: list[Line], start: int, project: str, where: str
) -> tuple[list[IndicatorRow], tuple[Decimal | None, Decimal | None], list[str]]:
    rows: list[IndicatorRow] = []
    problems: list[str] = []
    carried = ("", "")
    header_cols = {compact(c): i for i, c in enumerate(lines[start - 1].cells or ())}
    totals: tuple[Decimal | None, Decimal | None] = (None, None)
    words = vocabulary().labels["self_eval"]
    total_labels = words["totals"]
    for line in lines[start:]:
        cells = [clean(c) for c in (line.cells or ())]
        if any(compact(c) in total_labels for c in cells):
            at = next(i for i, c in enumerate(cells) if compact(c) in total_labels)
            nums = [amount(c) for c in cells[at + 1 :] if amount(c) is not None]
            totals = (nums[0] if nums else None, nums[1] if len(nums) > 1 else None)
            break
        op_at = next((i for i, c in enumerate(cells) if parse_operator(c) is not None), None)
        if op_at is None:
            if any(nonblank(line.cells)):
                problems.append(
                    f"{where} {line.ref}: row in the indicator block not understood: {line.text!r}"
                )
            continue
        raw_op = compact(cells[op_at])
        operator = parse_operator(cells[op_at]) or ""
        if raw_op not in ("=", "≥", "≤", ">", "<", "定性", "定量"):
            problems.append(f"{where} {line.ref}: 指标性质 printed as {raw_op!r}, read as {operator!r}")
        aligned = op_at == header_cols.get(words["operator_column"])
        labels = [
            (c, i if aligned else None) for i, c in enumerate(cells[:op_at]) if c and not is_section_label(c)
        ]
        l1, l2, l3 = _labels_to_levels(labels, carried, header_cols, line.ref, where, problems)
        carried = (l1, l2)
        after = cells[op_at + 1 :] + ["", "", "", "", ""]
        weight, score = _weight_score(after[3:5])
        rows.append(
            IndicatorRow(
                project=project,
                level1=l1,
                level2=l2,
                level3=l3,
                operator=operator,
                target=after[0],
                unit=after[1],
                actual=after[2],
                weight=weight,
                score=score,
                source_ref=line.ref,
            )
        )
    return rows, totals, problems


def _consistency(
    project: ProjectRow,
    budget_weight: Decimal | None,
    budget_score: Decimal | None,
    indicators: list[IndicatorRow],
    total_weight: Decimal | None,
    total_score: Decimal | None,
    where: str,
) -> list[str]:
    """Inconsistencies inside one table, reported (the figures are published as printed)."""
    out = []
    at = f"{where} {project.source_ref} {project.name!r}"
    if project.execution_rate is not None and project.executed is not None and project.adjusted is not None:
        if not rate_consistent(project.execution_rate, project.executed, project.adjusted):
            exact = (project.executed / project.adjusted * 100) if project.adjusted else None
            out.append(
                f"{at}: 预算执行率 {project.execution_rate}% does not follow from 执行数 {project.executed} / "
                f"调整后预算数 {project.adjusted} ({exact:.2f}%)"
                if exact is not None
                else f"{at}: 预算执行率 {project.execution_rate}% with 调整后预算数 0"
            )
    weights = [r.weight for r in indicators]
    if total_weight is not None and budget_weight is not None and all(w is not None for w in weights):
        got = budget_weight + sum(w for w in weights if w is not None)
        if got != total_weight:
            out.append(
                f"{at}: weights sum to {got} (预算执行 {budget_weight} + indicators), 合计 says {total_weight}"
            )
            # A 0 where a weight belongs is more likely a 得分 printed one column left (or a
            # weight lost): it is published where the table prints it, and said so.
            for r in indicators:
                if r.weight == 0 and r.score is None:
                    out.append(
                        f"{at} {r.source_ref}: 权重 column prints 0 for {r.level3!r} (no 得分 printed in the "
                        f"row); published as weight 0, as positioned. It may be the row's 得分 with its 权重 "
                        f"lost: a 权重 of {total_weight - got} would make the weights sum to {total_weight}"
                    )
    scores = [r.score for r in indicators]
    if total_score is not None and budget_score is not None:
        if all(s is not None for s in scores):
            got = budget_score + sum(s for s in scores if s is not None)
            if got != total_score:
                out.append(
                    f"{at}: scores sum to {got} (预算执行 {budget_score} + indicators), 合计 says {total_score}"
                )
        else:
            out.append(f"{at}: indicator 得分 not printed; 合计 得分 {total_score} cannot be recomputed")
    return out
