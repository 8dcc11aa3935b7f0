"""Rows of the standard statements read from the narrative when the tables are missing.

Some disclosures (cangxi-2024-final) list their appendix tables but omit them: the
figures of 01–09表 then exist only in the 情况说明. This module reads those sentences
and emits the rows the tables would have carried — only figures the text states
(a field not stated stays None; nothing is derived). Sentence patterns and label
tables are data (generator/reference/prose_patterns.yaml).

Only statements missing from `have` are filled, so a document with tables yields
nothing. The function never raises on odd prose: a figure it cannot place is
reported in `problems` instead of being guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..model import (
    Document,
    EconomicRow,
    ExpenditureRow,
    Fact,
    GeneralBudgetRow,
    IncomeRow,
    Kind,
    SummaryRow,
    ThreePublicRow,
)
from ..normalize.codes import latest, lookup_economic_name, lookup_function_name
from ..normalize.numbers import try_amount
from .prose_text import Paragraph, narrative_part, paragraphs

_AMT = r"(?<![\d.])\d{1,3}(?:\s*,\s*\d{3})+(?:\s*\.\s*\d+)?|(?<![\d.])\d+(?:\s*\.\s*\d+)?"
_FIGURE = re.compile(rf"(?P<amt>{_AMT})\s*万元")
_BOUNDARY = set(",;。:、!?")
_INCOME_KEYS = frozenset(
    {
        "general_budget_appropriation", "gov_fund_appropriation", "state_capital_appropriation",
        "special_account_income", "unit_funds", "upper_subsidy", "business_income", "operating_income",
        "affiliated_income", "other_income", "income_subtotal", "non_fiscal_balance_used",
        "opening_balance", "income_total",
    }
)  # fmt: skip
_KIND_OF_TARGET = {
    "income": Kind.INCOME,
    "expenditure": Kind.EXPENDITURE,
    "general_budget": Kind.GENERAL_BUDGET,
    "function_class": Kind.GENERAL_BUDGET,
    "economic": Kind.BASIC_ECONOMIC,
    "economic_item": Kind.BASIC_ECONOMIC,
    "three_public": Kind.THREE_PUBLIC,
}
_FACT_KIND = {"gov_fund": Kind.GOV_FUND, "state_capital": Kind.STATE_CAPITAL, "three_public": Kind.THREE_PUBLIC}
# canonical names for a line stated only as "支出决算为…" after its item was named
_THREE_PUBLIC_NAMES = {
    "total": "“三公”经费",
    "overseas": "因公出国(境)费",
    "vehicle": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "reception": "公务接待费",
}


@dataclass
class ProseTables:
    summary: list[SummaryRow] = field(default_factory=list)
    income_by_function: list[IncomeRow] = field(default_factory=list)
    expenditure_by_function: list[ExpenditureRow] = field(default_factory=list)
    general_budget_expenditure: list[GeneralBudgetRow] = field(default_factory=list)
    basic_expenditure_economic: list[EconomicRow] = field(default_factory=list)
    three_public: list[ThreePublicRow] = field(default_factory=list)
    # figures of these sections that are not table rows: 三公 counts, 国内/外事接待 split,
    # 政府性基金/国有资本 expenditure stated as a figure
    facts: list[Fact] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def rows(self) -> list[Any]:
        """Every row (for generator.normalize.statements.add_rows); problems excluded."""
        return [
            *self.summary, *self.income_by_function, *self.expenditure_by_function,
            *self.general_budget_expenditure, *self.basic_expenditure_economic,
            *self.three_public, *self.facts,
        ]  # fmt: skip


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    text = resources.files("generator.reference").joinpath("prose_patterns.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("AMT", _AMT))


def _ref(pos_ref: str) -> str:
    return f"narrative:{pos_ref}"


def _amount(text: str) -> Decimal | None:
    return try_amount(re.sub(r"\s+", "", text))


class _Reader:
    """Walks the paragraphs of one document and collects rows."""

    def __init__(self, doc: Document, stage: str, have: set[Kind]) -> None:
        self.p = _patterns()
        self.doc_name = doc.path.name if doc.path else "document"
        self.stage = stage
        self.have = have
        self.out = ProseTables()
        self._summary: dict[tuple[str, str, str, str], SummaryRow] = {}
        self._income: IncomeRow | None = None
        self._expenditure: ExpenditureRow | None = None
        self._gb_total: GeneralBudgetRow | None = None
        self._gb_items: dict[tuple[str, int], GeneralBudgetRow] = {}
        self._econ: dict[tuple[str, str], EconomicRow] = {}
        self._three: dict[tuple[str, str], ThreePublicRow] = {}
        self._facts: dict[str, Fact] = {}
        self.category = ""  # 人员经费/公用经费 context of the basic-expenditure section
        self.section_kinds = {s["key"]: {Kind(k) for k in s["kinds"]} for s in self.p["sections"]}

    # ------------------------------------------------------------ helpers

    def problem(self, ref: str, message: str) -> None:
        self.out.problems.append(f"{self.doc_name} {ref} (narrative): {message}")

    def wanted(self, kind: Kind) -> bool:
        return kind not in self.have

    def _conflict(self, ref: str, what: str, old: Decimal | None, new: Decimal) -> bool:
        """True (and reported) when a figure restated later differs from the first statement."""
        if old is not None and old != new:
            self.problem(ref, f"{what} stated as {new} here but {old} before; keeping the first")
            return True
        return False

    # ------------------------------------------------------------ emitters

    def summary(self, statement: str, item_key: str, code: str, name: str, amt: Decimal, ref: str) -> None:
        if not self.wanted(Kind.SUMMARY if statement == "overall" else Kind.FISCAL_SUMMARY):
            return
        side = "income" if item_key in _INCOME_KEYS else "expenditure"
        key = (statement, side, item_key, code)
        row = self._summary.get(key)
        if row is not None:
            self._conflict(ref, f"{statement} {item_key}", row.amount, amt)
            return
        row = SummaryRow(statement, side, item_key, code, name, amt, _ref(ref))
        self._summary[key] = row
        self.out.summary.append(row)

    def total_field(self, target: str, fieldname: str, name: str, amt: Decimal, ref: str) -> None:
        """A field of the 合计 line of 02/03/05表."""
        if target == "income":
            if self._income is None:
                self._income = IncomeRow("total", 0, name, None, None, None, None, None, None, None, None, _ref(ref))
                self.out.income_by_function.append(self._income)
            row: Any = self._income
        elif target == "expenditure":
            if self._expenditure is None:
                self._expenditure = ExpenditureRow("total", 0, name, None, None, None, None, None, None, _ref(ref))
                self.out.expenditure_by_function.append(self._expenditure)
            row = self._expenditure
        else:
            if self._gb_total is None:
                self._gb_total = GeneralBudgetRow("total", 0, name, None, None, None, _ref(ref))
                self.out.general_budget_expenditure.append(self._gb_total)
            row = self._gb_total
        if not self._conflict(ref, f"{target} total {fieldname}", getattr(row, fieldname), amt):
            if fieldname == "total" and row.total is None:
                row.name, row.source_ref = name, _ref(ref)  # the line is named by its total
            setattr(row, fieldname, amt)

    def gb_item(self, code: str, level: int, name: str, amt: Decimal, ref: str) -> None:
        row = self._gb_items.get((code, level))
        if row is not None:
            self._conflict(ref, f"general budget {code}", row.total, amt)
            return
        row = GeneralBudgetRow(code, level, name, amt, None, None, _ref(ref))
        self._gb_items[(code, level)] = row
        self.out.general_budget_expenditure.append(row)

    def economic(self, code: str, level: int, name: str, category: str, amt: Decimal, ref: str) -> None:
        row = self._econ.get((category, code))
        if row is not None:
            self._conflict(ref, f"economic {code}", row.amount, amt)
            return
        row = EconomicRow(code, level, name, category, amt, _ref(ref))
        self._econ[(category, code)] = row
        self.out.basic_expenditure_economic.append(row)

    def three_public(self, phase: str, item_key: str, name: str, amt: Decimal, ref: str) -> None:
        row = self._three.get((phase, item_key))
        if row is not None:
            self._conflict(ref, f"三公 {phase} {item_key}", row.amount, amt)
            return
        row = ThreePublicRow(phase, item_key, name, amt, _ref(ref))
        self._three[(phase, item_key)] = row
        self.out.three_public.append(row)

    def fact(self, topic: str, label: str, value: Decimal, unit: str, quote: str, ref: str) -> None:
        old = self._facts.get(topic)
        if old is not None:
            self._conflict(ref, topic, old.value, value)
            return
        f = Fact(topic, label, value, unit, quote, _ref(ref))
        self._facts[topic] = f
        self.out.facts.append(f)

    # ------------------------------------------------------------ paragraphs

    def read(self, paras: list[Paragraph]) -> None:
        for para in paras:
            kinds = self.section_kinds.get(para.section)
            if not kinds or kinds <= self.have:
                continue  # not a statement section, or its tables exist
            consumed: set[int] = set()
            if para.section in ("overall", "fiscal"):
                self._both_totals(para, consumed)
            if para.section == "general_budget" and self.wanted(Kind.GENERAL_BUDGET):
                self._item_lines(para, consumed)
            if para.section == "three_public" and self.wanted(Kind.THREE_PUBLIC):
                self._no_budget(para)
                self._counts(para)
            self._figures(para, consumed)

    def _sentence(self, para: Paragraph, pos: int) -> str:
        start = para.text.rfind("。", 0, pos) + 1
        end = para.text.find("。", pos)
        end = len(para.text) if end < 0 else end + 1
        return para.original(start, end)

    def _both_totals(self, para: Paragraph, consumed: set[int]) -> None:
        statement = "overall" if para.section == "overall" else "fiscal"
        for m in _rx(self.p["both_totals"]).finditer(para.text):
            if self._is_change(para.text, m.start("amt")):
                continue
            amt = _amount(m.group("amt"))
            if amt is None:
                continue
            ref = para.ref_at(m.start("amt"))
            prefix = "财政拨款" if statement == "fiscal" else ""
            self.summary(statement, "income_total", "", f"{prefix}收入总计", amt, ref)
            self.summary(statement, "expenditure_total", "", f"{prefix}支出总计", amt, ref)
            consumed.add(m.start("amt"))

    def _item_lines(self, para: Paragraph, consumed: set[int]) -> None:
        """具体情况: "…(类)…(款)…(项):支出决算为x万元" → 05表 项 (or 款) lines."""
        item = _rx(self.p["item_line"])
        final = _rx(self.p["item_final"])
        strip = re.compile(self.p["label_strip"])
        matches = [m for m in item.finditer(para.text) if m.group("kuan") or m.group("xiang")]
        for n, m in enumerate(matches):
            stop = matches[n + 1].start() if n + 1 < len(matches) else len(para.text)
            f = final.search(para.text, m.end(), stop)
            ref = para.ref_at(m.start())
            names = {
                part: strip.sub("", m.group(part)).strip() if m.group(part) else ""
                for part in ("lei", "kuan", "xiang")
            }
            if f is None:
                self.problem(ref, f"item {m.group(0)!r}: no 支出决算 amount found")
                continue
            amt = _amount(f.group("amt"))
            consumed.add(f.start("amt"))
            code = self._function_code(names["lei"], names["kuan"], names["xiang"])
            if amt is None or code is None:
                self.problem(ref, f"item {m.group(0)!r}: no national code found for this name")
                continue
            part = "xiang" if m.group("xiang") else "kuan"
            name = para.original(m.start(part), m.end(part))
            name = strip.sub("", name).strip() if part == "kuan" and not m.group("kuan") else name
            self.gb_item(code, 3 if part == "xiang" else 2, name, amt, para.ref_at(f.start("amt")))

    def _function_code(self, lei: str, kuan: str, xiang: str) -> str | None:
        cls = lookup_function_name(lei, level=1)
        if cls is None:
            return None
        kcode = lookup_function_name(kuan, parent=cls, level=2) if kuan else None
        if kuan and (kcode is None or not kcode.startswith(cls)):
            return None
        if not xiang:
            return kcode
        assert kcode is not None
        code = lookup_function_name(xiang, parent=kcode, level=3)
        return code if code and code.startswith(kcode) else None

    def _no_budget(self, para: Paragraph) -> None:
        keys = {"因公出国": "overseas", "公务用车": "vehicle", "公务接待": "reception"}
        for m in _rx(self.p["no_budget"]).finditer(para.text):
            item = m.group("item")
            key = next(v for k, v in keys.items() if item.startswith(k))
            self.three_public("budget", key, para.original(m.start("item"), m.end("item")), Decimal("0"),
                              para.ref_at(m.start()))

    def _counts(self, para: Paragraph) -> None:
        for rule in self.p["counts"]:
            for m in re.finditer(rule["re"], para.text):
                raw = m.groupdict().get("n") or m.groupdict().get("n2")
                if raw is None:
                    continue
                group = "n" if m.groupdict().get("n") else "n2"
                self.fact(rule["topic"], para.original(m.start(), m.end()), Decimal(raw), rule["unit"],
                          self._sentence(para, m.start()), para.ref_at(m.start(group)))

    def _is_change(self, text: str, pos: int) -> bool:
        clause_start = max((text.rfind(c, 0, pos) for c in ",;。:"), default=-1) + 1
        return re.search(self.p["change_words"], text[clause_start:pos]) is not None

    def _figures(self, para: Paragraph, consumed: set[int]) -> None:
        """Every other "label x万元" of the paragraph, mapped by the section's label table."""
        strip = re.compile(self.p["label_strip"])
        rules = [r for r in self.p["labels"].get(para.section, []) if r.get("stage", self.stage) == self.stage]
        last_end = 0
        subject: str | None = None  # 三公: the item a bare "支出决算为" refers to
        for m in _FIGURE.finditer(para.text):
            pos = m.start("amt")
            start = max([last_end] + [para.text.rfind(c, 0, pos) + 1 for c in _BOUNDARY])
            if "。" in para.text[last_end:pos]:
                subject = None
            last_end = m.end()
            if pos in consumed or self._is_change(para.text, pos):
                continue
            amt = _amount(m.group("amt"))
            label = strip.sub("", para.text[start:pos]).strip()
            name = strip.sub("", para.original(start, pos)).strip()
            ref = para.ref_at(pos)
            rule = next((r for r in rules if re.search(r["re"], label)), None)
            if para.section == "three_public" and rule is None and subject:
                rule = {"three_public": subject}
            if amt is None or rule is None:
                self.problem(ref, f"figure {m.group(0)!r} (label {name!r}) in section {para.section!r} not placed")
                continue
            if "three_public" in rule:
                subject = rule["three_public"]
            self._apply(rule, para, label, name, amt, ref, pos)

    def _apply(self, rule: dict[str, Any], para: Paragraph, label: str, name: str, amt: Decimal,
               ref: str, pos: int) -> None:
        name = re.sub(r"(决算数|决算|年初预算|全年预算|预算数|预算)?\s*(均为|为|是)?$", "", name) or name
        if "ignore" in rule:
            return
        for target in ("income", "expenditure", "general_budget"):
            if target in rule and self.wanted(_KIND_OF_TARGET[target]):
                self.total_field(target, rule[target], name, amt, ref)
        if "summary" in rule:
            statement = "fiscal" if para.section == "fiscal" else "overall"
            self.summary(statement, rule["summary"], "", name, amt, ref)
        if "economic" in rule and self.wanted(Kind.BASIC_ECONOMIC):
            self._economic_total(rule["economic"], name, amt, ref)
        if rule.get("economic_item") and self.wanted(Kind.BASIC_ECONOMIC):
            self._economic_item(label, name, amt, ref)
        if rule.get("function_class") and self.wanted(Kind.GENERAL_BUDGET):
            code = lookup_function_name(label, level=1)
            if code is None:
                self.problem(ref, f"figure {amt}万元: {name!r} is not a known 类 name")
            else:
                self.gb_item(code, 1, name, amt, ref)
        if "three_public" in rule and self.wanted(Kind.THREE_PUBLIC):
            budget = self.stage == "budget" or re.search(self.p["budget_label"], label)
            phase = "budget" if budget else "final"
            item = rule["three_public"]
            if re.fullmatch(r"(支出)?(决算)?(数)?为?", name):
                name = _THREE_PUBLIC_NAMES.get(item, name)
            self.three_public(phase, item, name, amt, ref)
        if "fact" in rule and self.wanted(_FACT_KIND[para.section]):
            self.fact(rule["fact"], name, amt, "万元", self._sentence(para, pos), ref)

    def document_figures(self, paras: list[Paragraph]) -> None:
        """Summary lines stated only outside the 情况说明 (prose_patterns.yaml document_figures)."""
        if not self.wanted(Kind.SUMMARY):
            return
        for rule in self.p.get("document_figures", []):
            if rule.get("stage", self.stage) != self.stage:
                continue
            key = rule["summary"]
            side = "income" if key in _INCOME_KEYS else "expenditure"
            if ("overall", side, key, "") in self._summary:
                continue  # the 情况说明 states it
            found = [
                (amt, para.original(m.start("label"), m.end("label")), para.ref_at(m.start("amt")))
                for para in paras
                for m in _rx(rule["re"]).finditer(para.text)
                if not self._is_change(para.text, m.start("amt")) and (amt := _amount(m.group("amt"))) is not None
            ]
            values = {amt for amt, _, _ in found}
            if len(values) > 1:
                stated = ", ".join(f"{amt} at {ref}" for amt, _, ref in found)
                self.problem(found[0][2], f"{key} stated with different amounts ({stated}); none read")
                continue
            if found:
                amt, name, ref = found[0]
                self.summary("overall", key, "", name, amt, ref)

    def _economic_total(self, which: str, name: str, amt: Decimal, ref: str) -> None:
        if which == "total":
            # 06表 has no category-less total line: the stated 基本支出 is the basic column of
            # the 05表 合计 line
            if self.wanted(Kind.GENERAL_BUDGET):
                self.total_field("general_budget", "basic", name, amt, ref)
            return
        self.category = "personnel" if which == "total_personnel" else "public"
        self.economic(which, 0, name, self.category, amt, ref)

    def _economic_item(self, label: str, name: str, amt: Decimal, ref: str) -> None:
        code = lookup_economic_name(label, level=2)
        entry = latest("economic_codes", code) if code else None
        if entry is None:
            self.problem(ref, f"figure {amt}万元: {name!r} is not a known economic 款 name")
            return
        category = self.category or entry.category
        if category not in ("personnel", "public"):
            self.problem(ref, f"figure {amt}万元: {name!r} has no 人员经费/公用经费 category")
            return
        if self.category and entry.category != self.category:
            self.problem(ref, f"{name!r} ({entry.code}) listed under {self.category} but coded {entry.category}")
        self.economic(entry.code, 2, name, category, amt, ref)


def tables_from_prose(doc: Document, stage: str, have: set[Kind]) -> ProseTables:
    """Rows of the statements missing from `have`, read from the document's 情况说明."""
    reader = _Reader(doc, stage, set(have))
    p = reader.p
    wanted_kinds = {k for s in p["sections"] for k in reader.section_kinds[s["key"]]}
    if wanted_kinds <= reader.have:
        return reader.out
    sections = [(s["key"], re.compile(s["re"])) for s in p["sections"]]
    part = narrative_part(doc, re.compile(p["part_start"]), [re.compile(e) for e in p["part_end"]])
    if part is None:
        reader.problem("-", "no 情况说明 part found: missing statements cannot be read from the narrative")
        return reader.out
    try:
        reader.read(paragraphs(part, re.compile(p["heading"]), sections, re.compile(p["subheading"])))
        reader.document_figures(paragraphs(doc.lines, re.compile(p["heading"]), []))
    except (ValueError, IndexError, re.error) as exc:  # odd prose must not stop the pipeline
        reader.problem("-", f"narrative not fully read: {exc}")
    return reader.out
