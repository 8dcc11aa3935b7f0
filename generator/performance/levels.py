"""Indicator labels and values of self-evaluation tables without reliable cells (jiangan).

Shared by the OCR-markdown parser (ocr_self_eval) and the plain-text parser (plain_self_eval):
- recognising a printed 一级/二级指标 label, also when the export broke it ("满意度指 标",
  "产出指" + "标", "服务对象" for 服务对象满意度指标);
- splitting "name target actual" when the cell boundaries are lost;
- giving unlabeled rows their level when merged label cells were printed only once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import compact, vocabulary

_IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
# fragments of the form's row labels (年度绩效指标 / 年度绩效目标(80分)) that land in label cells
_ROW_LABEL = re.compile(r"^(?:年度|绩效|目标|指标|年度绩|效指标|\(\d+分\)|\(\d+%\)|[()])+$")
_OPERATOR_ONLY = re.compile(r"^[≥≤<>=≼≽€]+$")
_VALUE_START = re.compile(r"^(?:[≥≤<>=≼≽]|不超过|不低于|不少于|不高于)")


def has_ideograph(text: str) -> bool:
    return _IDEOGRAPH.search(text) is not None


def _words() -> tuple[list[tuple[str, int]], dict[str, str]]:
    vocab = vocabulary()
    words = [(w, 1) for w in vocab.level1 if w != "满意度"]
    # 成本指标 is a first-level name in these (2023/2024) templates: 经济成本指标 sits below it
    words += [(w, 2) for w in vocab.level2 if w not in vocab.level1]
    return sorted(words, key=lambda wl: -len(wl[0])), vocab.level2


@dataclass
class Label:
    level: int  # 1 or 2
    word: str
    rest: str  # text after the label in the same cell (a name that shares the cell)
    partial: bool = False  # the cell held only the beginning of the word


def read_label(text: str, level1: str = "") -> Label | None:
    """The label a cell starts with (full word), or the word a short cell is the start of.

    A partial start must name one word only; a level-2 start is resolved with the row's
    level-1 name when it is ambiguous ("社会" → 社会效益指标 under 效益指标).
    """
    c = compact(text)
    words, parents = _words()
    for word, level in words:
        if c.startswith(word):
            return Label(level, word, c[len(word) :])
    if len(c) < 2:
        return None
    starts = [(w, lv) for w, lv in words if w.startswith(c)]
    if len(starts) > 1 and level1:
        starts = [(w, lv) for w, lv in starts if lv == 1 or parents.get(w) == level1]
    if len(starts) == 1:
        return Label(starts[0][1], starts[0][0], "", partial=True)
    return None


def level2_options(text: str) -> list[str]:
    """The 二级指标 names a short broken cell may start ("社会" → 社会效益指标, 社会成本指标)."""
    c = compact(text)
    words, _ = _words()
    return [w for w, lv in words if lv == 2 and len(c) >= 2 and w.startswith(c) and w != c]


def resolve_options(options: list[str], k: int, level1_rows: list[tuple[int, str]]) -> str:
    """Pick among `options` the one under the nearest printed 一级指标 ("" when undecided)."""
    l1 = _nearest_level1(k, level1_rows)
    parents = vocabulary().level2
    fit = [w for w in options if parents.get(w) == l1]
    return fit[0] if len(fit) == 1 else ""


def is_label_fragment(text: str) -> bool:
    """A broken piece of a label or row label ("标", "度指", "年度绩", "N满意指标")."""
    c = compact(text)
    if not c:
        return True
    if _ROW_LABEL.match(c) or c.endswith("指标"):
        return True
    words, _ = _words()
    return len(c) <= 3 and any(c in w for w, _ in words)


def value_like(text: str) -> bool:
    c = compact(text)
    return bool(c) and (bool(re.search(r"\d|%", c)) or _VALUE_START.match(c) is not None)


def is_operator_only(text: str) -> bool:
    return _OPERATOR_ONLY.match(compact(text)) is not None


def equal_split(tokens: list[str]) -> tuple[int, int] | None:
    """(i, j) with tokens[i:j] == tokens[j:] (spaces ignored) and i >= 1: name, target, actual.

    The shortest repeated tail wins ("对辖区…检查 >50 家 >50 家", "… 1人 1 人").
    """
    n = len(tokens)
    for j in range(n - 1, 0, -1):
        tail = "".join(compact(t) for t in tokens[j:])
        for i in range(j - 1, 0, -1):
            head = "".join(compact(t) for t in tokens[i:j])
            if head == tail:
                return i, j
            if len(head) > len(tail):
                break
    return None


@dataclass
class LevelRow:
    ref: str
    level1: str  # printed ("" when not)
    level2: str  # printed ("" when not)


def assign_levels(rows: list[LevelRow], where: str, problems: list[str]) -> list[tuple[str, str]]:
    """Fill the levels of rows that print none (merged cells print their label once).

    The label of a merged cell is printed in one of its rows, often the middle one, so an
    unlabeled row takes the nearest printed 二级指标 (same 一级 when its own 一级 is printed).
    Between two different labels at equal distance, or when the nearer label is not the only
    possibility, the choice is reported with the alternative.
    """
    parents = vocabulary().level2
    anchors = [(k, r.level2, r.level1 or parents.get(r.level2, "")) for k, r in enumerate(rows) if r.level2]
    level1_rows = [(k, r.level1) for k, r in enumerate(rows) if r.level1]
    out: list[tuple[str, str]] = []
    for k, row in enumerate(rows):
        if row.level2:
            out.append((row.level1 or parents.get(row.level2, ""), row.level2))
            continue
        pool = [a for a in anchors if not row.level1 or a[2] == row.level1]
        up = next((a for a in reversed(pool) if a[0] < k), None)
        down = next((a for a in pool if a[0] > k), None)
        if up is None and down is None:
            l1 = row.level1 or _nearest_level1(k, level1_rows)
            out.append((l1, ""))
            problems.append(
                f"{where} {row.ref}: no 二级指标 printed near the row; left blank under {l1 or '(none)'}"
            )
            continue
        if up is None or down is None or up[1] == down[1]:
            chosen = up or down
            assert chosen is not None
            out.append((chosen[2], chosen[1]))
            continue
        if up[2] != down[2] and not row.level1:
            l1 = _nearest_level1(k, level1_rows)
            if l1 in (up[2], down[2]):
                chosen, other = (up, down) if up[2] == l1 else (down, up)
                out.append((chosen[2], chosen[1]))
                problems.append(
                    f"{where} {row.ref}: 二级指标 not printed; read as {chosen[1]} (label at "
                    f"{rows[chosen[0]].ref}) after the nearest 一级指标 label {l1}, could be {other[1]} "
                    f"(label at {rows[other[0]].ref})"
                )
                continue
        du, dd = k - up[0], down[0] - k
        chosen, other = (up, down) if du <= dd else (down, up)
        out.append((chosen[2], chosen[1]))
        problems.append(
            f"{where} {row.ref}: 二级指标 not printed; read as {chosen[1]} (label at {rows[chosen[0]].ref}), "
            f"could be {other[1]} (label at {rows[other[0]].ref})" + (" — equally near" if du == dd else "")
        )
    return out


def _nearest_level1(k: int, level1_rows: list[tuple[int, str]]) -> str:
    if not level1_rows:
        return ""
    best = min(level1_rows, key=lambda kl: (abs(kl[0] - k), kl[0]))
    ties = {lv for j, lv in level1_rows if abs(j - k) == abs(best[0] - k)}
    return best[1] if len(ties) == 1 else ""
