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

The figures of a sentence are found by narrative.figures, their topics resolved by
narrative.topics, both from the vocabulary of narrative.fact_config; this module walks the
paragraphs and makes the keys unique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Document, Fact, Kind
from ..normalize.codes import lookup_function_name
from ..normalize.numbers import nfkc
from .fact_config import Config, config
from .figures import CJK, CLAUSE_END, Figure, figures
from .meaning import ParagraphParts, share_keys
from .sentences import ITEM, PART, WINDOW, Paragraph, Sentence, paragraphs, sentences, text_lines
from .topics import (
    Subject,
    derived_keys,
    fallback,
    find_topic,
    modifier_of,
    refine_label,
    resolve,
    without_fillers,
)

QUOTE_MAX = 200


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
    """Read from the first 第X部分 on (what precedes it is a cover or tables); a template without
    parts (Shanghai: 一、部门主要职能 … 六、其他相关情况说明) is read throughout, its regions
    set by the rules alone."""
    has_parts = any(PART.match(text) for text, _ in text_lines(doc))
    return paragraphs(doc, config().regions, "exclude" if has_parts else "full")


_KUAN_HEAD = re.compile(r"^(?:\d{1,2}[.、])?((?:[^()\d,:;。]|\((?![类款项]\))[^()]*\))+?)\(款\):")


def extract_facts(doc: Document, stage: str, year: int) -> list[Fact]:
    """Every figure stated in the narrative of `doc`, as Facts with unique topic keys."""
    cfg = config()
    out = _Collector()
    kuan: str | None = None  # the 款 of "检察(款):…其中:", for the numbered 项 items after it
    for para in prose_paragraphs(doc):
        if any(rx.search(para.text) for rx in cfg.skip_paragraphs):
            continue
        kuan_head = _KUAN_HEAD.match(para.text)
        if kuan_head:
            kuan = lookup_function_name(kuan_head.group(1), level=2, cutoff=0.99, year=year)
        elif not ITEM.match(para.text):
            kuan = None
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
                    mod, text = modifier_of(fig.lead, cfg, fig.unit)
                    res = fallback(fig, text, mod, cfg)
                else:
                    at = len(context) - len(sent.text) + fig.start  # the figure's window of the context
                    near = context[max(0, at - WINDOW): at + WINDOW]
                    res = resolve(fig, sent, near, cfg, stage, subject, by_unit, last_mod, last_base, year, kuan)
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
    for c in CLAUSE_END.finditer(sent.text, 0, m.start()):
        clause_start = c.end()
    text = sent.text[clause_start : m.start()]
    if "预算数" in text:  # "决算数与预算数持平" compares with the budget, not the previous year
        return
    fig = Figure(Decimal(0), "万元", m.start(), text, sent.text[: m.start()])
    found = find_topic(text, fig, sent.text, sent.prefix + fig.before, cfg, stage)
    if found is None:
        if subject is None or CJK.search(without_fillers(text, cfg)):
            return
        topic, base_key, label = subject.topic, subject.key, subject.label
    else:
        topic, base_key, label = found
    if topic.unit != "万元":
        return
    change = next(mod for mod in cfg.modifiers if mod.name == "change")
    keys, lbl = derived_keys(topic, base_key, topic.label if topic.phased else label, change, stage)
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
        found = find_topic(lead, fig, text, text, cfg, stage)
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
