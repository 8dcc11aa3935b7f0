"""A row total lost from its line while its parts are printed (garbled 合计 lines).

Some converters drop the total cell of the 合计 line and run several renderings of the
table into another line. The total is then read from such a reprint only when the reprint
repeats the line's printed parts; otherwise it is left empty, never derived from the parts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Statement
from .numbers import is_blank, nfkc, parse_amount, to_wan
from .plaintext_columns import WorkRow
from .refs import ZERO, location

_REPRINT = re.compile(r"合计\s+(" + r"\d{1,3}(?:,\d{3})*\.\d{2}" + r"(?:\s+\d{1,3}(?:,\d{3})*\.\d{2})+)")


def _reprinted_total(st: Statement, w: WorkRow, parts: list[int]) -> tuple[Decimal, list[str]] | None:
    """The 合计 amount of a row whose total cell was lost, read from a garbled reprint of the
    table in the same statement (an OCR-to-Markdown export: the converter ran several renderings
    of the table into one line, each with "合计 1,627.17 189.66 …").

    A reprint counts only if, after its first amount, it repeats the row's printed parts in
    order; every such reprint must give the same total. None otherwise.
    """
    printed = [w.vector[i] for i in sorted(parts) if w.vector[i]]
    if not printed:
        return None
    found: set[Decimal] = set()
    refs: list[str] = []
    for line in st.lines:
        if line.ref == w.raw.ref:
            continue
        texts = line.cells if line.cells is not None else (line.text,)
        for text in texts:
            squashed = re.sub(r"\s*([,.])\s*", r"\1", nfkc(text))
            for m in _REPRINT.finditer(squashed):
                amounts = [to_wan(parse_amount(a), st.unit) for a in m.group(1).split()]
                rest = amounts[1:]
                n = min(len(rest), len(printed))
                if n and rest[:n] == printed[:n]:
                    found.add(amounts[0])  # type: ignore[arg-type]
                    if line.ref not in refs:
                        refs.append(line.ref)
    if len(found) != 1:
        return None
    return next(iter(found)), refs


def check_totals(works: list[WorkRow], parts: list[int], st: Statement, problems: list[str]) -> None:
    """A total left blank while its parts are not is a lost cell, not a zero (garbled 合计 lines).

    It is taken from a garbled reprint of the 合计 row in the same statement when one agrees
    with the printed parts; otherwise left empty (never derived from the parts).
    """
    for w in works:
        known = [w.vector[i] for i in parts if w.vector[i] is not None]
        if w.vector and w.vector[0] == ZERO and any(v for v in known) and is_blank((w.raw.values or [""])[0]):
            reprint = _reprinted_total(st, w, parts) if w.code == "total" else None
            if reprint is not None:
                w.vector[0], refs = reprint
                w.extra_refs.extend(refs)
                problems.append(
                    f"{location(st, w.raw.ref)}: total of {w.raw.name!r} is lost from its line; {w.vector[0]} read from "
                    f"the garbled reprint of the 合计 row at {', '.join(refs)} (its other amounts equal this line's)"
                )
                continue
            w.vector[0] = None
            problems.append(
                f"{location(st, w.raw.ref)}: total of {w.raw.name!r} is not printed on its line (parts are) and no "
                "reprint of the 合计 row agrees with them; left empty, not derived"
            )
