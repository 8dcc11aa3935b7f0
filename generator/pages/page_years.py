"""Comparisons over time: year-on-year series of each department and stage, and plan versus execution
(a 预算 next to the 决算 of the same department and year). Any number of departments and years."""

from __future__ import annotations

from decimal import Decimal

from generator.pages.charts import ChartData, Column, bar_chart
from generator.pages.context import Site
from generator.pages.fmt import esc, md_link, percent, show_wan, stage_label, tints, wan
from generator.pages.load import Row, dec
from generator.pages.tables import render_table

Series = list[tuple[str, str, list[Decimal | None]]]  # (kind, row name, one value per disclosure)
YOY = "compare/year-on-year.md"
EXECUTION = "compare/execution.md"


def _amount(v: Decimal | None) -> str:
    return show_wan(str(v)) if v is not None else "—"


def _change(a: Decimal | None, b: Decimal | None) -> tuple[str, str]:
    if a is None or b is None:
        return "—", "—"
    diff = b - a
    return f"{diff:+,}", (percent(diff, a) if a else "—")


def total_row(site: Site, did: str) -> tuple[Row | None, str]:
    """The 合计 row of the 支出表 (else the 一般公共预算财政拨款支出表) that splits 基本/项目支出."""
    for resource, title in (("expenditure_by_function", "支出表"),
                            ("general_budget_expenditure", "一般公共预算财政拨款支出表")):
        for r in site.data.rows(resource, did):
            if r.get("code") == "total" and (dec(r.get("basic")) is not None or dec(r.get("project")) is not None):
                return r, title
    return None, ""


def three_public_total(site: Site, did: str, phase: str) -> Decimal | None:
    """“三公”经费合计 of one phase (a 决算 table also lists the year's 预算数)."""
    return next((dec(r["amount"]) for r in site.data.rows("three_public", did)
                 if r.get("item_key") == "total" and r.get("phase") == phase), None)


def key_rows(site: Site, dids: list[str], phases: list[str], *, items: bool = False) -> Series:
    """The comparable figures of several disclosures: totals, 基本/项目支出, function classes (and items),
    “三公”经费 and the narrative's 机关运行经费 etc. Rows no disclosure reports are left out."""
    totals = [site.total_expenditure(d) for d in dids]
    rows: Series = [("total", "支出合计", [t[0] if t else None for t in totals])]
    splits = [total_row(site, d)[0] for d in dids]
    for key, name in (("basic", "基本支出"), ("project", "项目支出")):
        rows.append(("split", name, [dec(r.get(key)) if r else None for r in splits]))
    for level in ("1", "3") if items else ("1",):
        rows += level_rows(site, dids, level)
    rows.append(("three_public", "“三公”经费合计", [three_public_total(site, d, ph) for d, ph in zip(dids, phases, strict=True)]))
    for topic in ("operating_cost", "personnel_cost", "public_cost"):
        facts = [site.fact(d, topic) for d in dids]
        if any(facts):
            name = next(f for f in facts if f).get("label", topic)
            rows.append(("fact", name, [dec((f or {}).get("value")) for f in facts]))
    return [(kind, name, values) for kind, name, values in rows if any(v is not None for v in values)]


def level_rows(site: Site, dids: list[str], level: str) -> Series:
    """One row per functional code of a level (1 类, 2 款, 3 项) that any of the disclosures lists."""
    per = [{r["code"]: r for r in site.function_rows(d, level)[0]} for d in dids]
    kind = {"1": "class", "2": "sub", "3": "item"}[level]
    return [(kind, f"{code} {next(p[code]['name'] for p in per if code in p)}",
             [dec(p[code]["amount"]) if code in p else None for p in per])
            for code in sorted({c for p in per for c in p})]


def _table(head: list[str], body: list[list[str]]) -> str:
    ths = "".join(f'<th scope="col"{" class=num" if i else ""}>{esc(h)}</th>' for i, h in enumerate(head))
    trs = "".join("<tr>" + "".join(f"<td{' class=num' if i else ''}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
                  for row in body)
    return (f'<div class="table-wrap"><table class="data-table sortable"><thead><tr>{ths}</tr></thead>'
            f"<tbody>{trs}</tbody></table></div>")


def _links(md: str, site: Site, dids: list[str]) -> str:
    return " · ".join(f"[{esc(site.label(d))}]({md_link(md, f'disclosures/{d}.md')})" for d in dids)


def _series_table(rows: Series, years: list[str], stage: str, first: str = "项目") -> str:
    """Amounts per year and, for each step, the change and its rate."""
    steps = list(zip(years, years[1:], strict=False))
    head = [first, *[f"{y} {stage}" for y in years]]
    head += [h for a, b in steps for h in (f"变化 {a}→{b}", f"增幅 {a}→{b}")]
    body = []
    for _kind, name, values in rows:
        changes = [c for x, y in zip(values, values[1:], strict=False) for c in _change(x, y)]
        body.append([esc(name), *[_amount(v) for v in values], *changes])
    return _table(head, body)


def _series_chart(site: Site, dids: list[str], rows: Series, chart_id: str, level_name: str) -> str:
    """Bars of each functional code, one per year (a tint of the department's colour, oldest lightest)."""
    first = site.disc(dids[0])
    dep, stage = first["department_id"], stage_label(first.get("stage", ""))
    years = [site.disc(d).get("year", "") for d in dids]
    recs = [{"name": name, "year": f"{y} {stage}", "amount": v}
            for _kind, name, values in rows for y, v in zip(years, values, strict=True) if v is not None]
    if not recs:
        return ""
    cols = [Column("name", f"功能分类（{level_name}）"), Column("year", "年度"), Column("amount", "金额", True)]
    title = f"{site.dep_short(dep)} 支出按功能分类{'' if level_name == '类' else f'（{level_name}）'}：{'→'.join(years)}"
    c = ChartData(chart_id, title, stage, "、".join(site.disc(d).get("title", d) for d in dids),
                  "逐年：" + "；".join(f"{r['name']} {r['year']} {wan(r['amount'])} 万元" for r in recs), cols, recs)
    colors = dict(zip([f"{y} {stage}" for y in years], tints(site.colors[dep], len(years)), strict=True))
    return site.charts.figure(bar_chart(c, category="name", value="amount", color="year", colors=colors,
                                        offset="year", sort=False), YOY)


# Levels compared below the 类 of the main table: (level, name, anchor suffix)
LEVELS = (("2", "款", "sub"), ("3", "项", "items"))


def level_subsections(site: Site, dids: list[str], anchor: str) -> list[str]:
    """款 and 项 year on year. A year whose disclosure has no figure at a level is named, never dropped
    silently; with fewer than two such years the page says the level cannot be compared."""
    stage = stage_label(site.disc(dids[0]).get("stage", ""))
    years = [site.disc(d).get("year", "") for d in dids]
    out: list[str] = []
    for level, name, suffix in LEVELS:
        have = [bool(site.function_rows(d, level)[0]) for d in dids]
        lacking = "、".join(f"{y} {stage}" for y, h in zip(years, have, strict=True) if not h)
        out += [f"### 按功能分类（{name}） {{#{anchor}-{suffix}}}", ""]
        if sum(have) < 2:
            listed = "、".join(f"{y} {stage}" for y, h in zip(years, have, strict=True) if h)
            out += [f"只有{esc(listed)}的公开文件列出{name}级的按功能分类支出数，{esc(lacking)}没有，无法在{name}级逐年比较。"
                    if listed else f"各年度的公开文件都没有{name}级的按功能分类支出数，无法在{name}级逐年比较。", ""]
            continue
        rows = level_rows(site, [d for d, h in zip(dids, have, strict=True) if h], level)
        rows = [(kind, n, _spread(values, have)) for kind, n, values in rows]
        notes = [f"{esc(lacking)}的公开文件没有{name}级的按功能分类支出数，表中该年度为“—”。"] if lacking else []
        notes += _table_note(site, [d for d, h in zip(dids, have, strict=True) if h], level)
        for y, h, i in zip(years, have, range(len(years)), strict=True):
            unlisted = [n for _k, n, values in rows if h and values[i] is None]
            if unlisted:  # listed in another year only: new, closed, or nothing spent that year
                notes.append(f"{esc(y)} {esc(stage)}没有列出：{'、'.join(esc(n) for n in unlisted)}（表中为“—”）。")
        out += [" ".join(notes), ""] if notes else []
        out += [_series_table(rows, years, stage, first=f"功能分类（{name}）"), "",
                _series_chart(site, dids, rows, f"yoy-{anchor}-{suffix}", name), ""]
    return out


def _table_note(site: Site, dids: list[str], level: str) -> list[str]:
    """When the years' figures come from different tables (支出表 one year, 05表 the next), say so."""
    tables = [site.function_rows(d, level)[1] for d in dids]
    if len(set(tables)) < 2:
        return []
    return ["各年度的数字取自不同的报表（" + "、".join(f"{esc(site.disc(d).get('year', ''))} 年取自{esc(t)}"
                                            for d, t in zip(dids, tables, strict=True)) + "），口径可能不同。"]


def _spread(values: list[Decimal | None], have: list[bool]) -> list[Decimal | None]:
    """Values of the years that have a level, placed back among all the years (None where a year has not)."""
    it = iter(values)
    return [next(it) if h else None for h in have]


def series_section(site: Site, dids: list[str]) -> list[str]:
    """One department and stage over two or more years: amounts per year, the change of each step, a chart;
    then the same at 款 and 项 level."""
    first = site.disc(dids[0])
    dep, stage_key = first["department_id"], first.get("stage", "")
    stage = stage_label(stage_key)
    years = [site.disc(d).get("year", "") for d in dids]
    anchor = f"{dep}-{stage_key}"
    out = [f"## {esc(site.dep_short(dep))} {'→'.join(esc(y) for y in years)}（{esc(stage)}） {{#{anchor}}}", ""]
    if len(dids) > 2:
        out += [f"{len(dids)} 个年度的{esc(stage)}，按年份排列；每一步的变化与上一个有公开文件的年度相比。", ""]
    rows = key_rows(site, dids, [stage_key] * len(dids))
    out += [_series_table(rows, years, stage), ""]
    note = _table_note(site, dids, "1")
    out += [note[0], ""] if note else []
    chart = _series_chart(site, dids, [r for r in rows if r[0] == "class"], f"yoy-{anchor}", "类")
    out += [chart, ""] if chart else []
    out += level_subsections(site, dids, anchor)
    out += [_links(YOY, site, dids), ""]
    return out


def series_groups(site: Site) -> list[list[str]]:
    """Every department and stage with disclosures of two or more years."""
    return [dids for dids in site.by_department_stage().values() if len(dids) >= 2]


def yoy_page(site: Site) -> str:
    out = ["# 同比变化", "", "同一部门、同一阶段（决算对决算，预算对预算）逐年的比较。变化 = 本年 − 上年；增幅 = 变化 ÷ 上年。", ""]
    groups = series_groups(site)
    if not groups:
        out += ["目前没有同一部门同一阶段两个以上年度的公开文件。", ""]
    for dids in groups:
        out += series_section(site, dids)
    return "\n".join(out)


def plan_section(site: Site, budget: str, final: str) -> list[str]:
    """年初预算 (from the 预算 itself) against 决算 of the same department and year."""
    db, df = site.disc(budget), site.disc(final)
    dep, year = db["department_id"], db.get("year", "")
    out = [f"## {esc(site.dep_short(dep))} {esc(year)}：预算与决算 {{#{dep}-{year}}}", "",
           f"预算数取自{esc(site.label(budget))}（年初预算），决算数取自{esc(site.label(final))}。"
           "执行率 = 决算 ÷ 预算。", ""]
    rows = key_rows(site, [budget, final], ["budget", "final"], items=True)
    # what the 决算's own 情况说明 gives as the year's 年初预算, by functional code
    stated = {r.get("code", ""): dec(r.get("initial_budget")) for r in site.data.rows("budget_execution", final)}
    head = ["项目", f"预算（{site.label(budget)}）", f"决算（{site.label(final)}）", "决算 − 预算", "执行率"]
    if any(v is not None for v in stated.values()):
        head.append("决算说明所述年初预算")
    body, recs = [], []
    for kind, name, (b, f) in rows:
        diff, _ = _change(b, f)
        row = [("　" if kind == "item" else "") + esc(name), _amount(b), _amount(f), diff, percent(f, b) if b and f is not None else "—"]
        if len(head) > 5:
            row.append(_amount(stated.get(name.split(" ")[0]) if kind in ("class", "item") else None))
        body.append(row)
        if kind != "item":
            recs += [{"item": name, "part": part, "amount": v} for part, v in (("预算", b), ("决算", f))
                     if v is not None]
    out += [_table(head, body), ""]
    if recs:
        cols = [Column("item", "项目"), Column("part", "阶段"), Column("amount", "金额", True)]
        c = ChartData(f"plan-{dep}-{year}", f"{site.dep_short(dep)} {year}：预算与决算", "预算与决算（并列）",
                      f"{db.get('title', budget)}、{df.get('title', final)}",
                      "预算与决算：" + "；".join(f"{r['item']} {r['part']} {wan(r['amount'])} 万元" for r in recs),
                      cols, recs)
        color = site.colors[dep]
        out += [site.charts.figure(bar_chart(c, category="item", value="amount", color="part",
                                             colors=dict(zip(("预算", "决算"), tints(color, 2), strict=True)),
                                             offset="part", sort=False), EXECUTION), ""]
    out += [_links(EXECUTION, site, [budget, final]), ""]
    return out


def execution_page(site: Site) -> str:
    md = EXECUTION
    out = ["# 预算与执行", "", "同一部门同一年度既有部门预算又有部门决算时，逐项并列预算数（取自预算公开文件本身）与决算数；"
           "决算公开文件的情况说明也会对比年初预算和实际支出，项目绩效自评表列出项目的执行率。", ""]
    pairs = site.budget_final_pairs()
    if pairs:
        for budget, final in pairs:
            out += plan_section(site, budget, final)
    else:
        out += ["目前没有同一部门同一年度的预算与决算公开文件可以并列。", ""]
    latest = set(site.latest_ids())
    finals = [d for d in site.disclosure_ids() if d in latest and site.data.rows("budget_execution", d)]
    rows = [r for d in finals for r in site.data.rows("budget_execution", d)]
    if rows:
        out += ["## 决算情况说明中的年初预算与决算", "",
                f"各部门最新的决算：{_links(md, site, finals)}。较早年度见各公开文件页面。", ""]
        # one chart per disclosure, titled with it: each bar is labelled by what tells it apart (the item)
        for d in finals:
            recs = [{"item": r["name"], "part": part, "amount": dec(r[key]), "source_ref": r.get("source_ref", ""),
                     "disclosure_id": d}
                    for r in site.data.rows("budget_execution", d)
                    for key, part in (("initial_budget", "年初预算"), ("final", "决算")) if dec(r.get(key)) is not None]
            if not recs:
                continue
            cols = [Column("item", "科目"), Column("part", "阶段"), Column("amount", "金额", True),
                    Column("source_ref", "出处")]
            c = ChartData(f"budget-vs-final-{d}", f"{site.label(d)}：年初预算与决算", "年初预算与决算（并列）",
                          f"情况说明；{site.label(d)}",
                          "年初预算与决算：" + "；".join(f"{r['item']} {r['part']} {wan(r['amount'])} 万元" for r in recs),
                          cols, recs)
            out += [site.charts.figure(bar_chart(c, category="item", value="amount", color="part",
                                                 colors={"年初预算": "#a0cbe8", "决算": "#4e79a7"}, offset="part",
                                                 sort=False), md), ""]
        out += [render_table(site.data, "budget_execution", rows), ""]
    with_projects = [d for d in site.latest_ids() if site.data.rows("projects", d)]
    projects = [r for d in with_projects for r in site.data.rows("projects", d)]
    if projects:
        # the project first: truncated labels still tell the bars apart; the disclosure follows
        recs = [{"project": f"{r['name']}（{site.label(r['disclosure_id'])}）",
                 "department": site.dep_short(site.disc(r["disclosure_id"])["department_id"]),
                 "rate": dec(r["execution_rate"]), "source_ref": r.get("source_ref", ""),
                 "disclosure_id": r["disclosure_id"]}
                for r in projects if dec(r.get("execution_rate")) is not None]
        out += ["## 项目执行率", "", f"各部门每个阶段最新的公开文件：{_links(md, site, with_projects)}。", ""]
        if recs:
            cols = [Column("project", "项目（公开文件）"), Column("department", "部门"), Column("rate", "执行率", True),
                    Column("source_ref", "出处")]
            stages = sorted({stage_label(site.disc(d).get("stage", "")) for d in with_projects})
            c = ChartData("project-rates", "项目预算执行率", stages[0] if len(stages) == 1 else "预算与决算混合（见各条标签）",
                          "项目绩效自评表；" + "、".join(site.label(d) for d in with_projects),
                          "项目执行率：" + "；".join(f"{r['project']} {r['rate']}%" for r in recs), cols, recs, unit="%")
            out += [site.charts.figure(bar_chart(c, category="project", value="rate", color="department",
                                                 colors=site.color_scale(with_projects)), md), ""]
        out += [render_table(site.data, "projects", projects,
                             columns=["disclosure_id", "name", "amount", "adjusted", "executed", "execution_rate",
                                      "score", "source_ref"]), ""]
    return "\n".join(out)
