"""Comparison pages across the bureaus. Every number carries its stage (预算/决算) in its label."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from generator.pages import page_years
from generator.pages.charts import (
    ChartData,
    Column,
    bar_chart,
    scale_outliers,
    small_multiples_chart,
    stacked_share_chart,
)
from generator.pages.context import Site
from generator.pages.fmt import esc, label, md_link, percent, show_wan, stage_label, wan
from generator.pages.load import Row, dec
from generator.pages.page_years import total_row
from generator.pages.tables import render_table


def stage_note(site: Site, dids: list[str]) -> str:
    """预算 and 决算 are not the same measure; the examples are labels of the disclosures compared."""
    examples = [next((site.label(d) for d in dids if site.disc(d).get("stage") == s), "") for s in ("final", "budget")]
    shown = "".join(f"“{esc(e)}”" for e in examples if e)
    return ('!!! info "预算与决算"\n    预算数是年初计划，决算数是实际执行结果，二者不能直接相加或当作同一口径比较。'
            f"本页每个数字都在标签中注明阶段{f'（如{shown}）' if shown else ''}。")


def latest_note(site: Site, md: str, dids: list[str]) -> list[str]:
    """Which disclosures a comparison shows: the latest of each department and stage; older ones named too."""
    if not dids:
        return []
    older = [d for d in site.disclosure_ids() if d not in site.latest_ids()]
    out = ["本页比较每个部门每个阶段最新的公开文件：" + "、".join(
        f"[{esc(site.label(d))}]({md_link(md, f'disclosures/{d}.md')})" for d in dids) + "。"]
    if older:
        out[0] += (f"较早年度（{'、'.join(esc(site.label(d)) for d in older)}）见"
                   f"[同比变化]({md_link(md, 'compare/year-on-year.md')})和各部门页面。")
    return [*out, ""]


def scale_note(outliers: list[tuple[str, Decimal, int]], hint: str) -> list[str]:
    """An admonition saying which disclosure dwarfs the others on a common scale (empty when none does)."""
    if not outliers:
        return []
    parts = "；".join(f"{esc(name)}（合计 {wan(total)} 万元）是其余公开文件中最大者的 {times} 倍以上"
                     for name, total, times in outliers)
    return ['!!! note "规模差异"', f"    {parts}。在同一刻度上，其他部门的条形会很短，差别难以看清。{hint}", ""]


def _stages(site: Site, dids: list[str]) -> str:
    stages = sorted({stage_label(site.disc(d).get("stage", "")) for d in dids})
    return stages[0] if len(stages) == 1 else "预算与决算混合（见各条标签）"


def _source(site: Site, dids: list[str], table: str) -> str:
    return f"{table}；" + "、".join(site.label(d) for d in dids)


def pivot(site: Site, row_keys: list[tuple[str, str]], dids: list[str], values: dict[tuple[str, str], str],
          *, share_of: dict[str, Decimal] | None = None, first: str = "科目") -> str:
    """Rows × disclosures; cells are the package's amounts (and a share of the disclosure's total)."""
    head = f'<th scope="col">{esc(first)}</th> ' + " ".join(
        f'<th scope="col" class="num">{esc(site.label(d))}</th>' for d in dids)
    body = []
    for key, name in row_keys:
        cells = [f"<td>{esc(name)}</td>"]
        for d in dids:
            v = values.get((key, d), "")
            text = show_wan(v) if v else "—"
            if share_of and v and share_of.get(d):
                text += f' <span class="share">{percent(dec(v) or Decimal(0), share_of[d])}</span>'
            cells.append(f'<td class="num" data-disclosure="{esc(d)}">{text}</td>')
        body.append("<tr>" + " ".join(cells) + "</tr>")
    return (f'<div class="table-wrap"><table class="data-table sortable pivot"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def _code_names(site: Site) -> dict[str, str]:
    """National names of functional codes (code list `function_codes`), so one code is one row everywhere:
    the latest national version (rows come oldest first); a name printed by a document only where the list has none."""
    names: dict[str, str] = {}
    for r in site.data.rows("function_codes"):
        code, name = r.get("code"), r.get("name")
        if code and name and not (r.get("origin") == "document" and code in names):
            names[code] = name
    return names


def _class_data(site: Site, level: str) -> tuple[list[str], list[dict], dict[tuple[str, str], str], list[tuple[str, str]]]:
    """Functional lines of one level across disclosures; zero lines are left out (tables list them)."""
    canonical = _code_names(site)
    dids: list[str] = []
    recs: list[dict] = []
    values: dict[tuple[str, str], str] = {}
    names: dict[str, str] = {}
    for did in site.latest_ids():
        rows, source = site.function_rows(did, level)
        rows = [r for r in rows if dec(r["amount"])]
        if not rows:
            continue
        dids.append(did)
        dep = site.disc(did)["department_id"]
        for r in rows:
            name = names.setdefault(r["code"], f"{r['code']} {canonical.get(r['code'], r['name'])}")
            values[(r["code"], did)] = r["amount"]
            recs.append({"disclosure": site.label(did), "department": site.dep_short(dep), "code": r["code"],
                         "name": name, "amount": dec(r["amount"]), "table": source, "source_ref": r["source_ref"],
                         "disclosure_id": did})
    keys = sorted(names.items())
    return dids, recs, values, keys


CLASS_COLS = [Column("disclosure", "公开文件（阶段）"), Column("department", "部门"), Column("code", "科目编码"),
              Column("name", "功能分类"),
              Column("amount", "金额", True), Column("table", "来自报表"), Column("source_ref", "出处")]


def level_section(site: Site, md: str, level: str, level_name: str, chart_id: str, class_dids: list[str]) -> list[str]:
    """款 or 项 compared like the 类; a disclosure that publishes 类 but not this level is named, not left out silently."""
    dids3, recs3, values3, keys3 = _class_data(site, level)
    gaps = [d for d in class_dids if d not in dids3]
    gap_note = (["未列入本层级比较（该公开文件没有" + level_name + "级数字，只在上面的类中出现）：" + "、".join(
        f"[{esc(site.label(d))}]({md_link(md, f'disclosures/{d}.md')})" for d in gaps) + "。", ""] if gaps else [])
    if not recs3:
        return [f"## {level_name}", "", f"没有公开文件给出{level_name}级的按功能分类支出数。", ""] if class_dids else []
    c3 = ChartData(chart_id, f"各部门支出按功能分类（{level_name}）", _stages(site, dids3), _source(site, dids3, "支出表"),
                   f"按功能分类（{level_name}）比较：" + "；".join(f"{r['disclosure']} {r['name']} {wan(r['amount'])} 万元"
                                                          for r in recs3), CLASS_COLS, recs3)
    outliers3 = scale_outliers(recs3, "disclosure", "amount")
    out = [f"## {level_name}", "", *gap_note]
    if outliers3:
        c3.title = f"各部门支出按功能分类（{level_name}，按公开文件分图，各图刻度不同）"
        out += scale_note(outliers3, "因此下图按公开文件分成小图，每个小图有自己的刻度（横轴长度不能跨图比较）；"
                                     "同一刻度的金额见下表。")
        chart = small_multiples_chart(c3, category="name", value="amount", panel="disclosure",
                                      color="department", colors=site.color_scale(dids3))
    else:
        chart = bar_chart(c3, category="name", value="amount", color="department",
                          colors=site.color_scale(dids3), offset="disclosure")
    return out + [site.charts.figure(chart, md), "", pivot(site, keys3, dids3, values3), ""]


def function_page(site: Site) -> str:
    md = "compare/function.md"
    out = ["# 按功能分类比较支出", "", stage_note(site, site.latest_ids()), "", *latest_note(site, md, site.latest_ids()),
           "功能分类（支出功能分类科目）说明钱花在哪类事务上：类（3位编码）如 210 卫生健康支出，项（7位编码）如 "
           "2101301 城乡医疗救助、2210201 住房公积金。数字取自各公开文件的支出表；没有支出表的，取一般公共预算财政拨款支出表或收支总表。", ""]
    dids, recs, values, keys = _class_data(site, "1")
    if recs:
        totals: dict[str, Decimal] = {}
        for r in recs:
            totals[r["disclosure"]] = totals.get(r["disclosure"], Decimal(0)) + r["amount"]
        share_of = {d: totals[site.label(d)] for d in dids}
        c = ChartData("class-abs", "各部门支出按功能分类（类）", _stages(site, dids), _source(site, dids, "支出表"),
                      "按功能分类（类）比较：" + "；".join(f"{r['disclosure']} {r['name']} {wan(r['amount'])} 万元" for r in recs),
                      CLASS_COLS, recs)
        absolute = ["## 类：金额", ""]
        outliers = scale_outliers(recs, "disclosure", "amount")
        absolute += scale_note(outliers, "各部门的结构见上方占比图；金额见下表。" if outliers else "")
        absolute += [site.charts.figure(
            bar_chart(c, category="name", value="amount", color="department", colors=site.color_scale(dids),
                      offset="disclosure"), md), ""]
        c2 = ChartData("class-share", "各部门支出结构（类，占比）", _stages(site, dids), _source(site, dids, "支出表"),
                       "各公开文件支出中各类所占比例。", CLASS_COLS, [dict(r) for r in recs])
        share = ["## 类：占比", "", site.charts.figure(
            stacked_share_chart(c2, category="disclosure", value="amount", part="name"), md), ""]
        table = ["表中括号外为金额（万元），灰色为占所列各类合计的比例。", "",
                 pivot(site, keys, dids, values, share_of=share_of), ""]
        # when one disclosure dwarfs the others, the shares are the readable comparison: show them first
        out += (share + absolute if outliers else absolute + share) + table
    for level, level_name, chart_id in (("2", "款", "sub-abs"), ("3", "项", "item-abs")):
        out += level_section(site, md, level, level_name, chart_id, dids)
    missing = [d for d in site.latest_ids() if d not in dids]
    if missing:
        out += ["未列入（没有非零的按功能分类支出数）：" + "、".join(
            f"[{esc(site.label(d))}]({md_link(md, f'disclosures/{d}.md')})" for d in missing), ""]
    return "\n".join(out)


def basic_project_page(site: Site) -> str:
    md = "compare/basic-project.md"
    out = ["# 基本支出与项目支出", "", stage_note(site, site.latest_ids()), "", *latest_note(site, md, site.latest_ids()),
           "基本支出保障机构正常运转（人员经费和日常公用经费），项目支出用于完成特定工作任务（如医疗救助资金）。", ""]
    recs, dids = [], []
    for did in site.latest_ids():
        row, title = total_row(site, did)
        if not row:
            continue
        dids.append(did)
        for key, part in (("basic", "基本支出"), ("project", "项目支出")):
            if dec(row.get(key)) is not None:
                recs.append({"disclosure": site.label(did), "part": part, "amount": dec(row[key]), "table": title,
                             "source_ref": row.get("source_ref", ""), "disclosure_id": did})
    if recs:
        cols = [Column("disclosure", "公开文件（阶段）"), Column("part", "支出类型"), Column("amount", "金额", True),
                Column("table", "来自报表"), Column("source_ref", "出处")]
        colors = {"基本支出": "#4e79a7", "项目支出": "#f28e2b"}
        desc = "；".join(f"{r['disclosure']} {r['part']} {wan(r['amount'])} 万元" for r in recs)
        a = ChartData("bp-abs", "基本支出与项目支出（金额）", _stages(site, dids), _source(site, dids, "支出表合计行"),
                      desc, cols, recs)
        b = ChartData("bp-share", "基本支出与项目支出（占比）", _stages(site, dids), _source(site, dids, "支出表合计行"),
                      desc, cols, [dict(r) for r in recs])
        absolute = site.charts.figure(stacked_share_chart(a, category="disclosure", value="amount", part="part",
                                                          colors=colors, normalize=False), md)
        share = site.charts.figure(stacked_share_chart(b, category="disclosure", value="amount", part="part",
                                                       colors=colors), md)
        outliers = scale_outliers(recs, "disclosure", "amount")
        if outliers:  # shares first: on one scale the smaller bureaus' bars are slivers
            out += [share, "", *scale_note(outliers, "上图的占比不受规模影响。"), absolute, ""]
        else:
            out += [absolute, "", share, ""]
    else:
        out += ["没有公开文件同时列出基本支出和项目支出。", ""]
    return "\n".join(out)


def economic_page(site: Site) -> str:
    md = "compare/economic.md"
    out = ["# 人员经费与公用经费（按经济分类）", "", stage_note(site, site.latest_ids()), "", *latest_note(site, md, site.latest_ids()),
           "基本支出按经济分类分为人员经费（301 工资福利支出、303 对个人和家庭的补助）和公用经费（302 商品和服务支出等）。"
           "数字取自一般公共预算财政拨款基本支出表的“类”级科目。", ""]
    recs, dids = [], []
    for did in site.latest_ids():
        rows = [r for r in site.data.rows("basic_expenditure_economic", did)
                if (r.get("level") or "").strip() == "1" and dec(r.get("amount")) is not None]
        if not rows:
            continue
        dids.append(did)
        for r in rows:
            recs.append({"disclosure": site.label(did), "category": label("category", r.get("category", "")),
                         "name": f"{r['code']} {r['name']}", "amount": dec(r["amount"]),
                         "source_ref": r.get("source_ref", ""), "disclosure_id": did})
    if recs:
        cols = [Column("disclosure", "公开文件（阶段）"), Column("category", "类别"), Column("name", "经济分类（类）"),
                Column("amount", "金额", True), Column("source_ref", "出处")]
        desc = "；".join(f"{r['disclosure']} {r['name']}（{r['category']}）{wan(r['amount'])} 万元" for r in recs)
        a = ChartData("econ-abs", "基本支出按经济分类（金额）", _stages(site, dids),
                      _source(site, dids, "基本支出表"), desc, cols, recs)
        b = ChartData("econ-share", "人员经费与公用经费（占比）", _stages(site, dids),
                      _source(site, dids, "基本支出表"), desc, cols, [dict(r) for r in recs])
        absolute = site.charts.figure(stacked_share_chart(a, category="disclosure", value="amount", part="name",
                                                          normalize=False), md)
        share = site.charts.figure(stacked_share_chart(b, category="disclosure", value="amount", part="category",
                                                       colors={"人员经费": "#4e79a7", "公用经费": "#f28e2b"}), md)
        outliers = scale_outliers(recs, "disclosure", "amount")
        if outliers:
            out += [share, "", *scale_note(outliers, "上图的占比不受规模影响。"), absolute, ""]
        else:
            out += [absolute, "", share, ""]
    rows = [r for d in site.latest_ids() for r in site.data.rows("basic_expenditure_economic", d)]
    if rows:
        out += ["## 全部明细", "", render_table(site.data, "basic_expenditure_economic", rows,
                                              columns=["disclosure_id", "code", "name", "category", "amount",
                                                       "source_ref"]), ""]
    return "\n".join(out)


def _facts(site: Site, topic: str) -> list[Row]:
    return [r for d in site.latest_ids() for r in site.data.rows("facts", d) if r.get("topic_key") == topic]


def _department_bars(site: Site, md: str, chart_id: str, title: str, dids: list[str], table: str,
                     disclosure_title: str, recs: list[dict]) -> str:
    """Figure of one amount per record (a disclosure, or a disclosure's 口径), coloured by department."""
    cols = [Column("disclosure", disclosure_title), Column("department", "部门"), Column("amount", "金额", True),
            Column("source_ref", "出处")]
    c = ChartData(chart_id, title, _stages(site, dids), _source(site, dids, table),
                  f"{title}：" + "；".join(f"{r['disclosure']} {wan(r['amount'])} 万元" for r in recs), cols, recs)
    return site.charts.figure(bar_chart(c, category="disclosure", value="amount", color="department",
                                        colors=site.color_scale(dids), sort=False), md)


def three_public_page(site: Site) -> str:
    md = "compare/three-public.md"
    out = ["# “三公”经费与机关运行经费", "", stage_note(site, site.latest_ids()), "", *latest_note(site, md, site.latest_ids()),
           "“三公”经费指因公出国（境）费、公务用车购置及运行（维）费和公务接待费。机关运行经费是为保障行政单位运行用于购买"
           "货物和服务等的各项公用经费。部分表格同时列出预算数和决算数：口径列分别注明。", ""]
    recs, dids = [], []
    for did in site.latest_ids():
        rows = [r for r in site.data.rows("three_public", did) if r.get("item_key") == "total"
                and dec(r.get("amount")) is not None]
        if rows:
            dids.append(did)
        for r in rows:
            recs.append({"disclosure": site.label(did), "phase": label("phase", r.get("phase", "")),
                         "amount": dec(r["amount"]), "source_ref": r.get("source_ref", ""), "disclosure_id": did})
    if recs:
        # 预算数 and 决算数 side by side in each disclosure's row, told apart by colour and legend (no hover needed)
        cols = [Column("disclosure", "公开文件（阶段）"), Column("phase", "口径"), Column("amount", "金额", True),
                Column("source_ref", "出处")]
        c = ChartData("three-public", "“三公”经费合计", _stages(site, dids), _source(site, dids, "“三公”经费支出表"),
                      "“三公”经费合计：" + "；".join(f"{r['disclosure']} {r['phase']} {wan(r['amount'])} 万元" for r in recs),
                      cols, recs)
        out += ["## “三公”经费合计", "", site.charts.figure(bar_chart(
            c, category="disclosure", value="amount", color="phase", colors={"预算数": "#a0cbe8", "决算数": "#4e79a7"},
            offset="phase", sort=False), md), ""]
    rows = [r for d in site.latest_ids() for r in site.data.rows("three_public", d)]
    if rows:
        out += ["## 明细", "", render_table(site.data, "three_public", rows,
                                          columns=["disclosure_id", "phase", "name", "amount", "source_ref"]), ""]
    op = _facts(site, "operating_cost")
    if op:
        recs2 = [{"disclosure": site.label(r["disclosure_id"]),
                  "department": site.dep_short(site.disc(r["disclosure_id"])["department_id"]),
                  "amount": dec(r["value"]), "source_ref": r.get("source_ref", ""),
                  "disclosure_id": r["disclosure_id"]}
                 for r in op if dec(r.get("value")) is not None and (r.get("unit") or "万元") == "万元"
                 and not (r.get("year") or "").strip()]
        d2 = sorted({r["disclosure_id"] for r in op}, key=site.disclosure_ids().index)
        if recs2:
            out += ["## 机关运行经费", "", _department_bars(site, md, "operating-cost", "机关运行经费", d2, "情况说明",
                                                        "公开文件（阶段）", recs2), ""]
        out += [render_table(site.data, "facts", op, columns=["disclosure_id", "label", "value", "unit", "year",
                                                              "quote", "source_ref"]), ""]
    return "\n".join(out)


def index_page(site: Site) -> str:
    md = "compare/index.md"
    out = ["# 比较", "", f"{len(site.department_ids())} 个部门的支出放在一起看：每个部门每个阶段取最新的公开文件，逐年变化见同比变化页。"
           "每个比较都注明数字是预算（计划）还是决算（实际）。", "",
           "| 页面 | 回答的问题 |", "|---|---|",
           "| [按功能分类](function.md) | 钱花在哪些事务上（类、项），各占多少 |",
           "| [基本支出与项目支出](basic-project.md) | 维持运转与专项工作的比例 |",
           "| [人员经费与公用经费](economic.md) | 基本支出按经济分类的构成 |",
           "| [“三公”经费与机关运行经费](three-public.md) | 出国、公务用车、公务接待和机关运行花了多少 |",
           "| [预算与执行](execution.md) | 年初预算与决算、项目执行率 |",
           "| [同比变化](year-on-year.md) | 同一部门逐年的变化 |", "", *latest_note(site, md, site.latest_ids())]
    return "\n".join(out)


PAGES: dict[str, Callable[[Site], str]] = {
    "compare/index.md": index_page,
    "compare/function.md": function_page,
    "compare/basic-project.md": basic_project_page,
    "compare/economic.md": economic_page,
    "compare/three-public.md": three_public_page,
    "compare/execution.md": page_years.execution_page,
    "compare/year-on-year.md": page_years.yoy_page,
}


def write_all(site: Site) -> list[str]:
    for md, fn in PAGES.items():
        # comparison pages answer topic searches (医疗救助, 三公 …): rank them above pages merely listing the term
        site.write(md, fn(site), boost=3)
    return list(PAGES)
