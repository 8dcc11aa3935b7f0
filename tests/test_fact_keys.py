"""One meaning per facts.topic_key across every bundled disclosure.

A user filters facts.csv by topic_key and must get one kind of figure: one unit (counting words a
topic declares as synonyms, e.g. 个/批次 of 团组, aside) and, for a share, one whole. The whole is
read from the label, which names it as printed ("…占授予中小企业合同金额的比例").
jiangan-2023 L1071 "授予小微企业合同金额20.11万元,占授予中小企业合同金额的100%" and cangxi-2024 L240
"授予小微企业合同金额5.67万元,占政府采购支出总额的100%" are two keys.
"""

from __future__ import annotations

import re
from collections import defaultdict

from generator.check.rows import strip_suffix
from generator.model import Fact
from generator.narrative.facts import config
from tests.test_checks_real import build

IDS = ["cangxi-2024-final", "huaxian-2024-budget", "jiangan-2023-final", "jiangan-2024-final",
       "shanhaiguan-2024-budget"]
_WHOLE = re.compile(r"占(.+)的比例$")


def _all_facts() -> list[tuple[str, Fact]]:
    return [(did, f) for did in IDS for f in build(did).facts if f.value is not None]


def test_one_unit_per_key() -> None:
    synonyms = {t.key: set(t.units) | {t.unit} for t in config().topics if t.units}
    units: dict[str, set[str]] = defaultdict(set)
    for _, f in _all_facts():
        units[strip_suffix(f.topic_key)].add(f.unit)
    mixed = {k: u for k, u in units.items() if len(u) > 1 and not u <= synonyms.get(k, set())}
    assert not mixed


def test_one_whole_per_share_key() -> None:
    wholes: dict[str, set[str]] = defaultdict(set)
    for _, f in _all_facts():
        if f.unit == "%" and "_share" in f.topic_key:
            m = _WHOLE.search(f.label)
            if m:
                wholes[strip_suffix(f.topic_key)].add(m.group(1))
    assert wholes  # the labels name their wholes
    assert not {k: w for k, w in wholes.items() if len(w) > 1}


def test_small_micro_shares_of_different_wholes_are_different_keys() -> None:
    def key(did: str, ref: str) -> str:
        return next(f.topic_key for f in build(did).facts
                    if f.topic_key.startswith("procurement_small_micro_share") and f.source_ref == ref)

    assert key("cangxi-2024-final", "narrative:L240") == "procurement_small_micro_share_pct"
    assert key("jiangan-2023-final", "narrative:L1071") == "procurement_small_micro_share_of_procurement_sme_pct"


def test_budget_figures_are_labelled_budget() -> None:
    # huaxian L202: "2024年政府采购预算安排0万元,其中:政府采购货物预算0万元…"
    labels = {f.topic_key: f.label for f in build("huaxian-2024-budget").facts}
    assert labels["procurement_total"] == "政府采购预算总额"
    assert labels["procurement_goods"] == "政府采购货物预算"
    # a 决算 spends: cangxi L240 "政府采购支出总额5.67万元"
    assert {f.topic_key: f.label for f in build("cangxi-2024-final").facts}["procurement_total"] == "政府采购支出总额"
