"""Checks between the narrative (情况说明) and the tables.

Which table figure a fact restates is data: generator/reference/fact_checks.yaml.
A fact whose table is not in the disclosure is not checked here (the table's
absence is reported once by within.table_presence); shares and changes fall back
to the stated amounts when the table figure is missing.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from ..model import CheckResult, Disclosure, Fact, Status
from .explain import sentence
from .figures import Figure, first, locate, rules
from .rows import by_code, squash, strip_suffix
from .tolerance import (
    compare,
    percent_compare,
    quote_tolerance,
    refs,
    skip,
    sum_tolerance,
    table_unit,
    unit_of,
)

SCOPE = "text"
_AMOUNT_UNITS = ("万元", "")


@lru_cache(maxsize=1)
def _modified_pattern() -> re.Pattern[str]:
    from ..narrative.facts import config

    suffixes = sorted({m.suffix for m in config().modifiers if m.suffix}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(s) for s in suffixes) + ")$")


def _split(topic_key: str) -> tuple[str, str, str]:
    """`class_amount:210@3` → ("class_amount", "210", "@3")."""
    base = strip_suffix(topic_key)
    suffix = topic_key[len(base):]
    topic, _, param = base.partition(":")
    return topic, param, suffix


def _current(d: Disclosure) -> list[Fact]:
    """Facts about this disclosure's year that carry a value."""
    return [f for f in d.facts if f.value is not None and (f.year is None or f.year == d.meta.year)]


def _find_fact(facts: list[Fact], topic: str, param: str = "", near: Fact | None = None) -> Fact | None:
    """The fact of `topic[:param]`: the closest one stated before `near` (same sentence or
    paragraph), else the first one."""
    key = f"{topic}:{param}" if param else topic
    candidates = [f for f in facts if strip_suffix(f.topic_key) == key]
    if near is not None and near in facts:
        at = facts.index(near)
        before = [f for f in candidates if facts.index(f) < at]
        if before:
            return before[-1]
    return candidates[0] if candidates else None


def _phase(d: Disclosure) -> str:
    return "final" if d.meta.stage == "final" else "budget"


def _topic(d: Disclosure, template: str, param: str) -> tuple[str, str]:
    """`class_amount:{param}` → ("class_amount", "210"); `three_public_total_{phase}` → (…_final, "")."""
    text = template.replace("{phase}", _phase(d)).replace("{param}", param)
    topic, _, p = text.partition(":")
    return topic, p


def _table_figure(d: Disclosure, topic: str, param: str = "", stated: Decimal | None = None) -> Figure | None:
    """The table figure a stated one restates. For a topic listed under `either` (a class amount may
    restate the 01 table's line or the 05 table's), the printed figure closest to the stated value."""
    locators = rules()["topics"].get(topic)
    if not locators:
        return None
    if stated is None or topic not in rules().get("either", []):
        return first(d, locators, param)
    found = [fig for loc in locators if (fig := locate(d, loc, param)).value is not None]
    if not found:
        return first(d, locators, param)
    return min(found, key=lambda fig: abs((fig.value or Decimal(0)) - stated))


def _amount(d: Disclosure, facts: list[Fact], topic: str, param: str, near: Fact | None
            ) -> tuple[Decimal | None, Decimal, str, str]:
    """(value, rounding unit, source_ref, where) from the table, else from the stated figure.
    The stated figure picks among the tables of an `either` topic (a class of 03表 or of 05表)."""
    fact = _find_fact(facts, topic, param, near)
    fig = _table_figure(d, topic, param, fact.value if fact is not None else None)
    if fig is not None and fig.value is not None:
        return fig.value, table_unit(fig.value), fig.source_ref, fig.table
    if fact is not None and fact.value is not None:
        return fact.value, unit_of(fact.value), fact.source_ref, "说明"
    return None, Decimal(0), "", ""


def _label(topic: str, param: str) -> str:
    return f"{topic}:{param}" if param else topic


# ---------------------------------------------------------------- stated figure = table figure


def facts_vs_tables(d: Disclosure) -> list[CheckResult]:
    out = []
    for f in _current(d):
        topic, param, _ = _split(f.topic_key)
        if f.unit not in _AMOUNT_UNITS or (param and _modified_pattern().search(param)):
            continue  # a change of a class (class_amount:208_change) is no table figure: changes() checks it
        fig = _table_figure(d, topic, param, f.value)
        if fig is None:
            continue  # not a table figure, or its table is absent (reported once elsewhere)
        description = f"说明 “{f.label}” = {fig.table} 对应数 / stated figure vs table"
        check_id = f"N.facts.{f.topic_key}"
        assert f.value is not None
        if fig.value is None:
            out.append(skip(check_id, description + f": {fig.table} 未列此数 / not in the table", SCOPE,
                            f.source_ref, actual=f.value))
            continue
        if same_statement(f.source_ref, fig.source_ref):
            # the table row was read from this very sentence (prose tables): comparing is circular
            out.append(skip(check_id, description + ": same statement — 表中数取自同一句说明 / the table figure "
                            "was read from this statement", SCOPE, refs(f, fig.source_ref),
                            expected=fig.value, actual=f.value))
            continue
        result = compare(check_id, description, fig.value, f.value, quote_tolerance(f.value, fig.value),
                         SCOPE, refs(f, fig.source_ref))
        if result.status is Status.WARN and _rounded(fig.value, f.value) == f.value:
            result.status = Status.PASS  # 9,389,913元 quoted as 938.99万元: the table figure, correctly rounded
        out.append(result)
    return out


def _rounded(value: Decimal, printed: Decimal) -> Decimal:
    """`value` rounded half up to the places `printed` shows."""
    return value.quantize(unit_of(printed), rounding=ROUND_HALF_UP)


def _line_of(ref: str) -> str:
    """`narrative:L96` → `L96`; a page ref (`p3`, `narrative:p3`) is kept whole: a page holds many statements."""
    tail = ref.rsplit(":", 1)[-1]
    return tail if tail.startswith("L") and tail[1:].isdigit() else ref


def same_statement(fact_ref: str, row_ref: str) -> bool:
    """Whether a table row was read from the same source line as the fact (one statement, not two)."""
    return bool(fact_ref) and bool(row_ref) and _line_of(fact_ref) == _line_of(row_ref)


# ---------------------------------------------------------------- stated % = recomputed %


def _ratio_check(d: Disclosure, facts: list[Fact], f: Fact, part_t: str, whole_t: str, param: str,
                 what: str) -> CheckResult:
    """A stated percentage vs part ÷ whole × 100 (table figures first, else stated amounts)."""
    part_topic, part_param = _topic(d, part_t, param)
    whole_topic, whole_param = _topic(d, whole_t, param)
    part, part_unit, part_ref, part_where = _amount(d, facts, part_topic, part_param, f)
    whole, whole_unit, whole_ref, whole_where = _amount(d, facts, whole_topic, whole_param, f)
    check_id = f"N.facts.{f.topic_key}"
    assert f.value is not None
    if part is None or whole is None or whole == 0:
        why = "分母为0 / the whole is 0" if whole == 0 else "金额未列出 / an amount is not reported"
        return skip(check_id, f"说明 “{f.label}” {f.value}%: {why}", SCOPE, f.source_ref, actual=f.value)
    description = (f"说明 “{f.label}” {f.value}% = {_label(part_topic, part_param)}({part_where}) ÷ "
                   f"{_label(whole_topic, whole_param)}({whole_where}) × 100 / {what} recomputed")
    return percent_compare(check_id, description, f.value, part, whole, part_unit, whole_unit, SCOPE,
                           refs(f, part_ref, whole_ref))


_SHARE_OF = re.compile(r"(?P<part>.+)_share_of_(?P<whole>.+)_pct$")


def shares(d: Disclosure) -> list[CheckResult]:
    facts = _current(d)
    table: dict[str, list[str]] = rules()["shares"]
    out = []
    for f in facts:
        topic, param, _ = _split(f.topic_key)
        named = _SHARE_OF.match(topic)  # `<part>_share_of_<whole>_pct` (generator/narrative/meaning.py)
        if not (topic.endswith("_share_pct") or named) or f.unit != "%":
            continue
        if named:
            part_t, whole_t = named["part"] + (":{param}" if param else ""), named["whole"]
        elif topic in table:
            part_t, whole_t = table[topic]
        else:
            continue  # a share of something no table or stated total gives (e.g. 占服务支出金额)
        out.append(_ratio_check(d, facts, f, part_t, whole_t, param, "share"))
    return out


def completions(d: Disclosure) -> list[CheckResult]:
    facts = _current(d)
    table: dict[str, list[str]] = rules()["completions"]
    out = []
    for f in facts:
        topic, param, _ = _split(f.topic_key)
        if not topic.endswith("_completion_pct") or f.unit != "%":
            continue
        pair = table.get(topic.removesuffix("_completion_pct"))
        if pair is None:
            continue
        out.append(_ratio_check(d, facts, f, pair[0], pair[1], param, "completion rate"))
    return out


# ---------------------------------------------------------------- stated change = this year - last year

_CHANGE_KINDS = (("_change_pct", "_change", True), ("_vs_budget_pct", "_vs_budget", True),
                 ("_change", "_change", False), ("_vs_budget", "_vs_budget", False))


def changes(d: Disclosure) -> list[CheckResult]:
    facts = _current(d)
    previous = [f for f in d.facts if f.value is not None and f.year == d.meta.year - 1]
    bases: dict[str, str] = rules()["changes"]
    out = []
    for f in facts:
        topic, param, _ = _split(f.topic_key)
        # a keyed topic carries its modifier after the parameter: class_amount:208_change_pct
        modified = _modified_pattern().search(param) if param else None
        if modified:
            topic, param = topic + modified.group(0), param[: modified.start()]
        kind = next((k for k in _CHANGE_KINDS if topic.endswith(k[0])), None)
        if kind is None:
            continue
        suffix, amount_suffix, is_pct = kind
        prefix = topic.removesuffix(suffix)
        base, base_param = _topic(d, bases.get(prefix, prefix), param)
        base_param = base_param or param
        against = "上年" if amount_suffix == "_change" else "年初预算"
        check_id = f"N.facts.{f.topic_key}"
        this, this_unit, this_ref, this_where = _amount(d, facts, base, base_param, f)
        prev_fact = _find_fact(previous, base, base_param) if amount_suffix == "_change" else None
        assert f.value is not None
        if not is_pct:
            if this is None or prev_fact is None or prev_fact.value is None:
                continue  # only checkable when both years are stated
            out.append(compare(check_id, f"说明 “{f.label}” = 本年({this_where}) - 上年(说明) / stated change",
                               this - prev_fact.value, f.value,
                               quote_tolerance(f.value, this) + unit_of(prev_fact.value) / 2, SCOPE,
                               refs(f, this_ref, prev_fact)))
            continue
        change_fact = (_find_fact(facts, prefix, param + amount_suffix, f) if modified
                       else _find_fact(facts, f"{prefix}{amount_suffix}", param, f))
        if change_fact is not None and change_fact.value is not None:
            change, change_unit, change_ref = change_fact.value, unit_of(change_fact.value), change_fact.source_ref
        elif this is not None and prev_fact is not None and prev_fact.value is not None:
            change, change_unit, change_ref = this - prev_fact.value, this_unit, prev_fact.source_ref
        else:
            out.append(skip(check_id, f"说明 “{f.label}” {f.value}%: 增减额未列出 / change amount not stated", SCOPE,
                            f.source_ref, actual=f.value))
            continue
        if this is None:
            out.append(skip(check_id, f"说明 “{f.label}” {f.value}%: 本年数未列出 / this year's figure not stated",
                            SCOPE, f.source_ref, actual=f.value))
            continue
        change = _signed(change, f.value)
        before = this - change
        if before == 0:
            out.append(skip(check_id, f"说明 “{f.label}” {f.value}%: {against}数为0 / base is 0", SCOPE,
                            f.source_ref, actual=f.value))
            continue
        result = percent_compare(check_id,
                                 f"说明 “{f.label}” {f.value}% = 增减额 ÷ {against}数(本年{this_where} - 增减额) × 100"
                                 f" / change ÷ base ({'previous year' if against == '上年' else 'initial budget'})",
                                 f.value, change, before, change_unit, this_unit + change_unit, SCOPE,
                                 refs(f, change_ref, this_ref))
        if result.status == Status.FAIL and this != 0 and _on_current(f.value, change, this):
            assert result.expected is not None
            result.explanation = sentence(
                "change_on_current", verb="增长" if f.value > 0 else "下降", abs_actual=abs(f.value),
                before=before, this=this,
                rounded=result.expected.quantize(unit_of(f.value), rounding=ROUND_HALF_UP))
        out.append(result)
    return out


def _on_current(printed: Decimal, change: Decimal, this: Decimal) -> bool:
    """Whether a change rate was computed on this year's figure instead of the previous year's."""
    return printed == (change / this * 100).quantize(unit_of(printed), rounding=ROUND_HALF_UP)


def _signed(change: Decimal, pct: Decimal) -> Decimal:
    """A decrease may be stated as a magnitude with a negative percentage (or the reverse): align signs."""
    if pct < 0 < change or change < 0 <= pct:
        return -change
    return change


# ---------------------------------------------------------------- budget execution (年初预算 vs 决算)


def budget_execution(d: Disclosure) -> list[CheckResult]:
    out = []
    seen: dict[str, int] = {}
    for row in d.budget_execution:
        key = row.code or squash(row.name)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        check_id = f"N.budget_execution.{key}"
        # completion rate = final / initial budget × 100
        if row.completion_rate is not None:
            if row.initial_budget is None or row.final is None or row.initial_budget == 0:
                why = "年初预算为0 / initial budget is 0" if row.initial_budget == 0 else \
                    "年初预算或决算数未列出 / initial budget or final not stated"
                out.append(skip(f"{check_id}.completion_rate", f"{row.name} 完成率: {why}", SCOPE, row.source_ref,
                                actual=row.completion_rate))
            else:
                out.append(percent_compare(f"{check_id}.completion_rate",
                                           f"{row.name} 完成年初预算% = 决算 ÷ 年初预算 × 100 / completion rate recomputed",
                                           row.completion_rate, row.final, row.initial_budget, unit_of(row.final),
                                           unit_of(row.initial_budget), SCOPE, row.source_ref))
        # final = the 05 (else 03) table line of that code
        if row.final is None or not row.code:
            continue
        for rows, label in ((d.general_budget_expenditure, "05表"), (d.expenditure_by_function, "03表")):
            if not rows:
                continue
            line = by_code(rows, row.code)
            if line is None:
                out.append(skip(f"{check_id}.final", f"{row.name}: {label} 无 {row.code} 行 / no such table line",
                                SCOPE, row.source_ref, actual=row.final))
            else:
                out.append(compare(f"{check_id}.final",
                                   f"{row.name} 决算数(说明) = {label} {row.code} 合计 / stated final = table line",
                                   line.total, row.final, quote_tolerance(row.final, line.total), SCOPE,
                                   refs(row, line)))
            break
    return out


# ---------------------------------------------------------------- stated figures that add up


def _parts(facts: list[Fact], spec: str) -> list[Fact]:
    """Facts for a part spec: `topic`, `topic:*` (every parameter), `topic:301*` (parameter prefix)."""
    if ":" not in spec:
        f = _find_fact(facts, spec)
        return [f] if f is not None else []
    topic, _, pattern = spec.partition(":")
    prefix = pattern.rstrip("*")
    found: dict[str, Fact] = {}
    for f in facts:
        t, param, _ = _split(f.topic_key)
        # a change or share of a part (class_amount:208_change) is no part of the total
        if param and _modified_pattern().search(param):
            continue
        if t == topic and param and param.startswith(prefix) and param not in found:
            found[param] = f
    return list(found.values())


def _lists_every_class(d: Disclosure, spec: str, found: list[Fact]) -> bool:
    """A `class_amount:*` listing is complete when it names every 类 the tables print with money
    (a narrative that names only its main class is no sum of the total). Without the tables, the
    stated classes are all we know."""
    if not spec.startswith("class_amount:"):
        return True
    printed = {r.code for r in d.general_budget_expenditure if r.level == 1 and r.total}
    printed |= {r.code for r in d.summary if r.item_key == "function_class" and r.amount}
    stated = {_split(f.topic_key)[1] for f in found}
    return not printed or printed <= stated


def _other_whole(facts: list[Fact], rule: dict, values: list[Decimal | None], total: Decimal,
                 tol: Decimal) -> Fact | None:
    """A stated figure of `rule["or_of"]` that the parts add up to while the rule's total differs."""
    parts_sum = sum((v for v in values if v is not None), Decimal(0))
    if abs(parts_sum - total) <= tol:
        return None
    for topic in rule.get("or_of", []):
        whole = _find_fact(facts, topic)
        if whole is not None and whole.value is not None and abs(parts_sum - whole.value) <= tol:
            return whole
    return None


def stated_sums(d: Disclosure) -> list[CheckResult]:
    """Sums among stated figures alone (where tables are missing these are the only checks)."""
    facts = _current(d)
    out = []
    for rule in rules()["sums"]:
        total = _find_fact(facts, rule["total"])
        if total is None or total.unit not in _AMOUNT_UNITS:
            continue
        parts: list[Fact] = []
        complete = True
        for spec in rule["parts"]:
            found = _parts(facts, spec)
            complete = complete and bool(found) and _lists_every_class(d, spec, found)
            parts += found
        if not complete:
            continue  # not all parts are stated: nothing to add up
        for spec in rule.get("optional", []):
            parts += _parts(facts, spec)
        assert total.value is not None
        values = [f.value for f in parts]
        unit = max([unit_of(total.value)] + [unit_of(v) for v in values if v is not None])
        tol = sum_tolerance(values + [total.value], unit)
        names = "+".join(p.replace(":*", "").replace("*", "") for p in rule["parts"])
        whole = _other_whole(facts, rule, values, total.value, tol)
        if whole is not None:
            # the parts break down another stated whole (the classes of 支出预算总计, not of the
            # 一般公共预算 part): a sum of a different total, not a contradiction
            out.append(skip(f"N.sum.{rule['total']}={names}",
                            f"说明 {total.label} = Σ({'、'.join(f.label for f in parts)}): 所列各项之和等于"
                            f"{whole.label}, 非{total.label}的构成 / the parts add up to another stated whole",
                            SCOPE, refs(whole, *parts), expected=sum((v for v in values if v is not None), Decimal(0)),
                            actual=total.value))
            continue
        out.append(compare(f"N.sum.{rule['total']}={names}",
                           f"说明 {total.label} = Σ({'、'.join(f.label for f in parts)}) / stated parts add up",
                           sum((v for v in values if v is not None), Decimal(0)), total.value, tol, SCOPE,
                           refs(total, *parts)))
    return out


# ---------------------------------------------------------------- stated direction (决算数小于预算数)

_DIRECTION_WORDS = {1: "大于", -1: "小于", 0: "等于"}


def _sign(x: Decimal) -> int:
    return (x > 0) - (x < 0)


def directions(d: Disclosure) -> list[CheckResult]:
    """"决算数大于/小于/等于预算数" vs the stated 年初预算 and 决算 figures.

    A wrong word is a fail; "基本持平" (about equal) with unequal figures is a warn.
    """
    facts = _current(d)
    table: dict[str, list[list[str]]] = rules().get("directions", {})
    out = []
    for f in facts:
        topic, param, _ = _split(f.topic_key)
        if topic != "final_vs_budget" or f.value is None:
            continue
        check_id = f"N.final_vs_budget.{param}"
        row = next((r for r in d.budget_execution if r.code == param or (not r.code and squash(r.name) == param)),
                   None)
        budget: Decimal | None
        final: Decimal | None
        if row is not None and (row.initial_budget is None or row.final is None) and row.completion_rate is not None:
            # "支出决算为1.72万元,完成预算100%": the rate gives the direction (决算 ÷ 预算 vs 100%)
            budget, final, ref = Decimal(100), row.completion_rate, row.source_ref
            basis = f"完成率 {row.completion_rate}%"
        elif row is not None:
            budget, final, ref = row.initial_budget, row.final, row.source_ref
            basis = f"预算数 {budget}, 决算数 {final}"
        elif param in table:
            found = [next((x for x in (_find_fact(facts, t, near=f) for t in topics) if x), None)
                     for topics in table[param]]
            budget = found[0].value if found[0] else None
            final = found[1].value if found[1] else None
            ref = refs(*(x for x in found if x))
            basis = f"预算数 {budget}, 决算数 {final}"
        else:
            continue
        stated = int(f.value)
        description = f"说明 “{f.label}”: 决算数 − 预算数 的符号 / stated direction of final vs budget"
        if budget is None or final is None:
            out.append(skip(check_id, description + ": 预算数或决算数未列出 / a figure is not stated", SCOPE,
                            f.source_ref, actual=f.value))
            continue
        actual_sign = _sign(final - budget)
        description += f" ({basis}: 决算数{_DIRECTION_WORDS[actual_sign]}预算数)"
        result = compare(check_id, description, Decimal(actual_sign), f.value, Decimal(0), SCOPE,
                         refs(f, ref))
        if result.status == Status.FAIL and stated == 0 and "基本" in f.label:
            result.status = Status.WARN  # "基本持平": about equal is a judgement, not an error
        out.append(result)
    return out


CHECKS = [facts_vs_tables, shares, completions, changes, budget_execution, stated_sums, directions]
