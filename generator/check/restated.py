"""The narrative against itself: one figure stated twice, a part stated larger than its whole.

- N.restated.<key>: a topic stated again (same topic, year and unit; for a list topic such as
  project_list_amount, the same item) must repeat the first value. "政府采购支出总额5.67万元"
  (L240) and "不存在政府采购" (L414) is a fail with both values and both source_refs.
  Generic figures (work_*, other_*: a clause for a label) are not one topic and are left out.
- N.part.<key>: a part never exceeds its whole — the pairs of fact_checks.yaml `parts`
  (授予小微企业合同金额 ≤ 授予中小企业合同金额 ≤ 政府采购支出总额) and every figure labelled
  "<whole>中<part>" (其中: "项目支出中卫生健康支出", "抽查复查发现问题中定点药店") against the
  figure labelled <whole> stated before it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import CheckResult, Disclosure, Fact, Status
from .explain import sentence
from .figures import rules
from .rows import strip_suffix
from .tolerance import at_least, compare, quote_tolerance, refs

SCOPE = "text"
_WITHIN = re.compile(r"^(?P<whole>.+)中(?P<part>[^中]+)$")


@lru_cache(maxsize=1)
def _generic_and_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(keys of generic figures, keys of list topics whose label names the item)."""
    from ..narrative.facts import config

    cfg = config()
    generic = set(cfg.fallback.values()) | set(cfg.fallback_units.values())
    lists = {t.key for t in cfg.topics if t.name is not None}
    lists |= {str(k) for t in cfg.topics if t.name is not None for k in t.keys.values() if isinstance(k, str)}
    return frozenset(generic), frozenset(lists)


def _where(ref: str) -> str:
    return ref.rsplit(":", 1)[-1] or "说明"


def _group(f: Fact) -> tuple[str, int | None, str, str] | None:
    """What makes two facts statements of one figure; None for figures that are no topic."""
    key = strip_suffix(f.topic_key)
    topic = key.split(":", 1)[0]
    generic, lists = _generic_and_lists()
    skipped: list[str] = rules().get("restated_skip", [])
    if topic in generic or any(topic == s or topic.startswith(s + ":") for s in skipped):
        return None
    listed = any(topic == k or topic.startswith(k + "_") for k in lists)
    return key, f.year, f.unit, f.label if listed else ""


def restatements(d: Disclosure) -> list[CheckResult]:
    first: dict[tuple[str, int | None, str, str], Fact] = {}
    out = []
    for f in d.facts:
        group = _group(f)
        if group is None or f.value is None:
            continue
        was = first.setdefault(group, f)
        if was is f or was.value is None:
            continue
        description = (f"说明两处所述 “{f.label}” 相同 ({_where(was.source_ref)} {was.value}, "
                       f"{_where(f.source_ref)} {f.value}) / the same figure stated twice")
        result = compare(f"N.restated.{f.topic_key}", description, was.value, f.value,
                         quote_tolerance(f.value, was.value), SCOPE, refs(was, f))
        if result.status == Status.FAIL:
            result.explanation = sentence(
                "contradiction", first_where=_where(was.source_ref), second_where=_where(f.source_ref),
                label=was.label, first=f"{was.value}{f.unit}", second=f"{f.value}{f.unit}",
                difference=abs(f.value - was.value))
        out.append(result)
    return out


def _part_check(part: Fact, whole: Fact) -> CheckResult:
    assert part.value is not None and whole.value is not None
    description = (f"说明 “{part.label}” {part.value} ≤ “{whole.label}” {whole.value} "
                   f"/ a part is not larger than its whole")
    result = at_least(f"N.part.{part.topic_key}", description, part.value, whole.value,
                      quote_tolerance(part.value, whole.value), SCOPE, refs(part, whole))
    if result.status == Status.FAIL:
        result.explanation = sentence("subset_fail", part_label=part.label, part=f"{part.value}{part.unit}",
                                      whole_label=whole.label, whole=f"{whole.value}{whole.unit}")
    return result


def _first(facts: list[Fact], key: str) -> Fact | None:
    return next((f for f in facts if strip_suffix(f.topic_key) == key and f.value is not None), None)


def parts(d: Disclosure) -> list[CheckResult]:
    facts = [f for f in d.facts if f.value is not None and (f.year is None or f.year == d.meta.year)]
    out = []
    for part_key, whole_key in rules().get("parts", []):
        part, whole = _first(facts, part_key), _first(facts, whole_key)
        if part is not None and whole is not None and part.unit == whole.unit:
            out.append(_part_check(part, whole))
    for i, f in enumerate(facts):
        m = _WITHIN.match(f.label)
        if not m:
            continue
        whole = next((w for w in reversed(facts[:i]) if w.label == m["whole"] and w.unit == f.unit
                      and w.year == f.year), None)
        if whole is not None:
            out.append(_part_check(f, whole))
    return out


CHECKS = [restatements, parts]
