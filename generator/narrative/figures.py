"""Numbers with a fact unit in a sentence of the narrative (Figure), with the clause that
names them, their qualifier (a bound, an approximation) and their place in a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..normalize.numbers import find_numbers
from .fact_config import Config
from .sentences import WINDOW

CLAUSE_END = re.compile(r"[,;:。!?]|(?<=[元%辆人个分台套次项家种类件名条场批室股心倍)])、")
HARD_CLAUSE_END = re.compile(r"[,;:。!?]")
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Figure:
    value: Decimal
    unit: str
    start: int  # offset in the sentence
    lead: str  # clause text before the number
    before: str  # sentence text before the number
    clause: str = ""  # the whole clause before the number, earlier figures included
    printed: str = ""  # the figure as printed with its qualifier: "30余次", "95%以上", "大于97%"
    qualified: bool = False  # a bound or an approximation ("大于97%", "95%以上", "30余次")
    after: str = ""  # sentence text after the figure (its unit and qualifier excluded)
    item: int = 0  # its place in a list sharing one clause ("分别达77.6%、69.2%")
    items: int = 1  # how many figures that list has
    joined: bool = False  # printed right after the previous figure ("1室4股1中心")
    compound: bool = False  # one of a run of joined figures: "内设1室4股1中心"


def figures(sentence: str, cfg: Config) -> list[Figure]:
    """Numbers with a fact unit, skipping thresholds (100万元以上设备, 大于10%的项目),
    ordinals (第二批), ranges and dates. A bound that ends its clause ("执行率大于97%。",
    "激活率达95%以上,") is a stated figure, kept with `qualified`."""
    out: list[Figure] = []
    previous_end = 0  # a lead never reaches back over an earlier figure ("人员经费245.69万元和日常公用经费")
    for value, start, end in find_numbers(sentence):
        rest = sentence[end:]
        approx = rest.startswith("余")  # "30余次", "7390余人次"
        if approx:
            rest = rest[1:]
        unit = next((u for rx, u in cfg.units if rx.match(rest)), None)
        if unit is None or cfg.never_units.match(rest):
            continue
        unit_len = next(rx.match(rest).end() for rx, u in cfg.units if u == unit and rx.match(rest))  # type: ignore[union-attr]
        before = sentence[max(0, start - WINDOW):start]
        if cfg.skip_before.search(before):
            continue
        after = rest[unit_len:unit_len + WINDOW]
        bound = cfg.bound_before.search(before)
        tail = cfg.bound_after.match(after)
        tail_len = tail.end() if tail else 0
        if (bound or tail) and not cfg.clause_end.match(after[tail_len:]):
            continue  # a threshold naming a category, not a figure
        clause_start = max(previous_end, start - WINDOW)
        for m in CLAUSE_END.finditer(sentence, clause_start, start):
            clause_start = m.end()
        whole_clause = max(0, start - WINDOW)  # "报销比例分别达77.6%、69.2%": a list inside a clause stays whole
        for m in HARD_CLAUSE_END.finditer(sentence, whole_clause, start):
            whole_clause = m.end()
        clause = sentence[whole_clause:start]
        item = 0
        joined = bool(out) and previous_end == start
        if out and (sentence[previous_end:start] in ("、", "和", "及") or joined):
            clause = out[-1].clause  # "报销比例分别达77.6%、69.2%": a list shares its clause
            item = out[-1].item + 1
        figure_end = end + approx + unit_len + tail_len
        previous_end = figure_end
        printed = (bound.group(0) if bound else "") + sentence[start:figure_end]
        out.append(
            Figure(value, unit, start, sentence[clause_start:start], before, clause, printed, bool(bound or tail or approx),
                   sentence[figure_end:figure_end + WINDOW], item, joined=joined)
        )
    # the size of each list: figures i-n..i with items 0..n-1
    for i in range(len(out) - 1, -1, -1):
        if i + 1 < len(out) and out[i + 1].item == out[i].item + 1:
            out[i] = replace(out[i], items=out[i + 1].items,
                             compound=out[i].joined or out[i + 1].compound or out[i + 1].joined)
        else:
            out[i] = replace(out[i], items=out[i].item + 1, compound=out[i].joined)
    return out
