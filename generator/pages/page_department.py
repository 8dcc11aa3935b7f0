"""One page per department: profile, every disclosure, key figures over time."""

from __future__ import annotations

from generator.pages.charts import ChartData, Column, bar_chart
from generator.pages.context import Site
from generator.pages.fmt import esc, md_link, show_value, stage_label, wan
from generator.pages.page_disclosure import cards_html, key_figures
from generator.pages.sources import ref_html

PROFILE_TOPICS = ("staff_authorized", "staff_actual", "retirees", "vehicles", "large_equipment",
                  "performance_score")


SECTION_TITLES = {"duties": "主要职能", "organization": "机构设置", "units": "所属单位", "key_work": "重点工作"}


def profile_sections(site: Site, dids: list[str]) -> list[str]:
    """The department's profile (职能, 机构, 单位) from its most recent disclosure that has one."""
    for did in sorted(dids, key=lambda x: site.disc(x).get("year", ""), reverse=True):
        rows = site.data.rows("profile", did)
        if not rows:
            continue
        out = []
        sections: dict[str, list[str]] = {}
        for r in sorted(rows, key=lambda r: int(r.get("seq") or 0) if (r.get("seq") or "").isdigit() else 0):
            sections.setdefault(r.get("section", ""), []).append(r.get("text", ""))
        for key, texts in sections.items():
            if key == "key_work":
                continue  # yearly work, shown with each disclosure rather than as the profile
            out += [f"## {esc(SECTION_TITLES.get(key, key))}", ""]
            out += [f"{i}. {esc(t)}" for i, t in enumerate(texts, 1)] if len(texts) > 1 else [esc(texts[0])]
            out.append("")
        out += [f"<small>来源：{esc(site.label(did))} 部门概况</small>", ""]
        return out
    return []


def over_time(site: Site, dep: str) -> list[str]:
    """Links to this department's year-on-year series and its 预算/决算 pairs on the comparison pages."""
    md = path(dep)
    links = [f"[{esc(stage_label(stage))}逐年变化（{len(dids)} 个年度）]"
             f"({md_link(md, 'compare/year-on-year.md')}#{dep}-{stage})"
             for (d, stage), dids in site.by_department_stage().items() if d == dep and len(dids) >= 2]
    links += [f"[{esc(site.disc(b).get('year', ''))} 年预算与决算]({md_link(md, 'compare/execution.md')}#{dep}-"
              f"{site.disc(b).get('year', '')})" for b, _f in site.budget_final_pairs()
              if site.disc(b)["department_id"] == dep]
    return ["## 历年比较", "", " · ".join(links), ""] if links else []


def path(dep: str) -> str:
    return f"departments/{dep}.md"


def render(site: Site, dep: str) -> str:
    md = path(dep)
    d = site.department(dep)
    dids = [x for x in site.disclosure_ids() if site.disc(x)["department_id"] == dep]
    region = " ".join(x for x in (d.get("province", ""), d.get("city", ""), d.get("county", "")) if x)
    out = [f"# {esc(site.dep_name(dep))}", "",
           f'<p class="page-lead" style="--dep-color:{esc(site.colors[dep])}"><span class="dep-dot"></span>'
           f"{esc(region)} · {len(dids)} 份公开文件</p>", ""]
    out += profile_sections(site, dids)
    out += ["## 公开文件", ""]
    for did in dids:
        x = site.disc(did)
        out += [f"### [{esc(x.get('title') or did)}]({md_link(md, f'disclosures/{did}.md')})", "",
                f"{esc(x.get('year', ''))} 年度 · {esc(stage_label(x.get('stage', '')))}", "",
                cards_html(key_figures(site, did)), ""]
    out += over_time(site, dep)
    profile = [r for did in dids for r in site.data.rows("facts", did) if r.get("topic_key") in PROFILE_TOPICS]
    if profile:
        out += ["## 人员与资产", "", "| 公开文件 | 指标 | 数值 | 原文 | 出处 |", "|---|---|---:|---|---|"]
        for r in profile:
            out.append(f"| {esc(site.label(r['disclosure_id']))} | {esc(r.get('label', ''))} | "
                       f"{show_value(r.get('value', ''), r.get('unit', ''))} {esc(r.get('unit', ''))} | {esc(r.get('quote', ''))} | "
                       f"{ref_html(site.sources, r['disclosure_id'], r.get('source_ref', ''))} |")
        out.append("")
    recs = []
    for did in dids:
        total = site.total_expenditure(did)
        if total:
            recs.append({"disclosure": site.label(did), "department": site.dep_short(dep), "amount": total[0],
                         "table": total[1]})
    if recs:
        cols = [Column("disclosure", "公开文件（阶段）"), Column("department", "部门"), Column("amount", "支出合计", True),
                Column("table", "来自报表")]
        stages = sorted({stage_label(site.disc(x).get("stage", "")) for x in dids})
        c = ChartData("totals", f"{site.dep_short(dep)} 历年支出合计", "、".join(stages) + "（见各条标签）",
                      "、".join(site.label(x) for x in dids),
                      "支出合计：" + "；".join(f"{r['disclosure']} {wan(r['amount'])} 万元" for r in recs), cols, recs)
        out += ["## 历年支出合计", "", site.charts.figure(
            bar_chart(c, category="disclosure", value="amount", color="department",
                      colors={site.dep_short(dep): site.colors[dep]}, sort=False), md), ""]
    return "\n".join(out)


def write_all(site: Site) -> list[str]:
    paths = []
    for dep in site.department_ids():
        site.write(path(dep), render(site, dep))
        paths.append(path(dep))
    return paths
