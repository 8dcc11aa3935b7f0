"""Home page: what the site is, the bureaus at a glance, one comparison chart, how to download and cite."""

from __future__ import annotations

from collections import Counter

from generator.pages.charts import ChartData, Column, bar_chart, scale_outliers
from generator.pages.context import Site
from generator.pages.fmt import esc, label, md_link, rel_url, stage_label, wan

PAGE = "index.md"
STATUSES = ("pass", "warn", "fail", "skip")
NEWS_ITEMS = 4  # bullets of the latest changelog entry shown on the home page


def overview_chart(site: Site) -> str:
    recs, dids = [], []
    for did in site.latest_ids():  # one bar per department and stage: its latest disclosure
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
    c = ChartData("overview", "各部门支出合计（最新公开文件）", "、".join(stages) + "（见各条标签）",
                  "收支总表或支出表；" + "、".join(site.label(d) for d in dids),
                  "各公开文件支出合计：" + "；".join(f"{r['disclosure']} {wan(r['amount'])} 万元" for r in recs), cols, recs)
    figure = site.charts.figure(bar_chart(c, category="disclosure", value="amount", color="department",
                                          colors=site.color_scale(dids), sort=False), PAGE, static=True)
    notes = [f"{esc(name)}的支出合计是其余公开文件中最大者的 {times} 倍以上"
             for name, _total, times in scale_outliers(recs, "disclosure", "amount")]
    if notes:  # a common scale makes the smaller bureaus' bars slivers: say so, point to the share views
        figure += (f'\n\n<p class="scale-note">规模差异：{"；".join(notes)}，其他部门的条形因此很短。'
                   f'各部门支出结构的比较见<a href="{esc(rel_url(PAGE, "compare/function/"))}">按功能分类（占比）</a>'
                   f'和<a href="{esc(rel_url(PAGE, "compare/basic-project/"))}">基本支出与项目支出（占比）</a>。</p>')
    older = [d for d in site.disclosure_ids() if d not in site.latest_ids()]
    if older:
        figure += (f'\n\n<p class="latest-note">每个部门每个阶段取最新的公开文件；较早年度'
                   f'（{"、".join(esc(site.label(d)) for d in older)}）见'
                   f'<a href="{esc(rel_url(PAGE, "compare/year-on-year/"))}">同比变化</a>。</p>')
    return figure


def trust_line(site: Site, did: str) -> str:
    """数据可信度 of a disclosure: its check counts, linking to the checks that failed."""
    counts = Counter(r.get("status", "") for r in site.data.rows("checks", did))
    if not counts:
        return '<div class="trust">数据可信度：无检查记录</div>'
    badges = "".join(f'<span class="status status-{s}">{esc(label("status", s))} {counts[s]}</span>'
                     for s in STATUSES if counts.get(s))
    fails = counts.get("fail", 0)
    target = f"disclosures/{did}/"
    link = (f'<a href="{esc(rel_url(PAGE, target))}#failing-checks">查看 {fails} 项不一致</a>' if fails
            else f'<a href="{esc(rel_url(PAGE, target))}#checks">全部检查</a>')
    return f'<div class="trust"><span class="trust-label">数据可信度</span>{badges}{link}</div>'


def department_cards(site: Site) -> str:
    cards = []
    for dep in site.department_ids():
        d = site.department(dep)
        dids = [x for x in site.disclosure_ids() if site.disc(x)["department_id"] == dep]
        items = []
        for did in dids:
            total = site.total_expenditure(did)
            figure = f"{wan(total[0])} 万元" if total else "无支出表"
            items.append(f'<li><a href="{esc(rel_url(PAGE, f"disclosures/{did}/"))}">'
                         f'{esc(site.disc(did).get("year", ""))} {esc(stage_label(site.disc(did).get("stage", "")))}'
                         f"</a>：支出合计 {esc(figure)}{trust_line(site, did)}</li>")
        region = " ".join(x for x in (d.get("province", ""), d.get("city", ""), d.get("county", "")) if x)
        cards.append(
            f'<div class="dep-card" style="--dep-color:{esc(site.colors[dep])}">'
            f'<a class="dep-name" href="{esc(rel_url(PAGE, f"departments/{dep}/"))}">{esc(site.dep_name(dep))}</a>'
            f'<div class="dep-region">{esc(region)}</div><ul>{"".join(items)}</ul></div>')
    return f'<div class="dep-cards">{"".join(cards)}</div>'


def changelog_news(site: Site) -> list[str]:
    """The latest entry of the hand-written changelog (docs/changelog.md): its heading and first bullets."""
    path = site.docs / "changelog.md"
    if not path.is_file():
        return []
    version, items = "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            if version:
                break
            version = line[3:].strip()
        elif version and line.startswith("- "):
            items.append(line[2:].strip())
        elif version and items and line.startswith("  ") and line.strip():
            items[-1] += line.strip()  # a bullet continued on the next line (CJK: no space needed)
    if not version:
        return []
    more = f"（另有 {len(items) - NEWS_ITEMS} 项）" if len(items) > NEWS_ITEMS else ""
    return [f"**{version}**", "", *[f"- {item}" for item in items[:NEWS_ITEMS]], "",
            f"全部更新见[更新日志]({md_link(PAGE, 'changelog.md')}){more}。", ""]


def latest_disclosures(site: Site) -> list[str]:
    """The disclosures of the most recent year, newest first: what a returning reader looks for."""
    dids = sorted(site.disclosure_ids(), key=lambda d: site.disc(d).get("year", ""), reverse=True)
    if not dids:
        return []
    year = site.disc(dids[0]).get("year", "")
    links = "、".join(f"[{esc(site.label(d))}]({md_link(PAGE, f'disclosures/{d}.md')})"
                     for d in dids if site.disc(d).get("year", "") == year)
    return [f"最新年度（{esc(year)}）的公开文件：{links}。", ""]


def render(site: Site) -> str:
    n = len(site.disclosure_ids())
    out = ["---", "title: 首页", "hide:", "  - navigation", "---", "",
           "# 医保部门预决算公开数据", "",
           f'<p class="page-lead">{len(site.department_ids())} 个部门的 {n} 份部门预算、决算公开文件，'
           "整理为可下载、可核对的开放数据，并按统一口径比较。每个数字都能追溯到来源文件的行或表。</p>", "",
           f"## {len(site.department_ids())} 个部门一览", "", department_cards(site), "",
           "## 支出合计比较", "", overview_chart(site), "",
           '!!! info "预算与决算"',
           "    预算数是年初计划，决算数是实际执行结果。图表与表格中每个数字都注明阶段，不同阶段的数字不能直接比较。", "",
           "## 最近更新", "", *latest_disclosures(site), *changelog_news(site),
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
