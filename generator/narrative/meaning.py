"""Keys that say what a figure measures (one meaning per topic key across disclosures).

- A share names its whole: "占授予中小企业合同金额的100%" is not "占政府采购支出总额的100%". The
  label says the whole as printed; the key is `<part>_share_of_<whole>_pct` when the whole is
  not the share's usual one (generator/reference/fact_checks.yaml `shares`).
- A part is not published under the label of its whole: a topic stated again in the same
  paragraph, with another value, after an enumeration ("一是…共追回医保基金10.67万元" after
  "已追回医保基金268.18万元") is one item of the first figure: key `<topic>_part`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

_CJK = re.compile(r"[\u4e00-\u9fff]")
_BASE_END = re.compile(r"(?:的|之)?(?:比重|比例|份额)?(?:为|达)?$")


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    from ..check.figures import rules

    return rules()


def share_whole(lead: str) -> str:
    """The whole a share names, as printed: "…,占政府采购支出总额的" → "政府采购支出总额"."""
    at = lead.rfind("占")
    if at < 0:
        return ""
    text = _BASE_END.sub("", lead[at + 1 :].strip(",:;"))
    return text if _CJK.search(text) else ""


def _whole_topic(text: str, topics: list[Any]) -> str:
    """The topic key a printed whole names: `share_bases` first, then the first topic whose
    pattern finds it (topics bound to a context or an item name are left out)."""
    for pattern, key in _rules().get("share_bases", {}).items():
        if re.search(pattern, text):
            return str(key)
    for t in topics:
        if t.context or t.before or t.name or t.function_class or t.economic or t.dimension:
            continue
        if t.pattern.search(text):
            return str(t.key)
    return ""


def _default_whole(share_key: str) -> str:
    """The usual whole of a share key (`shares` in fact_checks.yaml), without its phase."""
    pair = _rules()["shares"].get(share_key)
    return "" if not pair else str(pair[1]).replace("_{phase}", "").replace(":{param}", "")


def share_keys(keys: list[str], base_label: str, lead: str, topics: list[Any]) -> tuple[list[str], str]:
    """(keys, label) of a share: the label names its whole as printed, the key names it when it
    is not the usual one. Without a printed whole, the keys are kept and the label is ''."""
    whole_text = share_whole(lead)
    if not whole_text:
        return keys, ""
    whole = _whole_topic(whole_text, topics)
    out = []
    for key in keys:
        base, sep, param = key.partition(":")
        part = base.removesuffix("_share_pct")
        default = _default_whole(base)
        if whole and base.endswith("_share_pct") and whole != default and whole != part:
            key = f"{part}_share_of_{whole}_pct{sep}{param}"
        out.append(key)
    return out, f"{base_label}占{whole_text}的比例"


_ENUMERATION = re.compile(r"(?:^|[。;:,])(?:[一二三四五六七八九十]+是|\(\d+\)|\d+[.、])")


@dataclass
class ParagraphParts:
    """Topics first stated in one paragraph, to tell a later item of an enumeration apart."""

    text: str
    first: dict[str, tuple[Decimal | None, int]] = field(default_factory=dict)

    def key(self, key: str, label: str, value: Decimal | None, pos: int) -> tuple[str, str]:
        """`<key>_part` and "<label>(分项)" when `key` was stated earlier in the paragraph with
        another value and an enumeration starts between the two; else (key, label)."""
        seen = self.first.get(key)
        if seen is None:
            self.first[key] = (value, pos)
            return key, label
        old, at = seen
        if old is None or value is None or value == old or value > old:
            return key, label
        if not _ENUMERATION.search(self.text, at, pos):
            return key, label
        return f"{key}_part", f"{label}(分项)"
