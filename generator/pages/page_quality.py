"""Data quality: an overview with the checks that need attention, and one page of all checks per disclosure.

All 1,000+ checks on one page weighed about 1 MB; split by disclosure each page stays small.
"""

from __future__ import annotations

from collections import Counter

from generator.pages.context import Site
from generator.pages.fmt import esc, label, md_link
from generator.pages.tables import render_table

PAGE = "quality.md"
STATUSES = ("pass", "warn", "fail", "skip")


def render(site: Site) -> str:
    out = ["# 数据质量", "",
           "生成器对每份公开文件做一致性检查：表内合计是否等于明细之和、不同报表的同一数字是否相等、情况说明中的数字是否与报表一致、"
           "项目执行率是否等于执行数除以预算数。", "",
           "- **通过**：相等。", "- **舍入差异**：只在舍入容差内不同（来源文件各自四舍五入）。",
           "- **不一致**：超出容差，是来源文件本身的矛盾，数据按来源原样发布。", "- **不适用**：相关数字未公开。", "",
           "每项不一致和舍入差异都附一句“解读”：文件怎么说、重新计算得多少、差异从何而来（如以本年数为基数算增长率、"
           "截去尾数而非四舍五入、同一数字两处说法不一）。", "",
           "## 各公开文件的检查结果", "",
           "| 公开文件 | " + " | ".join(label("status", s) for s in STATUSES) + " |",
           "|---|" + "---:|" * len(STATUSES)]
    for did in site.disclosure_ids():
        counts = Counter(r.get("status", "") for r in site.data.rows("checks", did))
        out.append(f"| [{esc(site.label(did))}]({md_link(PAGE, f'disclosures/{did}.md')}) · "
                   f"[全部检查]({md_link(PAGE, disclosure_page(did))}) | "
                   + " | ".join(str(counts.get(s, 0)) for s in STATUSES) + " |")
    rows = [r for did in site.disclosure_ids() for r in site.data.rows("checks", did)
            if r.get("status") != "pass"]
    out += ["", "## 需要注意的检查", "",
            "下表列出所有公开文件中未通过的检查（不一致、舍入差异、不适用）；通过的检查见上表各公开文件的“全部检查”。"
            "用按钮按结果筛选，或输入文字筛选（如公开ID、检查ID、报表名）。", ""]
    if rows:
        out.append(render_table(site.data, "checks", rows, filterable=True))
    else:
        out.append("所有检查都已通过。")
    out += raw_tables(site)
    problems = [r for did in site.disclosure_ids() for r in site.data.rows("problems", did)]
    if problems:
        out += ["", "## 生成器报告的问题", "", "读取和解析时记录的问题（如无法识别的数字、缺失的报表），按公开文件列出。", "",
                render_table(site.data, "problems", problems, filterable=False)]
    return "\n".join(out)


def raw_tables(site: Site) -> list[str]:
    """Tables kept verbatim (not or only partly parsed): one line per table, the text is in the package."""
    rows = [r for did in site.disclosure_ids() for r in site.data.rows("raw_tables", did)]
    if not rows:
        return []
    seen: dict[tuple[str, str], tuple[dict, int]] = {}
    for r in rows:
        key = (r.get("disclosure_id", ""), r.get("table_no", ""))
        first, n = seen.get(key, (r, 0))
        seen[key] = (first, n + 1)
    out = ["", "## 原样保留的表格", "",
           "这些表格未能（完全）解析：原文逐行保存在数据包的 raw_tables 资源中，供核对。", "",
           "| 公开文件 | 表格 | 类型 | 行数 | 原因 |", "|---|---|---|---:|---|"]
    for (did, _), (r, n) in seen.items():
        reason = r.get("reason", "")
        short = reason if len(reason) <= 160 else reason[:160] + "……"
        out.append(f"| {esc(site.label(did))} | {esc(r.get('table_title', ''))} | {esc(r.get('kind', ''))} | {n} | "
                   f"{esc(short)} |")
    return out


def disclosure_page(did: str) -> str:
    return f"quality/{did}.md"


def render_disclosure(site: Site, did: str) -> str:
    md = disclosure_page(did)
    rows = site.data.rows("checks", did)
    out = [f"# 全部检查：{esc(site.label(did))}", "",
           f"[{esc(site.disc(did).get('title') or did)}]({md_link(md, f'disclosures/{did}.md')}) 的 {len(rows)} 项一致性检查。"
           f"结果的含义和其他公开文件见[数据质量]({md_link(md, PAGE)})。", ""]
    out.append(render_table(site.data, "checks", rows, disclosure_id=did, filterable=True) if rows else "没有检查记录。")
    return "\n".join(out)


def write(site: Site) -> list[str]:
    site.write(PAGE, render(site), boost=0.5)  # check descriptions mention every term: rank it low
    pages = []
    for did in site.disclosure_ids():
        site.write(disclosure_page(did), render_disclosure(site, did), boost=0.3)
        pages.append(disclosure_page(did))
    return pages
