"""The vocabulary of figures in prose (reference/fact_topics.yaml) as typed configuration.

Modifiers (which aspect of a topic a figure is: change, share, 年初预算 …), topics (what it
is about), units, label rules and the document-fact patterns, compiled once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .sentences import region_rules


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
    function_item: bool = False  # group "path": names each marked (类)/(款)/(项), the last a 项
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
    explanation: re.Pattern[str]
    comparison: re.Pattern[str]
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
        explanation=re.compile(raw["explanation"]),
        comparison=re.compile(raw["comparison"]),
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
                function_item=bool(t.get("function_item")),
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
