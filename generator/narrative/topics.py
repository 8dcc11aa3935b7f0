"""Which topic a figure of the narrative states: its topic_key and label.

A figure's lead text gives its modifier (change, share, 年初预算 …) and its topic (the first
rule of fact_topics.yaml that matches); a figure whose clause names no topic inherits the
paragraph's subject; a figure no rule claims gets a generic key by its unit, labelled by
what its clause says it measures (refine_label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..normalize.codes import lookup_economic_name, lookup_function_name
from .fact_config import Config, Modifier, Topic
from .figures import CJK, HARD_CLAUSE_END, Figure
from .sentences import Sentence


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


def modifier_of(lead: str, cfg: Config, unit: str) -> tuple[Modifier | None, str]:
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


_PATH_PART = re.compile(r"((?:[^()]|\((?![类款项]\))[^()]*\))+?)\(([类款项])\)")  # "政府办公厅(室)…(款)"


def _item_code(path: str, year: int | None, kuan: str | None = None) -> tuple[str, str] | None:
    """(项 code, path as printed) for "检察(款)行政运行(项)": each name is looked up under the one
    before it, at the level after its parent's (a 款 printed as 类 is still found as the 款);
    the first name may carry words before it ("其中检察(款)"): its longest known suffix counts.
    The code list of the disclosure's `year`: names and codes of 项 change (2040405 in 2018).
    A lone 项 ("1.行政运行(项)") is looked up under `kuan`, the 款 its paragraph lists it under."""
    parts = list(_PATH_PART.finditer(path))
    if len(parts) == 1 and kuan:
        code = lookup_function_name(parts[0].group(1), parent=kuan, level=3, cutoff=0.99, strict_parent=True,
                                    year=year)
        if code:
            return code, path[parts[0].start(1):]
    parent: str | None = None
    label_from = 0
    for i, part in enumerate(parts):
        name = part.group(1)
        if parent is not None:
            levels: tuple[int, ...] = (len(parent) // 2 + 1,)
        else:
            levels = (3,) if i == len(parts) - 1 else (2, 1)
        starts = range(len(name) - 1) if i == 0 else range(1)
        found = next(((j, c) for j in starts for level in levels
                      if (c := lookup_function_name(name[j:], parent=parent, level=level, cutoff=0.99,
                                                    strict_parent=parent is not None, year=year))), None)
        if found is None and len(parts) == 1:
            found = _unmarked_kuan(name, year)  # "人大事务行政运行(项)": the 款 name printed unmarked
        if found is None:
            return None
        if i == 0:
            label_from = part.start(1) + found[0]
        parent = found[1]
    return (parent, path[label_from:]) if parent is not None and len(parent) == 7 else None


def _unmarked_kuan(name: str, year: int | None) -> tuple[int, str] | None:
    """(0, 项 code) for a 款 name and a 项 name run together, the 款 matched exactly."""
    for cut in range(2, len(name) - 1):
        kuan = lookup_function_name(name[:cut], level=2, cutoff=1.0, year=year)
        item = kuan and lookup_function_name(name[cut:], parent=kuan, level=3, cutoff=0.99, strict_parent=True,
                                             year=year)
        if item:
            return 0, item
    return None


def find_topic(
    text: str, fig: Figure, context: str, para_before: str, cfg: Config, stage: str, year: int | None = None,
    kuan: str | None = None,
) -> tuple[Topic, str, str] | None:
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
        if topic.function_item:
            dashed = m.groupdict().get("dashed")
            path = "".join(f"{n}({lv})" for n, lv in zip(dashed.split("-"), "类款项", strict=True)) if dashed else m.group("path")
            found = _item_code(path, year, kuan)
            if found and dashed:
                found = (found[0], dashed)
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


def derived_keys(topic: Topic, base_key: str, base_label: str, mod: Modifier | None, stage: str) -> tuple[list[str], str]:
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


def without_fillers(text: str, cfg: Config) -> str:
    return cfg.fillers.sub("", text)


def resolve(
    fig: Figure,
    sent: Sentence,
    context: str,
    cfg: Config,
    stage: str,
    subject: Subject | None,
    by_unit: dict[str, Subject],
    last_mod: str = "",
    last_base: str = "",
    year: int | None = None,
    kuan: str | None = None,
) -> Resolved:
    mod, text = modifier_of(fig.lead, cfg, fig.unit)
    if mod is not None and mod.name == "change_pct" and last_mod == "vs_budget":
        # "比年初预算数减少1.29万元,降低8.6%": the rate belongs to the same comparison
        mod = next(m for m in cfg.modifiers if m.name == "vs_budget_pct" and m.sign == mod.sign)
    para_before = sent.prefix + fig.before
    found = find_topic(text, fig, context, para_before, cfg, stage, year, kuan)
    if found is None and text != fig.lead and mod is not None and mod.name in ("budget", "final", "initial"):
        # "2024年支出预算436.66万元": the modifier's word is part of the topic's name
        found = find_topic(fig.lead, fig, context, para_before, cfg, stage, year, kuan)
    if found is None and mod is None and fig.lead.strip() == "" and subject and fig.unit in subject.topic.companions:
        key = subject.topic.companions[fig.unit]
        meta = cfg.companion_labels.get(key, {"label": key, "unit": fig.unit})
        return Resolved([key], meta["label"], fig.unit, fig.value, None)
    if found is None:
        residual = without_fillers(text, cfg)
        inherited = None
        if not CJK.search(residual):
            if mod is not None and mod.unit == "%":
                inherited = subject
            else:
                if mod is not None and mod.unit not in ("%", "topic"):
                    inherited = subject  # "轿车0辆、金额0万元": the amount of the latest topic
                elif mod is not None and subject is not None and subject.topic.unit == fig.unit:
                    # "…增加393.1万元": the change of the latest topic, unless it is a cause
                    inherited = None if _explains(para_before, fig.before, mod, cfg) else subject
                else:
                    inherited = by_unit.get(fig.unit)  # "共计支出0.56万元": the latest 万元 topic
        if inherited is None:
            return fallback(fig, text, mod, cfg)
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
        return fallback(fig, text, mod, cfg)
    keys, label = derived_keys(topic, base_key, base_label, mod, stage)
    if prefix:
        keys = [prefix + k for k in keys]
    value = fig.value * mod.sign if mod is not None and mod.sign < 0 else fig.value
    return Resolved(keys, label, fig.unit, value, topic, base_key, base_label, mod.name if mod else "", prefix)


def _explains(before: str, in_sentence: str, mod: Modifier, cfg: Config) -> bool:
    """A change stated inside an explanation, in a sentence that does not compare anew
    (`before`: the paragraph up to the figure; `in_sentence`: its sentence up to the figure)."""
    if not mod.name.startswith("change"):
        return False
    reason = max((m.end() for m in cfg.explanation.finditer(before)), default=-1)
    start = len(before) - len(in_sentence)
    compared = max((start + m.end() for m in cfg.comparison.finditer(in_sentence)), default=-1)
    return reason > compared


def _within(topic: Topic, lead: str, last_base: str, cfg: Config) -> tuple[str, str]:
    """(key prefix, label of the whole) when the figure is a part of the sentence's previous
    figure ("项目支出176.60万元,主要为卫生健康支出176.6万元"), else ("", "")."""
    prefix = topic.within.get(last_base)
    if not prefix or topic.within_lead is None or not topic.within_lead.search(lead):
        return "", ""
    whole = cfg.topic(last_base)
    return prefix, whole.label if whole else last_base


_LABEL_NOISE = re.compile(r"^(?:\d+[.、]|\(\d+\)|其中|20\d\d年度?,?)+")


def fallback(fig: Figure, text: str, mod: Modifier | None, cfg: Config) -> Resolved:
    """A figure no topic claims: a generic key by its unit (work_persons, work_times, …;
    work_rate for a 率 or 比例), labelled by its clause."""
    label = _LABEL_NOISE.sub("", fig.lead).strip(",:;")
    if len(CJK.findall(label)) < 2:
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
    return max((m.end() for m in HARD_CLAUSE_END.finditer(sentence, 0, pos)), default=0)


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
            if CJK.search(before) and not re.search(r"\d", before):
                label = before + label
    head_clause = rules["within"].match(sentence)
    if head_clause and fig.unit in heads and _hard_clause_start(sentence, fig.start) == head_clause.end():
        label = f"{heads[fig.unit]}中{label}"  # "…115家。其中,定点医疗机构15家": which 115
    if year is not None:
        m = re.search(rf"{year}年度?", fig.clause)
        if m and not label.startswith(str(year)):
            label = m.group(0) + label
    return label
