"""Place the amounts of a plain-text row into value columns.

Plain-text exports lose blank cells, so "2101301 城乡医疗救助 966.29 966.29" does not
say which column the second amount is in. The column is found by solving the
table's own arithmetic: each row's total is the sum of its parts, and each parent
row is the sum of its children, column by column. If that leaves more than one
answer the row is reported, never guessed. Rows with cells are positional and pass
through unchanged.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import InputError, Statement
from .codes import parent_of
from .numbers import is_blank
from .refs import ZERO, cell_amount, location
from .rows import RawRow


@dataclass
class WorkRow:
    """A data row on its way to a published row."""

    raw: RawRow
    code: str  # "total", a functional code, or "" while unknown
    level: int
    vector: list[Decimal | None] = field(default_factory=list)
    candidates: list[tuple[Decimal, ...]] = field(default_factory=list)
    extra_refs: list[str] = field(default_factory=list)  # other lines a value was read from


def _candidates(
    work: WorkRow, width: int, parts: list[int], unit: str, where: str, active: list[int] | None = None
) -> list[tuple[Decimal, ...]]:
    """The vectors a plain-text row can stand for: its first amount is the total, the others
    fill some of the remaining columns in order (only `active` ones, when known)."""
    amounts = [cell_amount(v, unit, where) for v in work.raw.values]
    if len(amounts) > width:
        raise InputError(f"{where}: {len(amounts)} amounts but the table has {width} columns")
    if not amounts:
        return [tuple([ZERO] * width)]
    if len(amounts) == width:
        return [tuple(amounts)]
    total, rest = amounts[0], amounts[1:]
    columns = [c for c in range(1, width) if active is None or c in active]
    if len(columns) < len(rest):
        columns = list(range(1, width))
    out = []
    for cols in itertools.combinations(columns, len(rest)):
        vec = [ZERO] * width
        vec[0] = total
        for c, v in zip(cols, rest, strict=True):
            vec[c] = v
        out.append(tuple(vec))
    fitting = [v for v in out if sum((v[i] for i in parts), ZERO) == v[0]]
    return fitting or out


class _Solver:
    """Which candidate vectors of each row can be part of an assignment in which every
    parent row equals the sum of its children, column by column."""

    def __init__(self, works: list[WorkRow], tolerance: Decimal, budget: int = 200_000) -> None:
        self.works = works
        self.tolerance = tolerance
        self.budget = budget
        index = {w.code: i for i, w in enumerate(works)}
        root = index.get("total")
        children: dict[int, list[int]] = {}
        for i, w in enumerate(works):
            if w.code == "total":
                continue
            parent = parent_of(w.code)
            p = index.get(parent) if parent else root
            if p is not None:
                children.setdefault(p, []).append(i)
        self.groups = list(children.items())
        self.groups_of: dict[int, list[tuple[int, list[int]]]] = {}
        for g in self.groups:
            for member in (g[0], *g[1]):
                self.groups_of.setdefault(member, []).append(g)
        self.nonneg = all(v >= 0 for w in works for c in w.candidates for v in c)
        self.exhausted = False

    def _ok(self, chosen: list[tuple[Decimal, ...] | None], i: int) -> bool:
        for p, kids in self.groups_of.get(i, []):
            pv = chosen[p]
            assigned = [a for k in kids if (a := chosen[k]) is not None]
            if pv is None or not assigned:
                continue
            for c in range(len(pv)):
                s = sum((v[c] for v in assigned), ZERO)
                if len(assigned) == len(kids):
                    if abs(s - pv[c]) > self.tolerance:
                        return False
                elif self.nonneg and s - pv[c] > self.tolerance:
                    return False
        return True

    def find(self, fixed: dict[int, tuple[Decimal, ...]]) -> list[tuple[Decimal, ...]] | None:
        """One full assignment respecting `fixed`, or None (also when the search budget runs out)."""
        works = self.works
        chosen: list[tuple[Decimal, ...] | None] = [None] * len(works)
        steps = 0

        def search(i: int) -> bool:  # rows in table order: parents come before their children
            nonlocal steps
            if i == len(works):
                return True
            options = [fixed[i]] if i in fixed else works[i].candidates
            for cand in options:
                steps += 1
                if steps > self.budget:
                    self.exhausted = True
                    return False
                chosen[i] = cand
                if self._ok(chosen, i) and search(i + 1):
                    return True
            chosen[i] = None
            return False

        return [c for c in chosen if c is not None] if search(0) else None

    def feasible_sets(self) -> list[list[tuple[Decimal, ...]]] | None:
        """Per row, the candidates that occur in some full assignment; None if there is none."""
        first = self.find({})
        if first is None:
            return None
        feasible: list[set[tuple[Decimal, ...]]] = [{c} for c in first]
        for i, w in enumerate(self.works):
            for cand in w.candidates:
                if cand in feasible[i]:
                    continue
                found = self.find({i: cand})
                if found is not None:
                    for j, c in enumerate(found):
                        feasible[j].add(c)
                elif self.exhausted:  # unknown: count it as possible, so nothing is guessed
                    feasible[i].add(cand)
                    self.exhausted = False
        return [[c for c in w.candidates if c in feasible[i]] for i, w in enumerate(self.works)]


def place_amounts(
    works: list[WorkRow], width: int, parts: list[int], st: Statement, problems: list[str], active: list[int] | None = None
) -> None:
    """Fill `vector` of every row; plain-text rows by solving the table's sums."""
    unit = st.unit
    for w in works:
        where = location(st, w.raw.ref)
        if w.raw.positional:
            values = list(w.raw.values)
            extra = [v for v in values[width:] if not is_blank(v)]
            if extra:
                problems.append(f"{where}: cells beyond the {width} value columns ignored: {extra}")
            values = (values + [""] * width)[:width]
            w.candidates = [tuple(cell_amount(v, unit, where) for v in values)]
        else:
            w.candidates = _candidates(w, width, parts, unit, where, active)
    if all(len(w.candidates) == 1 for w in works):
        for w in works:
            w.vector = list(w.candidates[0])
        return
    feasible = _Solver(works, ZERO).feasible_sets()
    note = ""
    if feasible is None:
        feasible = _Solver(works, Decimal("0.02")).feasible_sets()
        note = " (only within a rounding tolerance of 0.02)"
    if feasible is None:
        problems.append(f"{location(st)}: no placement of the plain-text amounts satisfies the table's sums; unplaced cells left empty")
        feasible = [w.candidates for w in works]
    for w, options in zip(works, feasible, strict=True):
        if len(options) == 1:
            w.vector = list(options[0])
            if note and len(w.candidates) > 1:
                problems.append(f"{location(st, w.raw.ref)}: columns of {w.raw.values} inferred{note}")
            continue
        # columns on which all possibilities agree are known; the others are not guessed
        w.vector = [options[0][0]] + [None] * (width - 1)
        for c in range(1, width):
            col = {o[c] for o in options}
            if len(col) == 1:
                w.vector[c] = next(iter(col))
        problems.append(f"{location(st, w.raw.ref)}: cannot tell which columns hold {w.raw.values} ({len(options)} possibilities); left empty")
