"""A 收支总表 that the converter ran into one line (an OCR-to-Markdown export).

The token order still follows the template: each label is followed by its line number(s)
and amounts, labels of the two sides interleaved. The lines recovered from it are
published only if they satisfy the table's own sums.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Line, Statement, SummaryRow
from .numbers import is_amount, nfkc, parse_amount, to_wan
from .refs import ZERO, location, table_ref
from .rows import clean_name, has_cjk, is_note
from .summary_lines import FISCAL_INCOME, SummaryEntry, is_lineno, known_label, summary_key, summary_rows


def run_together_line(body_lines: list[Line]) -> Line | None:
    """A line into which the converter ran a whole 收支总表."""
    for line in body_lines:
        s = nfkc(line.text)
        if len(re.findall(r"[一二三四五六七八九十]+、", s)) >= 8:
            return line
    return None


_AMT = r"(\d{1,3}(?:\s?,\s?\d{3})*\s?\.\s?\d{2})"


def _split_run(tokens: list[str]) -> list[str]:
    """A run of label tokens of a garbled line: each label the longest known run of tokens
    (the converter put labels of both sides next to each other); unknown words stay single."""
    labels: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            label = clean_name(" ".join(tokens[i:j]))
            if known_label(label):
                break
        else:
            j, label = i + 1, clean_name(tokens[i])
        labels.append(label)
        i = j
    return labels


@dataclass
class _Garbled:
    label: str
    linenos: list[str]
    amounts: list[str]


def _garbled_tokens(line: Line) -> list[str]:
    """Tokens with OCR spaces inside numbers closed ("1, 627. 17" → "1,627.17")."""
    return re.sub(r"(?<=\d)\s*([,.])\s*(?=\d)", r"\1", nfkc(line.text)).split()


def _garbled_walk(tokens: list[str]) -> list[_Garbled]:
    """Labels in token order, each with the line numbers and amounts that follow it up to the
    next label (the template prints a line's amounts after its label)."""
    out: list[_Garbled] = []
    run: list[str] = []
    for tok in tokens + ["\0"]:
        if has_cjk(tok):
            run.append(tok)
            continue
        if run:
            out.extend(_Garbled(label, [], []) for label in _split_run(run))
            run = []
        if not out or tok == "\0":
            continue
        if is_lineno(tok) and "." not in tok:
            out[-1].linenos.append(tok)
        elif is_amount(tok):
            out[-1].amounts.append(tok)
    return out


def _garbled_entries(st: Statement, line: Line, problems: list[str]) -> list[SummaryEntry] | None:
    """Entries of a 收支总表 garbled into one line; None if the walk leaves anything in doubt."""
    tokens = _garbled_tokens(line)
    # the header ends with the 栏次 numbering; its words (财政拨款 …) are not lines
    head = max((i + 1 for i, t in enumerate(tokens) if "栏次" in t), default=0)
    first = next((i for i, t in enumerate(tokens) if i >= head and has_cjk(t) and known_label(clean_name(t))), None)
    if first is None:
        return None
    before = [t for t in tokens[:first] if is_amount(t) and "." in t]
    if before:
        problems.append(f"{location(st, line.ref)}: amounts {before} before the first line label")
        return None
    entries: list[SummaryEntry] = []
    previous: dict[str, str | None] = {"income": None, "expenditure": None}
    for g in _garbled_walk(tokens[first:]):
        looked_up = {side: summary_key(g.label, side, previous[side]) for side in ("income", "expenditure")}
        keys = {side: k for side, k in looked_up.items() if k is not None}
        sides = list(keys)
        if not sides:
            if g.amounts:
                problems.append(f"{location(st, line.ref)}: amounts {g.amounts} follow the unknown label {g.label!r}")
                return None
            continue  # header words and noise
        if len(sides) == 2:
            # one label for the same line of both sides: only when it carries a line number per side
            if len(g.linenos) != 2 or g.amounts:
                problems.append(f"{location(st, line.ref)}: {g.label!r} may be either side ({g.linenos}, {g.amounts})")
                return None
            for side, lineno in zip(("income", "expenditure"), g.linenos, strict=True):
                entries.append(SummaryEntry(side, g.label, lineno, [], False, line.ref))
                previous[side] = keys[side][0]
            continue
        side = sides[0]
        previous[side] = keys[side][0]
        entries.append(SummaryEntry(side, g.label, (g.linenos or [""])[0], g.amounts, False, line.ref))
    return entries


def _garbled_totals(st: Statement, after: list[Line], problems: list[str]) -> list[SummaryEntry]:
    """The 总计 lines printed after the garbled line as loose labels and amounts. The amounts'
    order there says nothing, so they are read only if every one is the same figure."""
    words = [clean_name(t) for ln in after for t in _garbled_tokens(ln) if has_cjk(t)]
    amounts = [a for ln in after for a in _garbled_tokens(ln) if is_amount(a) and "." in a]
    ref = f"{after[0].ref}-{after[-1].ref}" if len(after) > 1 else after[0].ref if after else ""
    if not words or any(summary_key(w, "income") != ("income_total", "") for w in words) or len(words) != 2:
        if amounts:
            problems.append(f"{location(st, ref)}: loose lines {words} {amounts} after the garbled line not read")
        return []
    if not amounts:
        return [SummaryEntry("income", words[0], "", [], False, ref), SummaryEntry("expenditure", words[1], "", [], False, ref)]
    values = {to_wan(parse_amount(a), st.unit) for a in amounts}
    if len(values) != 1:
        problems.append(f"{location(st, ref)}: 总计 amounts {amounts} differ and their order is lost; not read")
        return []
    return [
        SummaryEntry("income", words[0], "", amounts[:1], False, ref),
        SummaryEntry("expenditure", words[1], "", amounts[1:], False, ref),
    ]


def _garbled_consistent(rows: list[SummaryRow]) -> list[str]:
    """What the recovered lines contradict: every line must fit the table's own sums."""
    def one(side: str, key: str) -> Decimal | None:
        found = [r.amount for r in rows if r.side == side and r.item_key == key]
        return found[0] if len(found) == 1 else None

    wrong: list[str] = []
    income_lines = [r.amount for r in rows if r.side == "income" and r.item_key in FISCAL_INCOME]
    classes = [r.amount for r in rows if r.item_key == "function_class"]
    for side, parts, subtotal in (
        ("income", income_lines, "income_subtotal"), ("expenditure", classes, "expenditure_subtotal"),
    ):
        sub = one(side, subtotal)
        known = [p for p in parts if p is not None]
        if sub is None or len(known) != len(parts) or sum(known, ZERO) != sub:
            wrong.append(f"{side} lines {parts} do not add up to {subtotal} {sub}")
    for side, sub_key, balance_key, total_key in (
        ("income", "income_subtotal", "opening_balance", "income_total"),
        ("expenditure", "expenditure_subtotal", "closing_balance", "expenditure_total"),
    ):
        sub_v, balance_v, total_v = one(side, sub_key), one(side, balance_key), one(side, total_key)
        if total_v is not None and (sub_v is None or balance_v is None or sub_v + balance_v != total_v):
            wrong.append(f"{side} {total_key} {total_v} is not {sub_key} + {balance_key} {[sub_v, balance_v]}")
    for r in rows:
        split = (r.general_budget, r.gov_fund, r.state_capital)
        known_split = [v for v in split if v is not None]
        if r.side == "expenditure" and r.amount is not None and len(known_split) == len(split) and sum(known_split, ZERO) != r.amount:
            wrong.append(f"{r.name} {r.amount} is not the sum of its fund columns {split}")
    return wrong


def parse_run_together(st: Statement, line: Line, statement: str, problems: list[str]) -> list[SummaryRow]:
    """A 收支总表 run into one line.

    The token order still follows the template: each label is followed by its line
    number(s) and amounts, labels of the two sides interleaved. Every label gets the amounts
    after it up to the next label; a label printed once with two line numbers is the same
    sub-line of both sides. The result is published only if it satisfies the table's sums
    (lines = 本年合计, 本年合计 + 结转 = 总计, fund columns = 合计); otherwise only the
    本年收入合计 / 本年支出合计, which stand next to their labels, are read.
    """
    local: list[str] = []
    lines = [ln for ln in st.lines if nfkc(ln.text).strip()]
    after = []
    for ln in lines[lines.index(line) + 1:]:
        text = nfkc(ln.text).strip()
        if is_note(text) or text.startswith("注"):
            break
        after.append(ln)
    entries = _garbled_entries(st, line, local)
    rows: list[SummaryRow] = []
    wrong: list[str] = []
    if entries is not None:
        entries += _garbled_totals(st, after, local)
        funds = statement == "fiscal"
        rows = summary_rows(st, statement, entries, funds, local)
        wrong = _garbled_consistent(rows)
    if entries is not None and not wrong and not local:
        problems.extend(local)
        amounts = sum(1 for r in rows if r.amount)
        problems.append(
            f"{location(st, line.ref)}: the table is garbled into one line; {len(rows)} lines recovered from the "
            f"template's token order ({amounts} with amounts, the others listed without one, read as 0), "
            f"checked against the table's sums; line numbers missing from the text: "
            f"{_missing_linenos(line, after) or 'none'}; the statement is kept raw too"
        )
        return rows
    out = []
    s = nfkc(line.text)
    for label, key, side in (("本年收入合计", "income_subtotal", "income"), ("本年支出合计", "expenditure_subtotal", "expenditure")):
        m = re.search(re.escape(label) + r"\s+\d{1,2}\s+" + _AMT, s)
        if m:
            value = to_wan(parse_amount(m.group(1)), st.unit)
            out.append(SummaryRow(statement, side, key, "", label, value, f"{table_ref(st)}:{line.ref}"))
    problems.extend(local)
    problems.append(
        f"{location(st, line.ref)}: the table is garbled into one line and its lines cannot be placed reliably "
        f"({'; '.join(wrong) or 'see above'}); only {', '.join(r.name for r in out) or 'nothing'} extracted, "
        "the rest is kept raw"
    )
    return out


def _missing_linenos(line: Line, after: list[Line]) -> str:
    """Line numbers 1..n absent from the garbled text: the lines whose number was lost."""
    tokens = [t for ln in [line, *after] for t in _garbled_tokens(ln) if is_lineno(t) and "." not in t]
    numbers = {int(t) for t in tokens}
    top = max(numbers, default=0)
    return ", ".join(str(n) for n in range(1, top + 1) if n not in numbers)
