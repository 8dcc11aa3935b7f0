"""Data quality: every check of every disclosure in one filterable table."""

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
           "## 各公开文件的检查结果", "",
           "| 公开文件 | " + " | ".join(label("status", s) for s in STATUSES) + " |",
           "|---|" + "---:|" * len(STATUSES)]
    for did in site.disclosure_ids():
        counts = Counter(r.get("status", "") for r in site.data.rows("checks", did))
        out.append(f"| [{esc(site.label(did))}]({md_link(PAGE, f'disclosures/{did}.md')}) | "
                   + " | ".join(str(counts.get(s, 0)) for s in STATUSES) + " |")
    rows = [r for did in site.disclosure_ids() for r in site.data.rows("checks", did)]
    out += ["", "## 全部检查", "", "用下方的按钮按结果筛选，或输入文字筛选（如公开ID、检查ID、报表名）。", ""]
    if rows:
        out.append(render_table(site.data, "checks", rows, filterable=True))
    else:
        out.append("没有检查记录。")
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


def write(site: Site) -> None:
    site.write(PAGE, render(site), boost=0.5)  # check descriptions mention every term: rank it low
