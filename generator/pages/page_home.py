"""Home page: what the site is, the bureaus at a glance, one comparison chart, how to download and cite."""

from __future__ import annotations

from generator.pages.charts import ChartData, Column, bar_chart
from generator.pages.context import Site
from generator.pages.fmt import esc, md_link, rel_url, stage_label

PAGE = "index.md"


def overview_chart(site: Site) -> str:
    recs, dids = [], []
    for did in site.disclosure_ids():
        total = site.total_expenditure(did)
        if total is None:
            continue
        dids.append(did)
        dep = site.disc(did)["department_id"]
        recs.append({"disclosure": site.label(did), "department": site.dep_short(dep), "amount": total[0],
                     "table": total[1]})
    if not recs:
        return ""
    stages = sorted({stage_label(site.disc(d).get("stage", "")) for d in dids})
    cols = [Column("disclosure", "公开文件（阶段）"), Column("department", "部门"), Column("amount", "支出合计", True),
            Column("table", "来自报表")]
    c = ChartData("overview", "各医保局支出合计", "、".join(stages) + "（见各条标签）",
                  "各公开文件的收支表或支出表；" + "、".join(site.label(d) for d in dids),
                  "各公开文件支出合计：" + "；".join(f"{r['disclosure']} {r['amount']:,} 万元" for r in recs), cols, recs)
    return site.charts.figure(bar_chart(c, category="disclosure", value="amount", color="department",
                                        colors=site.color_scale(dids), sort=False), PAGE)


def department_cards(site: Site) -> str:
    cards = []
    for dep in site.department_ids():
        d = site.department(dep)
        dids = [x for x in site.disclosure_ids() if site.disc(x)["department_id"] == dep]
        items = []
        for did in dids:
            total = site.total_expenditure(did)
            figure = f"{total[0]:,} 万元" if total else "无支出表"
            items.append(f'<li><a href="{esc(rel_url(PAGE, f"disclosures/{did}/"))}">'
                         f'{esc(site.disc(did).get("year", ""))} {esc(stage_label(site.disc(did).get("stage", "")))}'
                         f"</a>：支出合计 {esc(figure)}</li>")
        region = " ".join(x for x in (d.get("province", ""), d.get("city", ""), d.get("county", "")) if x)
        cards.append(
            f'<div class="dep-card" style="--dep-color:{esc(site.colors[dep])}">'
            f'<a class="dep-name" href="{esc(rel_url(PAGE, f"departments/{dep}/"))}">{esc(site.dep_name(dep))}</a>'
            f'<div class="dep-region">{esc(region)}</div><ul>{"".join(items)}</ul></div>')
    return f'<div class="dep-cards">{"".join(cards)}</div>'


def render(site: Site) -> str:
    n = len(site.disclosure_ids())
    out = ["---", "title: 首页", "hide:", "  - navigation", "---", "",
           "# 医保部门预决算公开数据", "",
           f'<p class="page-lead">{len(site.department_ids())} 个医疗保障局的 {n} 份部门预算、决算公开文件，'
           "整理为可下载、可核对的开放数据，并按统一口径比较。每个数字都能追溯到来源文件的行或表。</p>", "",
           f"## {len(site.department_ids())} 个医保局一览", "", department_cards(site), "",
           "## 支出合计比较", "", overview_chart(site), "",
           '!!! info "预算与决算"',
           "    预算数是年初计划，决算数是实际执行结果。图表与表格中每个数字都注明阶段，不同阶段的数字不能直接比较。", "",
           "## 从这里开始", "",
           f"- [按功能分类比较支出]({md_link(PAGE, 'compare/function.md')})：卫生健康、医疗救助、住房公积金……",
           f"- [“三公”经费与机关运行经费]({md_link(PAGE, 'compare/three-public.md')})",
           f"- [预算与执行]({md_link(PAGE, 'compare/execution.md')}) · [同比变化]({md_link(PAGE, 'compare/year-on-year.md')})",
           f"- [数据质量]({md_link(PAGE, 'quality.md')})：每项一致性检查的结果",
           "", "## 下载与引用", "",
           f"全部数据以 CSV + datapackage.json（Frictionless 数据包）、ZIP 和 Excel 工作簿提供：见[下载]({md_link(PAGE, 'downloads.md')})。"
           f"使用时请按[如何引用]({md_link(PAGE, 'cite.md')})注明来源；许可见[许可]({md_link(PAGE, 'license.md')})。"
           f"更新记录见[更新日志]({md_link(PAGE, 'changelog.md')})，数据的提取和检查方法见[方法]({md_link(PAGE, 'methodology.md')})。",
           ""]
    return "\n".join(out)


def write(site: Site) -> None:
    site.write(PAGE, render(site))
