"""Figures stated in the narrative (情况说明 and other prose) → `facts` rows.

Every number followed by a fact unit (万元, %, 人, 辆, 台(套), 分, 个 …) in the prose
regions of a document becomes a Fact. Its topic_key is composed from data in
generator/reference/fact_topics.yaml (see the comments there):

    topic (what)  + modifier (which aspect: change, share, 年初预算, …)  → key

A figure whose clause names no topic inherits the paragraph's subject ("…增加393.1万元,
增长24.2%" → total_change, total_change_pct). A figure no rule claims is still kept
under a generic key by its unit with the clause as label: other_amount (万元), work_rate
(a % of a 率/比例) or other_pct, work_persons (人/人次/万人/万人次), work_staff (名),
work_times (次), work_units (个/家/种/件/批/类/…), other_count; a key of several units carries
the unit as its parameter (work_persons:万人, work_units:家). In 重点工作 only amounts go
through the topics; its counts and rates are generic. A bound that ends its clause
("执行率大于97%", "参保率稳定在95%以上", "30余次") is a figure, labelled with its bound;
one that names a category ("大于10%的项目", "100万元以上设备") is not.

Keys are unique within a disclosure: the first statement of a topic keeps the plain key,
each later statement gets "@<part.section[.subsection]>" (".2", ".3" if repeated in the
same section) so text-vs-table checks see every repeated statement; the base topic is
`topic_key.split("@")[0]`.

Decreases (减少/下降/降低) are negative: a change is always "this − the comparison".
Percentages are kept as printed. Values are Decimal as printed (OCR spaces removed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..model import Document, Fact, Kind
from ..normalize.codes import lookup_economic_name, lookup_function_name
from ..normalize.numbers import find_numbers, nfkc
from .meaning import ParagraphParts, share_keys
from .sentences import PART, Paragraph, Sentence, paragraphs, region_rules, sentences, text_lines

QUOTE_MAX = 200
_CLAUSE_END = re.compile(r"[,;:。!?]|(?<=[元%辆人个分台套次项家种类件名条场批室股心倍)])、")
_HARD_CLAUSE_END = re.compile(r"[,;:。!?]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


# ---------------------------------------------------------------- configuration


@dataclass(frozen=True)
class Modifier:
    name: str
    pattern: re.Pattern[str]
    unit: str  # "%" | "topic" | a unit
    suffix: str
    label: str
    sign: int = 1
    phase: str | None = None


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    unit: str
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None = None
    before: re.Pattern[str] | None = None
    units: tuple[str, ...] = ()
    phased: bool = False
    keys: dict[str, Any] = field(default_factory=dict)
    companions: dict[str, str] = field(default_factory=dict)
    function_class: bool = False
    economic: bool = False
    dimension: bool = False
    # "项目支出176.60万元,主要为卫生健康支出176.6万元": a part of the previous figure's topic,
    # keyed <prefix><key> (project_class_amount:210) when the previous figure of the sentence
    # is a topic listed here and the lead matches `within_lead`
    within: dict[str, str] = field(default_factory=dict)
    within_lead: re.Pattern[str] | None = None
    # "1.部门日常管理经费11.8万元,主要成效": the label names the item, group "name" of this
    # regex on the sentence before the figure ("部门日常管理经费" + label)
    name: re.Pattern[str] | None = None
    # the label in a 预算 disclosure, where the figure is a budget ("政府采购预算总额", not 支出)
    budget_label: str = ""


@dataclass(frozen=True)
class Config:
    regions: list
    skip_paragraphs: list[re.Pattern[str]]
    execution_paragraph: re.Pattern[str]
    units: list[tuple[re.Pattern[str], str]]
    never_units: re.Pattern[str]
    skip_before: re.Pattern[str]
    bound_before: re.Pattern[str]
    bound_after: re.Pattern[str]
    clause_end: re.Pattern[str]
    modifiers: list[Modifier]
    no_change: re.Pattern[str]
    other_year: re.Pattern[str]
    clause_year: re.Pattern[str]
    clause_year_reset: re.Pattern[str]
    zero_statements: list[tuple[re.Pattern[str], list[str]]]
    topics: list[Topic]
    companion_labels: dict[str, dict[str, str]]
    fillers: re.Pattern[str]
    score_dimensions: dict[str, str]
    fallback: dict[str, str]
    fallback_units: dict[str, str] = field(default_factory=dict)
    fallback_rate: re.Pattern[str] | None = None
    document: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, Any] = field(default_factory=dict)

    def topic(self, key: str) -> Topic | None:
        return next((t for t in self.topics if t.key == key), None)


@lru_cache(maxsize=1)
def config() -> Config:
    text = resources.files("generator.reference").joinpath("fact_topics.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return Config(
        regions=region_rules(raw["regions"]),
        skip_paragraphs=[re.compile(p) for p in raw["skip_paragraphs"]],
        execution_paragraph=re.compile(raw["execution_paragraph"]),
        units=[(re.compile("^" + u["re"]), u["unit"]) for u in raw["units"]],
        never_units=re.compile(raw["never_units"]),
        skip_before=re.compile(raw["skip_before"]),
        bound_before=re.compile(raw["bound_before"]),
        bound_after=re.compile(raw["bound_after"]),
        clause_end=re.compile(raw["clause_end"]),
        modifiers=[
            Modifier(m["name"], re.compile(m["re"]), m["unit"], m["suffix"], m["label"], m.get("sign", 1), m.get("phase"))
            for m in raw["modifiers"]
        ],
        no_change=re.compile(raw["no_change"]),
        other_year=re.compile(raw["other_year"]),
        clause_year=re.compile(raw["clause_year"]),
        clause_year_reset=re.compile(raw["clause_year_reset"]),
        zero_statements=[(re.compile(z["re"]), z["keys"]) for z in raw["zero_statements"]],
        topics=[
            Topic(
                key=t["key"],
                label=t["label"],
                unit=t["unit"],
                pattern=re.compile(t["re"]),
                context=re.compile(t["context"]) if t.get("context") else None,
                before=re.compile(t["before"]) if t.get("before") else None,
                units=tuple(t.get("units", ())),
                phased=bool(t.get("phased")),
                keys=t.get("keys", {}),
                companions=t.get("companions", {}),
                function_class=bool(t.get("function_class")),
                economic=bool(t.get("economic")),
                dimension=bool(t.get("dimension")),
                within=t.get("within", {}),
                within_lead=re.compile(t["within_lead"]) if t.get("within_lead") else None,
                name=re.compile(t["name"]) if t.get("name") else None,
                budget_label=t.get("budget_label", ""),
            )
            for t in raw["topics"]
        ],
        companion_labels=raw.get("companion_labels", {}),
        fillers=re.compile(raw["fillers"]),
        score_dimensions=raw["score_dimensions"],
        fallback=raw["fallback"],
        fallback_units={u: key for key, units in raw.get("fallback_units", {}).items() for u in units},
        fallback_rate=re.compile(raw["fallback_rate"]) if raw.get("fallback_rate") else None,
        document=raw.get("document", {}),
        labels={k: (v if isinstance(v, dict) else re.compile(v)) for k, v in raw["labels"].items()},
    )


# ---------------------------------------------------------------- figures in a sentence


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
        before = sentence[:start]
        if cfg.skip_before.search(before):
            continue
        after = rest[unit_len:]
        bound = cfg.bound_before.search(before)
        tail = cfg.bound_after.match(after)
        tail_len = tail.end() if tail else 0
        if (bound or tail) and not cfg.clause_end.match(after[tail_len:]):
            continue  # a threshold naming a category, not a figure
        clause_start = previous_end
        for m in _CLAUSE_END.finditer(sentence, previous_end, start):
            clause_start = m.end()
        whole_clause = 0  # "报销比例分别达77.6%、69.2%": a list inside a clause stays whole
        for m in _HARD_CLAUSE_END.finditer(sentence, 0, start):
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
                   sentence[figure_end:], item, joined=joined)
        )
    # the size of each list: figures i-n..i with items 0..n-1
    for i in range(len(out) - 1, -1, -1):
        if i + 1 < len(out) and out[i + 1].item == out[i].item + 1:
            out[i] = replace(out[i], items=out[i + 1].items,
                             compound=out[i].joined or out[i + 1].compound or out[i + 1].joined)
        else:
            out[i] = replace(out[i], items=out[i].item + 1, compound=out[i].joined)
    return out


# ---------------------------------------------------------------- topic resolution


@dataclass
class Resolved:
    keys: list[str]
    label: str
    unit: str
    value: Decimal
    topic: Topic | None
    base_key: str = ""
    base_label: str = ""
    modifier: str = ""
    prefix: str = ""  # "project_": a part of the project expenditure (Topic.within)


def _modifier(lead: str, cfg: Config, unit: str) -> tuple[Modifier | None, str]:
    """The modifier of a figure and the lead text left for the topic search."""
    idx = lead.find("占")
    share = cfg.modifiers[0]
    if idx >= 0 and unit == "%" and share.pattern.search(lead):
        return share, lead[:idx]
    for mod in cfg.modifiers[1:]:
        if mod.unit == "%" and unit != "%":
            continue
        if mod.unit != "%" and unit == "%" and mod.name not in ("budget", "final"):
            continue
        m = mod.pattern.search(lead)
        if m:
            text = lead[: m.start()]
            # comparisons ("比年初预算数减少"): the topic text is what precedes 比/较/与
            cut = re.search(r"比|较|与", text)
            if mod.name.startswith(("change", "vs_budget")) and cut:
                text = text[: cut.start()]
            return mod, text
    return None, lead


def _class_code(name: str) -> tuple[str, str] | None:
    """(类 code, name as printed) for a class name, trying shorter suffixes ("主要为卫生健康支出")."""
    for i in range(len(name) - 1):
        code = lookup_function_name(name[i:], level=1, cutoff=0.99)
        if code:
            return code, name[i:]
    return None


def _find_topic(text: str, fig: Figure, context: str, para_before: str, cfg: Config, stage: str) -> tuple[Topic, str, str] | None:
    """(topic, key, label) of the first topic rule matching the lead text."""
    for topic in cfg.topics:
        if topic.context and not topic.context.search(context):
            continue
        if topic.before and not topic.before.search(fig.before):
            continue
        m = topic.pattern.search(text)
        if not m:
            continue
        if topic.economic:
            name = m.group("name")
            code = lookup_economic_name(name, level=2)
            return topic, f"{topic.key}:{code or name}", name
        if topic.function_class:
            # the class name: the first of the pattern's groups name, name2, … that matched
            name = next((v for k, v in m.groupdict().items() if k.startswith("name") and v), "")
            found = _class_code(name)
            if not found:
                continue
            return topic, f"{topic.key}:{found[0]}", found[1]
        if topic.dimension:
            d = re.search(r"([\u4e00-\u9fff]{2,12})[,:。]?得分(?:为)?$", para_before)
            if not d:
                continue
            dim = d.group(1)
            slug = cfg.score_dimensions.get(dim)
            return topic, f"{topic.key}:{slug}" if slug else topic.key, f"{dim}得分"
        if topic.name is not None:
            n = topic.name.search(fig.before)
            if n:
                return topic, topic.key, n.group("name") + topic.label
        return topic, topic.key, topic.budget_label if stage == "budget" and topic.budget_label else topic.label
    return None


def _derived(topic: Topic, base_key: str, base_label: str, mod: Modifier | None, stage: str) -> tuple[list[str], str]:
    """Keys and label of a figure of `topic` with modifier `mod`."""
    overrides = topic.keys
    suffix_of = base_key[len(topic.key) :]  # ":210" for class_amount:210
    if mod is None or mod.name in ("budget", "final"):
        if topic.phased:
            phase = mod.phase if mod else ("budget" if stage == "budget" else "final")
            label = base_label + ("预算数" if phase == "budget" else "决算数")
            return [f"{base_key}_{phase}"], label
        base = overrides.get("base")
        if base:
            return (list(base) if isinstance(base, list) else [base]), base_label
        return [base_key], base_label
    if mod.name == "initial":
        if "initial" in overrides:
            return [overrides["initial"]], base_label + mod.label
        if stage == "budget":
            return [base_key], base_label
    if mod.name in overrides:
        return [overrides[mod.name] + suffix_of], base_label + mod.label
    return [base_key + mod.suffix], base_label + mod.label


@dataclass
class Subject:
    topic: Topic
    key: str
    label: str
    prefix: str = ""


def _residual(text: str, cfg: Config) -> str:
    return cfg.fillers.sub("", text)


# ---------------------------------------------------------------- extraction


@dataclass
class _Collector:
    section_counts: dict[str, int] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    # (base key, sentence id, value, what tells apart two generic figures of one sentence)
    seen: set[tuple[str, int, str, str]] = field(default_factory=set)

    def add(
        self, key: str, label: str, value: Decimal | None, unit: str, sentence: Sentence, pos: int,
        year: int | None, generic: bool = False,
    ) -> None:
        sid = id(sentence.paragraph) * 100000 + sentence.start
        # a topic stated twice in a sentence is one fact; generic keys ("会计人员1名,出纳人员1名")
        # are told apart by their label and unit
        marker = (key, sid, str(value), f"{unit}|{label}" if generic else "")
        if marker in self.seen:
            return  # the same fact twice in one sentence
        self.seen.add(marker)
        topic_key = key
        if key in self.section_counts:
            tag = f"{key}@{sentence.paragraph.section}"
            n = self.section_counts.get(tag, 0)
            self.section_counts[tag] = n + 1
            topic_key = tag if n == 0 else f"{tag}.{n + 1}"
        else:
            self.section_counts[key] = 1
        self.facts.append(
            Fact(
                topic_key=topic_key,
                label=label,
                value=value,
                unit=unit,
                quote=_quote(sentence.text),
                source_ref=f"narrative:{sentence.ref_at(pos)}",
                year=year,
            )
        )


def _quote(text: str) -> str:
    text = text.strip()
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…"


def _year(fig: Figure, cfg: Config, year: int, previous: int | None = None) -> int | None:
    """The year a figure is about when it is not the disclosure's: a date before it in the
    sentence ("2023年末", "截至2023年", "上年末"), or a year naming the figure in its own
    clause ("2025年度城乡居民…参保人数17.78万人", not "与2022年相比"). A figure whose clause names
    no year keeps the year of the sentence's previous figure ("…17.78万人,目标完成率102.38%")."""
    found: tuple[int, int] | None = None
    for m in cfg.other_year.finditer(fig.before):
        found = (m.start(), year - 1 if m.group(3) else int(m.group(1) or m.group(2)))
    clause_from = len(fig.before) - len(fig.clause)
    in_clause = None
    for m in cfg.clause_year.finditer(fig.clause):
        in_clause = (clause_from + m.start(), int(m.group(1)))
    if in_clause is not None and (found is None or in_clause[0] > found[0]):
        found = in_clause
    if found is None:
        return previous if previous is not None and not cfg.clause_year_reset.search(fig.clause) else None
    return found[1] if found[1] != year else None


def is_execution_paragraph(paragraph: Paragraph) -> bool:
    return bool(config().execution_paragraph.search(paragraph.text))


def prose_paragraphs(doc: Document) -> list[Paragraph]:
    return paragraphs(doc, config().regions)


def extract_facts(doc: Document, stage: str, year: int) -> list[Fact]:
    """Every figure stated in the narrative of `doc`, as Facts with unique topic keys."""
    cfg = config()
    out = _Collector()
    for para in prose_paragraphs(doc):
        if any(rx.search(para.text) for rx in cfg.skip_paragraphs):
            continue
        read_from = 0
        if cfg.execution_paragraph.search(para.text):
            # a budget_execution item: its 年初预算/决算/完成率 are that row's; only figures of
            # the explanation ("主要原因是:…按照80%比例进行预拨付") are facts
            read_from = para.text.find("原因")
            if read_from < 0:
                continue
        subject: Subject | None = None
        parts = ParagraphParts(para.text)  # a topic restated as one item of an enumeration
        by_unit: dict[str, Subject] = {}
        previous = ""
        labels: dict[str, str] = {}
        head: Subject | None = None  # the first topic of the previous sentence
        for sent in sentences(para):
            last_mod = ""
            last_base = ""  # base key of the sentence's previous figure when it states the topic itself
            if head is not None and re.match(r"(?:与|比|较)", sent.text):
                # "…预算安排0.07万元,其中…。与2023年相比增加0.00万元": the previous sentence's head
                subject = head
                by_unit[head.topic.unit] = head
            head_set = False
            context = previous + sent.text
            previous = sent.text
            _zero_statements(sent, cfg, out, year)
            fig_year: int | None = None  # the year of the sentence's previous figure
            heads, labels = labels, {}  # generic labels by unit: the previous sentence's, this one's
            earlier: list[str] = []  # generic labels of this sentence so far
            for fig in figures(sent.text, cfg):
                if sent.start + fig.start < read_from:
                    continue
                if para.mode == "amounts_only" and fig.unit != "万元":
                    # 重点工作: only amounts go through the topics; a count or rate there is a
                    # work statistic under a generic key, labelled by its clause
                    mod, text = _modifier(fig.lead, cfg, fig.unit)
                    res = _fallback(fig, text, mod, cfg)
                else:
                    res = _resolve(fig, sent, context, cfg, stage, subject, by_unit, last_mod, last_base)
                fig_year = _year(fig, cfg, year, fig_year)
                if res.topic is None and res.keys and res.keys[0] not in cfg.companion_labels:
                    res.label = refine_label(res.label, fig, sent.text, cfg, earlier, heads, fig_year)
                    labels[fig.unit] = res.label
                    earlier.append(res.label)
                keys, label = res.keys, res.label
                if res.topic is not None and res.modifier == "share_pct":
                    keys, share_label = share_keys(keys, res.base_label, fig.lead, cfg.topics)
                    label = share_label or label
                for key in keys:
                    if res.topic is not None and res.topic.name is None and not res.modifier:  # one figure, not a list
                        key, label = parts.key(key, res.label, res.value, sent.start + fig.start)
                    out.add(key, label, res.value, res.unit, sent, fig.start, fig_year,
                            generic=res.topic is None)
                last_mod = res.modifier
                last_base = res.base_key if res.topic is not None and not res.modifier and not res.prefix else ""
                if res.topic is not None:
                    subj = Subject(res.topic, res.base_key, res.base_label, res.prefix)
                    subject = subj
                    by_unit[res.topic.unit] = subj
                    if not head_set:
                        head, head_set = subj, True
            for m in cfg.no_change.finditer(sent.text):
                _no_change(sent, m, cfg, stage, subject, out, year)
    return out.facts + direction_facts(doc, stage) + document_facts(doc, stage, year)


def _resolve(
    fig: Figure,
    sent: Sentence,
    context: str,
    cfg: Config,
    stage: str,
    subject: Subject | None,
    by_unit: dict[str, Subject],
    last_mod: str = "",
    last_base: str = "",
) -> Resolved:
    mod, text = _modifier(fig.lead, cfg, fig.unit)
    if mod is not None and mod.name == "change_pct" and last_mod == "vs_budget":
        # "比年初预算数减少1.29万元,降低8.6%": the rate belongs to the same comparison
        mod = next(m for m in cfg.modifiers if m.name == "vs_budget_pct" and m.sign == mod.sign)
    para_before = sent.prefix + fig.before
    found = _find_topic(text, fig, context, para_before, cfg, stage)
    if found is None and text != fig.lead and mod is not None and mod.name in ("budget", "final", "initial"):
        # "2024年支出预算436.66万元": the modifier's word is part of the topic's name
        found = _find_topic(fig.lead, fig, context, para_before, cfg, stage)
    if found is None and mod is None and fig.lead.strip() == "" and subject and fig.unit in subject.topic.companions:
        key = subject.topic.companions[fig.unit]
        meta = cfg.companion_labels.get(key, {"label": key, "unit": fig.unit})
        return Resolved([key], meta["label"], fig.unit, fig.value, None)
    if found is None:
        residual = _residual(text, cfg)
        inherited = None
        if not _CJK.search(residual):
            if mod is not None and mod.unit == "%":
                inherited = subject
            else:
                if mod is not None and mod.unit not in ("%", "topic"):
                    inherited = subject  # "轿车0辆、金额0万元": the amount of the latest topic
                elif mod is not None and subject is not None and subject.topic.unit == fig.unit:
                    inherited = subject  # "…增加393.1万元": the change of the latest topic
                else:
                    inherited = by_unit.get(fig.unit)  # "共计支出0.56万元": the latest 万元 topic
        if inherited is None:
            return _fallback(fig, text, mod, cfg)
        topic, base_key, base_label = inherited.topic, inherited.key, inherited.label
        prefix = inherited.prefix
        if topic.phased:
            base_label = topic.label
    else:
        topic, base_key, base_label = found
        prefix, part_of = _within(topic, fig.lead, last_base, cfg)
        if part_of:
            base_label = f"{part_of}中{base_label}"  # 项目支出中卫生健康支出
    unit_ok = fig.unit == topic.unit or fig.unit in topic.units or (mod is not None and mod.unit == "%" and fig.unit == "%")
    if mod is not None and mod.unit not in ("%", "topic") and fig.unit == mod.unit:
        unit_ok = True
    if not unit_ok:
        return _fallback(fig, text, mod, cfg)
    keys, label = _derived(topic, base_key, base_label, mod, stage)
    if prefix:
        keys = [prefix + k for k in keys]
    value = fig.value * mod.sign if mod is not None and mod.sign < 0 else fig.value
    return Resolved(keys, label, fig.unit, value, topic, base_key, base_label, mod.name if mod else "", prefix)


def _within(topic: Topic, lead: str, last_base: str, cfg: Config) -> tuple[str, str]:
    """(key prefix, label of the whole) when the figure is a part of the sentence's previous
    figure ("项目支出176.60万元,主要为卫生健康支出176.6万元"), else ("", "")."""
    prefix = topic.within.get(last_base)
    if not prefix or topic.within_lead is None or not topic.within_lead.search(lead):
        return "", ""
    whole = cfg.topic(last_base)
    return prefix, whole.label if whole else last_base


_LABEL_NOISE = re.compile(r"^(?:\d+[.、]|\(\d+\)|其中|20\d\d年度?,?)+")


def _fallback(fig: Figure, text: str, mod: Modifier | None, cfg: Config) -> Resolved:
    """A figure no topic claims: a generic key by its unit (work_persons, work_times, …;
    work_rate for a 率 or 比例), labelled by its clause."""
    label = _LABEL_NOISE.sub("", fig.lead).strip(",:;")
    if len(_CJK.findall(label)) < 2:
        # "…53万人的98.8%", "内设1室4股": the lead is cut by an earlier figure; the clause names it
        label = _LABEL_NOISE.sub("", fig.clause).strip(",:;") or label
    label = label or text
    if fig.qualified:
        bound = cfg.bound_before.search(label)
        # "执行率大于97%", "激活率达95%以上", "组织学习30余次": the bound is part of the statement
        label = (label[: bound.start()] if bound else label) + fig.printed
    key = cfg.fallback_units.get(fig.unit) or cfg.fallback.get(fig.unit, cfg.fallback["default"])
    if sum(1 for k in cfg.fallback_units.values() if k == key) > 1:
        key = f"{key}:{fig.unit}"  # one unit per key: 人 and 万人, 家 and 批 are not added up
    if fig.unit == "%" and cfg.fallback_rate is not None and cfg.fallback_rate.search(label):
        key = cfg.fallback["rate"]
    label = label or key
    value = fig.value * mod.sign if mod is not None and mod.sign < 0 else fig.value
    return Resolved([key], label, fig.unit, value, None, modifier=mod.name if mod else "")


def _hard_clause_start(sentence: str, pos: int) -> int:
    return max((m.end() for m in _HARD_CLAUSE_END.finditer(sentence, 0, pos)), default=0)


def refine_label(label: str, fig: Figure, sentence: str, cfg: Config, earlier: list[str],
                 heads: dict[str, str], year: int | None) -> str:
    """A generic figure's label that says what the number measures (rules: fact_topics.yaml
    `labels`). The clause before a number often ends in a verb ("报销比例分别达"), a place
    ("全县236家") or an earlier figure ("内设1室4股"); then the clause's subject, the text after
    the figure or the sentence's head is brought in."""
    rules = cfg.labels
    noise = _LABEL_NOISE
    prev_label = earlier[-1] if earlier else ""
    if fig.compound:  # "内设1室4股1中心" → 内设室, 内设股, 内设中心
        base = noise.sub("", re.sub(r"(?:\d+(?:\.\d+)?[^\d,;:。、]{1,2})+$", "", fig.clause))
        label = base + fig.unit
    elif fig.items > 1 and "分别" in fig.clause:  # "A、B住院费用…比例分别达x、y": A↔x, B↔y
        subject = noise.sub("", fig.clause[: fig.clause.rfind("分别")])
        parts = subject.split("、")
        if len(parts) == fig.items and len(parts[-1]) > len(parts[0]):
            cut = len(parts[0])
            names = parts[:-1] + [parts[-1][:cut]]
            label = names[fig.item] + parts[-1][cut:]
    qualified = fig.qualified and label.endswith(fig.printed)
    if not qualified:
        stripped = rules["trailing"].sub("", label)
        verb = stripped != label and rules["trailing_verb"].search(label[len(stripped):])
        label = stripped
        ends_with_figure = rules["figure_end"].search(label)
        if label.startswith("占") and fig.unit != "%":
            label = label[1:]  # "占市下达目标任务53万人": the whole
        elif ends_with_figure and fig.unit == "%" and label.startswith("占"):
            # "完成参保523686人,占市下达目标任务53万人的98.8%": the share of what, in what
            whole = label[1 : ends_with_figure.start()]
            subject = next((e for e in reversed(earlier) if e != whole), "")
            label = subject + label[: ends_with_figure.start()] + "比例"
        if verb and not rules["measure"].search(label):
            label += rules["unit_nouns"].get(fig.unit, "")
        if rules["place"].fullmatch(label) or not label:
            # "全县236家均已实现…改造": what is counted is said after the figure
            m = rules["predicate"].match(fig.after)
            if m:
                label += m.group(1) + "的" + rules["unit_nouns"].get(fig.unit, "")
        elif fig.unit == "%" and not rules["measure"].search(label):
            m = rules["pct_after"].match(fig.after)
            if m and m.group("ratio"):  # "按照80%比例进行预拨付" → …预拨付比例
                label += (m.group("what") or "") + "比例"
            elif m and m.group("verb"):  # "特殊群体100%参保" → 特殊群体参保率
                label += m.group("verb") + "率"
        if prev_label and rules["comparison"].match(label):
            label = prev_label + label  # "网采率87%,较上年度提高16%"
        if rules["bare"].fullmatch(label):  # "开展自查自纠,覆盖率100%": say what is covered
            start = _hard_clause_start(sentence, fig.start)
            before = sentence[_hard_clause_start(sentence, max(start - 1, 0)) : max(start - 1, 0)]
            before = rules["ordinal"].sub("", before)
            if _CJK.search(before) and not re.search(r"\d", before):
                label = before + label
    head_clause = rules["within"].match(sentence)
    if head_clause and fig.unit in heads and _hard_clause_start(sentence, fig.start) == head_clause.end():
        label = f"{heads[fig.unit]}中{label}"  # "…115家。其中,定点医疗机构15家": which 115
    if year is not None:
        m = re.search(rf"{year}年度?", fig.clause)
        if m and not label.startswith(str(year)):
            label = m.group(0) + label
    return label


def _zero_statements(sent: Sentence, cfg: Config, out: _Collector, year: int) -> None:
    for rx, keys in cfg.zero_statements:
        m = rx.search(sent.text)
        if not m:
            continue
        for key in keys:
            topic = cfg.topic(key)
            label = topic.label if topic else key
            unit = topic.unit if topic else "万元"
            out.add(key, label, Decimal(0), unit, sent, m.start(), None)


def _no_change(sent: Sentence, m: re.Match[str], cfg: Config, stage: str, subject: Subject | None, out: _Collector, year: int) -> None:
    """"较上年无变化" / "与2023年度持平": a change of 0 for the clause's topic (or the subject)."""
    clause_start = 0
    for c in _CLAUSE_END.finditer(sent.text, 0, m.start()):
        clause_start = c.end()
    text = sent.text[clause_start : m.start()]
    if "预算数" in text:  # "决算数与预算数持平" compares with the budget, not the previous year
        return
    fig = Figure(Decimal(0), "万元", m.start(), text, sent.text[: m.start()])
    found = _find_topic(text, fig, sent.text, sent.prefix + fig.before, cfg, stage)
    if found is None:
        if subject is None or _CJK.search(_residual(text, cfg)):
            return
        topic, base_key, label = subject.topic, subject.key, subject.label
    else:
        topic, base_key, label = found
    if topic.unit != "万元":
        return
    change = next(mod for mod in cfg.modifiers if mod.name == "change")
    keys, lbl = _derived(topic, base_key, topic.label if topic.phased else label, change, stage)
    for key in keys:
        out.add(key, lbl, Decimal(0), "万元", sent, m.start(), None)


# ---------------------------------------------------------------- stated directions (决算数小于预算数)

_ITEM_NAMES = re.compile(r"^(?:\d{1,2}[.、])?((?:[^()]|\((?![类款项]\))[^()]*\))+?)\(类\)"
                         r"((?:[^()]|\((?![类款项]\))[^()]*\))+?)\(款\)((?:[^()]|\((?![类款项]\))[^()]*\))+?)\(项\)")


def function_code(cls: str, kuan: str, xiang: str) -> str | None:
    """The 7-digit 项 code for the printed 类/款/项 names, or None if any level is unknown."""
    c = lookup_function_name(cls, level=1)
    k = lookup_function_name(kuan, parent=c, level=2) if c else None
    return lookup_function_name(xiang, parent=k, level=3) if k else None


def _direction_subject(text: str, cfg: Config, stage: str) -> str | None:
    """The topic a "决算数小于预算数" is about: the nearest clause before it naming a topic."""
    clauses = [c for c in re.split(r"[,;:。]", text) if c]
    for clause in reversed(clauses):
        lead = re.split(r"\d", re.sub(r"^(?:其中:?)?20\d\d年度?", "", clause), maxsplit=1)[0]
        fig = Figure(Decimal(0), "万元", len(lead), lead, lead)
        found = _find_topic(lead, fig, text, text, cfg, stage)
        if found is not None and not found[0].function_class and not found[0].economic:
            return found[1]
    return None


def direction_facts(doc: Document, stage: str) -> list[Fact]:
    """Each "决算数大于/小于/等于预算数" of the narrative: value +1 / -1 / 0 (the stated sign of
    决算 − 预算), key final_vs_budget:<项 code> in a 类/款/项 item (its figures are the item's
    budget_execution row), else final_vs_budget:<topic> (its figures: fact_checks.yaml directions)."""
    cfg = config()
    rx = re.compile(cfg.document["direction"])
    signs: dict[str, int] = cfg.document["direction_signs"]
    out: list[Fact] = []
    for para in prose_paragraphs(doc):
        item = _ITEM_NAMES.match(para.text) if cfg.execution_paragraph.search(para.text) else None
        for m in rx.finditer(para.text):
            word = m.group("word") or m.group("word2")
            if item is not None:
                names = [g.strip() for g in item.groups()]
                param = function_code(*names) or names[2]
            else:
                subject = _direction_subject(para.text[: m.start()], cfg, stage)
                if subject is None:
                    continue  # no figures to compare with
                param = subject
            sentence_start = max(para.text.rfind(c, 0, m.start()) for c in "。!?") + 1
            end = para.text.find("。", m.end())
            quote = para.text[sentence_start : end + 1 if end >= 0 else len(para.text)]
            out.append(Fact(f"final_vs_budget:{param}", m.group(0), Decimal(signs[word]), "",
                            _quote(quote), f"narrative:{para.ref_at(m.start())}"))
    return _unique(out)


def _unique(facts: list[Fact]) -> list[Fact]:
    """Repeated keys get @2, @3 (the base topic stays `topic_key.split("@")[0]`)."""
    seen: dict[str, int] = {}
    for f in facts:
        n = seen.get(f.topic_key, 0) + 1
        seen[f.topic_key] = n
        if n > 1:
            f.topic_key = f"{f.topic_key}@{n}"
    return facts


# ---------------------------------------------------------------- document facts


def document_facts(doc: Document, stage: str, year: int) -> list[Fact]:
    """Facts about the document rather than its figures (checked by generator/check/document.py):

    - placeholder: a template placeholder left in ("XX局", "20XX年", "。。。"), value blank;
    - stated_year:heading / stated_year:as_of: the year a 第X部分 heading names, and the year
      of the "截至…年12月31日" date of the asset figures;
    - toc_statement:<kind>: a standard statement the table of contents (目录) lists;
    - tables_elsewhere: a line saying the statements are published in another file (附后).
    """
    from ..recognize.statements import classify_title  # the recognizer's own title rules

    cfg = config().document
    if not cfg:
        return []
    placeholder = re.compile(cfg["placeholder"])
    heading_year = re.compile(cfg["heading_year"])
    as_of = re.compile(cfg["as_of"])
    elsewhere = re.compile(cfg["tables_elsewhere"]) if cfg.get("tables_elsewhere") else None
    strip = re.compile(cfg["toc_entry_strip"])
    out: list[Fact] = []
    seen_placeholders: set[tuple[str, str]] = set()
    for line in doc.lines:  # every line, tables included: a placeholder may sit in a cell
        text = "".join(nfkc(line.text).split())
        for m in placeholder.finditer(text):
            if (m.group(0), line.ref) in seen_placeholders:
                continue
            seen_placeholders.add((m.group(0), line.ref))
            out.append(Fact("placeholder", m.group(0), None, "", _quote(text), line.ref))
    pairs = text_lines(doc)
    toc_from = next((i for i, (t, _) in enumerate(pairs) if re.match(cfg["toc"], t)), None)
    toc_entries: list[str] = []
    for i, (text, line) in enumerate(pairs):
        if PART.match(text):
            full = text
            if i + 1 < len(pairs) and len(pairs[i + 1][0]) <= 6 and not PART.match(pairs[i + 1][0]):
                full += pairs[i + 1][0]  # "…2024年度部门决算情况" / "说明"
            for m in heading_year.finditer(full):
                out.append(Fact("stated_year:heading", full, Decimal(m.group(1)), "年", _quote(full), line.ref))
        if elsewhere is not None and elsewhere.search(text):
            out.append(Fact("tables_elsewhere", text, None, "", _quote(text), line.ref))
        for m in as_of.finditer(text):
            out.append(Fact("stated_year:as_of", m.group(0), Decimal(m.group(1)), "年", _quote(text), line.ref))
        if toc_from is not None and i > toc_from and toc_entries is not None:
            if text in toc_entries or len(toc_entries) > 80:
                toc_from = None  # the body starts where a contents line repeats
                continue
            toc_entries.append(text)
            title = strip.sub("", text)
            kind = classify_title(title) if title.endswith("表") else Kind.OTHER
            if kind not in (Kind.OTHER,):
                out.append(Fact(f"toc_statement:{kind.value}", title, None, "", _quote(text), line.ref))
    return _unique(out)
