"""Checks of the document as a whole: what a careless copy of a template or of last
year's disclosure leaves behind.

They read the "document facts" of generator.narrative.facts.document_facts:

- D.placeholder: a template placeholder left in ("上海市XX局", "20XX年", "。。。") → fail;
- D.year.heading / D.year.as_of: a 第X部分 heading or the "截至…年…月…日" date of the asset
  figures naming another year than the disclosure's → fail. A 决算 is about its year; a 预算
  may also name the year before (its assets are counted at the end of 上年, or mid-上年).

A standard statement listed in the table of contents but absent is within.table_presence's
business (T03.absent).
"""

from __future__ import annotations

from decimal import Decimal

from ..model import CheckResult, Disclosure, Status
from .rows import strip_suffix
from .tolerance import compare

SCOPE = "text"  # the published scopes are table | cross-table | text | project


def placeholders(d: Disclosure) -> list[CheckResult]:
    out = []
    for f in d.facts:
        if strip_suffix(f.topic_key) != "placeholder":
            continue
        out.append(CheckResult(
            "D.placeholder",
            f"模板占位符未替换 / template placeholder left in: “{f.label}” in “{f.quote}”",
            None, None, None, Status.FAIL, SCOPE, None, f.source_ref,
        ))
    return out


_YEAR_KINDS = {"heading": "第X部分标题 / section heading", "as_of": "截至日期 / as-of date"}


def stated_years(d: Disclosure) -> list[CheckResult]:
    out = []
    year = d.meta.year
    allowed = {year} if d.meta.stage == "final" else {year, year - 1}
    for f in d.facts:
        base = strip_suffix(f.topic_key)
        if not base.startswith("stated_year:") or f.value is None:
            continue
        kind = base.split(":", 1)[1]
        what = _YEAR_KINDS.get(kind, kind)
        stated = int(f.value)
        description = f"{what} “{f.label}” 所述年度 = {year}"
        if d.meta.stage != "final":
            description += f" (或上年 {year - 1})"
        description += " / the year stated is the disclosure's"
        # the nearest allowed year is the expected one, so the difference reads in years
        expected = min(allowed, key=lambda y: abs(y - stated))
        result = compare(f"D.year.{kind}", description, Decimal(expected), f.value, Decimal(0), SCOPE,
                         f.source_ref)
        if stated not in allowed:
            result.status = Status.FAIL
        out.append(result)
    return out


CHECKS = [placeholders, stated_years]
