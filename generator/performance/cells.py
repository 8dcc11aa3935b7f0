"""Shared helpers of the performance parsers: text cleanup, vocabulary, targets, keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..model import IndicatorRow
from ..normalize.numbers import is_blank, nfkc, try_amount

_REFERENCE = Path(__file__).resolve().parent.parent / "reference" / "performance.yaml"

# a CJK character or full-width punctuation: spaces next to one are layout, not content
_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef（）【】〔〕“”‘’、，。；：！？《》]"
_SPACE_NEAR_CJK = re.compile(rf"(?<={_CJK})\s+|\s+(?={_CJK})")
_SPACES = re.compile(r"\s+")

DEPARTMENT = "部门整体"  # project name of department-level indicators (整体绩效目标表, 整体自评表)


@dataclass(frozen=True)
class Vocabulary:
    level1: frozenset[str]
    level2: dict[str, str]  # level-2 name -> its level-1 name
    section_labels: tuple[str, ...]
    operators: dict[str, str]
    target_prefixes: tuple[tuple[str, str], ...]  # longest first
    units: tuple[str, ...]  # longest first
    level2_keywords: dict[str, tuple[str, ...]]  # 二级指标 -> words of indicator names
    summary_name_widths: dict[str, float]  # 12表 column -> characters per line of its 三级指标
    summary_value_starts: tuple[str, ...]  # first words of qualitative 指标值 ("有效", "明显")
    titles: dict[str, tuple[str, ...]]  # reader -> title words of its tables
    department_words: tuple[str, ...]  # title words of a department-level table
    table_ends: dict[str, tuple[str, ...]]  # reader -> patterns of a line that ends its table
    labels: dict[str, dict[str, Any]]  # reader -> row and column labels of its forms


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = yaml.safe_load(_REFERENCE.read_text(encoding="utf-8"))
    prefixes = sorted(data["target_prefixes"].items(), key=lambda kv: -len(kv[0]))
    return Vocabulary(
        level1=frozenset(data["level1"]),
        level2=dict(data["level2"]),
        section_labels=tuple(data["section_labels"]),
        operators={nfkc(k): v for k, v in data["operators"].items()},
        target_prefixes=tuple((nfkc(k), v) for k, v in prefixes),
        units=tuple(sorted((nfkc(u) for u in data["units"]), key=len, reverse=True)),
        level2_keywords={k: tuple(nfkc(w) for w in v) for k, v in data.get("level2_keywords", {}).items()},
        summary_name_widths=dict(data.get("summary_name_widths", {})),
        summary_value_starts=tuple(nfkc(w) for w in data.get("summary_value_starts", [])),
        titles={k: tuple(nfkc(w) for w in v) for k, v in data["titles"].items()},
        department_words=tuple(nfkc(w) for w in data["department_words"]),
        table_ends={k: tuple(v) for k, v in data["table_ends"].items()},
        labels=data["labels"],
    )


def is_department_title(title: str) -> bool:
    """A table title of the department as a whole (部门整体绩效目标表), not of one project."""
    return any(w in compact(title) for w in vocabulary().department_words)


def clean(text: str | None) -> str:
    """NFKC, drop spaces next to CJK characters (layout), collapse the others."""
    if text is None:
        return ""
    text = nfkc(text).strip()
    text = _SPACE_NEAR_CJK.sub("", text)
    return _SPACES.sub(" ", text)


def compact(text: str | None) -> str:
    """clean() without any spaces: for matching labels."""
    return _SPACES.sub("", clean(text))


def nonblank(cells: tuple[str, ...] | None) -> list[str]:
    return [c for c in (cells or ()) if not is_blank(c) and clean(c)]


def is_section_label(cell: str) -> bool:
    c = compact(cell)
    return any(c.startswith(label) for label in vocabulary().section_labels)


def parse_operator(cell: str) -> str | None:
    """The operator of a 指标性质 cell ("" for 定性), or None when the cell is not one."""
    return vocabulary().operators.get(compact(cell))


@dataclass(frozen=True)
class Target:
    operator: str
    target: str
    unit: str


def split_target(printed: str) -> Target:
    """'≥95%' -> (≥, 95, %); '≤800 元/人' -> (≤, 800, 元/人); qualitative text is kept whole."""
    text = clean(printed)
    operator = ""
    for prefix, op in vocabulary().target_prefixes:
        if text.startswith(prefix):
            operator, text = op, text[len(prefix) :].strip()
            break
    m = re.match(r"^(\d[\d,]*(?:\.\d+)?)\s*(.*)$", text)
    if m and (m.group(2) == "" or m.group(2) in vocabulary().units):
        return Target(operator, m.group(1), m.group(2))
    return Target(operator, text, "")


def target_row(project: str, level1: str, level2: str, level3: str, printed: str, ref: str) -> IndicatorRow:
    """An indicator of a target table: its printed 指标值 split into operator, target and unit
    (targets have no 完成值, 权重 or 得分)."""
    t = split_target(printed)
    return IndicatorRow(project, level1, level2, level3, t.operator, t.target, t.unit, "", None, None, ref)


def amount(cell: str | None) -> Decimal | None:
    return try_amount(clean(cell) if cell is not None else None)


def percent(cell: str | None) -> Decimal | None:
    c = compact(cell)
    if not c.endswith("%"):
        return None
    return try_amount(c[:-1])


def make_unique(rows: list[IndicatorRow], problems: list[str], where: str) -> list[IndicatorRow]:
    """Make (project, level1, level2, level3) unique: a repeated name gets ' (2)', ' (3)' ..."""
    seen: dict[tuple[str, str, str, str], int] = {}
    out = []
    for row in rows:
        key = (row.project, row.level1, row.level2, row.level3)
        n = seen.get(key, 0) + 1
        seen[key] = n
        if n > 1:
            new = f"{row.level3} ({n})"
            problems.append(
                f"{where} {row.source_ref}: indicator {row.level1}/{row.level2}/{row.level3!r} of "
                f"{row.project!r} repeats an earlier one; published as {new!r}"
            )
            row.level3 = new
        out.append(row)
    return out


def rate_consistent(rate: Decimal, numerator: Decimal, denominator: Decimal, places: int = 2) -> bool:
    """Does a printed percentage fit numerator/denominator, given both are rounded to `places`?

    A printed amount x stands for anything in [x - h, x + h] with h = half a unit of the last
    place, so the exact rate lies in an interval; the printed rate (itself rounded to its own
    places) must meet it.
    """
    if denominator <= 0:
        return rate == 0 and numerator == 0
    h = Decimal(1).scaleb(-places) / 2
    lo = max(numerator - h, Decimal(0)) / (denominator + h) * 100
    hi = (numerator + h) / max(denominator - h, Decimal("1e-9")) * 100
    exponent = rate.as_tuple().exponent
    rate_places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    rh = Decimal(1).scaleb(-rate_places) / 2
    return rate + rh >= lo and rate - rh <= hi
