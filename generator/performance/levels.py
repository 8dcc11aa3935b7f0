"""Indicator labels and values of self-evaluation tables without reliable cells (OCR'd cells, plain text).

Shared by the OCR-markdown parser (self_eval_ocr) and the plain-text parser (self_eval_text):
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
    name: str = ""  # the indicator name (its words may tell the 二级指标)


@dataclass(frozen=True)
class _Anchor:
    k: int  # row index
    level2: str
    level1: str
    ref: str


def assign_levels(rows: list[LevelRow], where: str, problems: list[str]) -> list[tuple[str, str]]:
    """Fill the levels of rows that print none (merged cells print their label once).

    The label of a merged cell is printed once, near the middle of its rows (the OCR puts it
    on the row of its first text line), so the rows above the first label belong to it, and
    the unlabeled rows between two different labels are split once: the upper rows continue
    the label above (as a merged cell does), the lower ones take the label below from the
    first row that is shown to belong to it —
      - by its own printed 一级指标 (matching one of the two labels only),
      - by the words of its name (performance.yaml level2_keywords, matching one label only),
      - or, between two 一级指标, by the nearest printed 一级指标 label (those are centred).
    A row decided by position only (no printed 一级, no word) is reported with the alternative.
    """
    parents = vocabulary().level2
    keywords = vocabulary().level2_keywords
    anchors = [
        _Anchor(k, r.level2, r.level1 or parents.get(r.level2, ""), r.ref)
        for k, r in enumerate(rows)
        if r.level2
    ]
    level1_rows = [(k, r.level1) for k, r in enumerate(rows) if r.level1]
    out: list[tuple[str, str]] = [("", "")] * len(rows)
    for a in anchors:
        out[a.k] = (a.level1, a.level2)

    def words(row: LevelRow, anchor: _Anchor) -> bool:
        name = compact(row.name)
        return bool(name) and any(w in name for w in keywords.get(anchor.level2, ()))

    def strong(row: LevelRow, up: _Anchor, down: _Anchor) -> _Anchor | None:
        """The side the row's own text puts it on (None when it does not tell)."""
        if row.level1 and up.level1 != down.level1 and row.level1 in (up.level1, down.level1):
            return up if row.level1 == up.level1 else down
        u, d = words(row, up), words(row, down)
        return up if u and not d else down if d and not u else None

    def weak(k: int, row: LevelRow, up: _Anchor, down: _Anchor) -> _Anchor | None:
        if row.level1 or up.level1 == down.level1:
            return None
        l1 = _nearest_level1(k, level1_rows)
        return up if l1 == up.level1 else down if l1 == down.level1 else None

    bounds: list[_Anchor | None] = [None, *anchors, None]
    for up, down in zip(bounds, bounds[1:], strict=False):
        lo = up.k + 1 if up else 0
        hi = down.k if down else len(rows)
        gap = list(range(lo, hi))
        if not gap:
            continue
        if up is None and down is None:
            for k in gap:
                l1 = rows[k].level1 or _nearest_level1(k, level1_rows)
                out[k] = (l1, "")
                problems.append(
                    f"{where} {rows[k].ref}: no 二级指标 printed near the row; left blank under {l1 or '(none)'}"
                )
            continue
        if up is None or down is None or up.level2 == down.level2:
            only = up or down
            assert only is not None
            for k in gap:
                out[k] = (only.level1, only.level2)
            continue
        forced = {k: strong(rows[k], up, down) for k in gap}
        hinted = {k: forced[k] or weak(k, rows[k], up, down) for k in gap}
        first_down = next((k for k in gap if hinted[k] is down), hi)
        conflict = any(forced[k] is up for k in gap if k >= first_down)
        for k in gap:
            if conflict:
                side = hinted[k] or (up if k - up.k <= down.k - k else down)
            else:
                side = up if k < first_down else down
            other = down if side is up else up
            out[k] = (side.level1, side.level2)
            if forced[k] is side:
                continue  # the row's own text tells
            why = (
                "labels and names disagree in this gap; nearest label taken"
                if conflict and hinted[k] is None
                else f"after the nearest 一级指标 label {side.level1}"
                if hinted[k] is side
                else "continues the label above (merged cell)"
                if side is up
                else "with the rows below it"
            )
            problems.append(
                f"{where} {rows[k].ref}: 二级指标 not printed; read as {side.level2} (label at {side.ref}), "
                f"could be {other.level2} (label at {other.ref}): {why}"
            )
    return out


def _nearest_level1(k: int, level1_rows: list[tuple[int, str]]) -> str:
    if not level1_rows:
        return ""
    best = min(level1_rows, key=lambda kl: (abs(kl[0] - k), kl[0]))
    ties = {lv for j, lv in level1_rows if abs(j - k) == abs(best[0] - k)}
    return best[1] if len(ties) == 1 else ""
