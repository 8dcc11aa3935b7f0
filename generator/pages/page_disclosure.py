"""One page per disclosure: key figures, standard figures, every statement, facts, projects, checks, downloads."""

from __future__ import annotations

from collections import Counter

from generator.pages.context import RESOURCE_TITLES, Site
from generator.pages.downloads import download_rel
from generator.pages.figures import standard_figures
from generator.pages.fmt import esc, label, md_link, show_amount, show_value, show_wan, stage_label, wan
from generator.pages.sources import source_list
from generator.pages.tables import render_table, visible_columns

STATEMENTS = ("summary", "income_by_function", "expenditure_by_function", "general_budget_expenditure",
              "basic_expenditure_economic", "three_public")


LONG_TABLE = 25
SIDE_COLUMNS = 4  # a 收支总表 half with more columns than this is stacked, not put side by side


def path(did: str) -> str:
    return f"disclosures/{did}.md"


def key_figures(site: Site, did: str) -> list[tuple[str, str, str]]:
    """(label, value, note) cards for the top of disclosure and home pages."""
    cards = []
    total = site.total_expenditure(did)
    if total:
        cards.append(("支出合计", f"{wan(total[0])} 万元", total[1]))
    for r in site.data.rows("expenditure_by_function", did) or site.data.rows("general_budget_expenditure", did):
        if r.get("code") == "total":
            if (r.get("basic") or "").strip():
                cards.append(("基本支出", f"{show_wan(r['basic'])} 万元", "支出表 合计行"))
            if (r.get("project") or "").strip():
                cards.append(("项目支出", f"{show_wan(r['project'])} 万元", "支出表 合计行"))
            break
    for r in site.data.rows("three_public", did):
        if r.get("item_key") == "total" and (r.get("amount") or "").strip():
            cards.append((f"“三公”经费（{label('phase', r.get('phase', ''))}）", f"{show_wan(r['amount'])} 万元",
                          "“三公”经费表"))
    op = site.fact(did, "operating_cost")
    if op and (op.get("value") or "").strip():
        cards.append(("机关运行经费", f"{show_value(op['value'], op.get('unit', ''))} {esc(op.get('unit', ''))}", "情况说明"))
    for topic in ("staff_actual", "staff_authorized"):
        f = site.fact(did, topic)
        if f and (f.get("value") or "").strip():
            cards.append((esc(f.get("label") or topic), f"{show_value(f['value'], f.get('unit', ''))} {esc(f.get('unit', ''))}", "情况说明"))
            break
    return cards


def cards_html(cards: list[tuple[str, str, str]]) -> str:
    if not cards:
        return ""
    items = "".join(f'<div class="kf"><div class="kf-label">{esc(a)}</div><div class="kf-value">{b}</div>'
                    f'<div class="kf-note">{esc(c)}</div></div>' for a, b, c in cards)
    return f'<div class="key-figures">{items}</div>'


def checks_summary(site: Site, did: str) -> str:
    counts = Counter(r.get("status", "") for r in site.data.rows("checks", did))
    if not counts:
        return ""
    parts = [f'<span class="status status-{esc(s)}">{esc(label("status", s))} {n}</span>'
             for s, n in sorted(counts.items(), key=lambda kv: ("pass", "warn", "fail", "skip").index(kv[0])
                                if kv[0] in ("pass", "warn", "fail", "skip") else 9)]
    return f'<p class="check-counts">{"".join(parts)}</p>'


def statement_sides(site: Site, did: str, rows: list[dict], unit_line: str) -> list[str]:
    """收支总表 laid out like the printed statement: income and expenditure side by side (stacked on a phone).

    One pair of tables per statement (收支总表, 财政拨款收支总表); data-row keeps each row's position
    in the summary resource.
    """
    out: list[str] = []
    for statement in dict.fromkeys(r.get("statement", "") for r in rows):
        sides = []
        ours = [r for r in rows if r.get("statement", "") == statement]
        # side by side only while both halves stay readable in half the page (财政拨款收支总表 has 3 more columns)
        wide = max(len(visible_columns(site.data, "summary", [r for r in ours if r.get("side") == side],
                                       {"statement", "side"})) for side in ("income", "expenditure")) > SIDE_COLUMNS
        for side in ("income", "expenditure"):
            numbered = [(i, r) for i, r in enumerate(rows) if r.get("statement", "") == statement
                        and r.get("side", "") == side]
            if not numbered:
                continue
            table = render_table(site.data, "summary", [r for _, r in numbered], hide={"statement", "side"},
                                 disclosure_id=did, row_numbers=[i for i, _ in numbered])
            sides.append(f'<div class="statement-side"><p class="side-title">{esc(label("side", side))}</p>'
                         f"{table}</div>")
        rest = [(i, r) for i, r in enumerate(rows) if r.get("statement", "") == statement
                and r.get("side", "") not in ("income", "expenditure")]
        if rest:  # a row of neither side is still shown, in its own table
            sides.append('<div class="statement-side">' + render_table(
                site.data, "summary", [r for _, r in rest], disclosure_id=did,
                row_numbers=[i for i, _ in rest]) + "</div>")
        out += [f"### {esc(label('statement', statement))}", "", unit_line, "",
                f'<div class="statement-sides{" stacked" if wide else ""}">{"".join(sides)}</div>', ""]
    return out


def _explained(row: dict) -> str:
    """The check's plain sentence for readers, on a line of its own."""
    text = row.get("explanation", "")
    return f'<br><span class="check-explanation">{esc(text)}</span>' if text else ""


def failing_checks(site: Site, did: str) -> list[str]:
    """The checks that failed, listed outside the folded table (the home page links here)."""
    fails = [r for r in site.data.rows("checks", did) if r.get("status") == "fail"]
    if not fails:
        return []
    # the description's Chinese half (before " / "); the full text is in the checks table below
    items = "".join(f"<li><code>{esc(r.get('check_id', ''))}</code> {esc(r.get('description', '').split(' / ')[0])}："
                    f"预期 {show_amount(r.get('expected', ''))}，实际 {show_amount(r.get('actual', ''))}"
                    f"（差 {show_amount(r.get('difference', ''))}）{_explained(r)}</li>" for r in fails)
    return [f'<div class="failing-checks" id="failing-checks"><p class="side-title">不一致的检查（{len(fails)} 项）</p>'
            f"<ul>{items}</ul></div>", ""]


def render(site: Site, did: str) -> str:
    d = site.disc(did)
    md = path(did)
    dep = d["department_id"]
    stage = stage_label(d.get("stage", ""))
    # the department's own name leads; the title the source gives itself (it may be a code name) is shown beside it
    out = [f"# {esc(site.dep_name(dep))} {esc(d.get('year', ''))} 年部门{esc(stage)}", "",
           f'<p class="source-title">来源文件标题：《{esc(d.get("title") or did)}》</p>', ""]
    out.append(f'<p class="page-lead"><span class="stage stage-{esc(d.get("stage", ""))}">{esc(stage)}</span> '
               f'{esc(site.dep_name(dep))} · {esc(d.get("year", ""))} 年度 · 公开ID <code>{esc(did)}</code></p>')
    out += ["", f"[部门页面]({md_link(md, f'departments/{dep}.md')}) · "
                f"[下载本数据包]({md_link(md, 'downloads.md')}#{did}) · "
                f"[数据质量]({md_link(md, 'quality.md')})", ""]
    out += [cards_html(key_figures(site, did)), ""]
    if d.get("notes"):
        # the catalog's description of the export (tables flattened, OCR spaces …): why some numbers needed care
        out += ['!!! abstract "来源文件的导出情况"', f"    {esc(d['notes'])}", ""]

    figs = standard_figures(site, did)
    if figs:
        out += ["## 标准图（按数据重绘）", "",
                "原公开文件中的图1–图7在文本导出中丢失，以下按本数据包重新绘制（编号按本站顺序）。", ""]
        out += [site.charts.figure(f, md) for f in figs]
        out.append("")

    out += ["## 报表", ""]
    any_statement = False
    for resource in STATEMENTS:
        rows = site.data.rows(resource, did)
        if not rows:
            continue
        any_statement = True
        if resource == "summary":  # one heading per statement (收支总表, 财政拨款收支总表)
            out += statement_sides(site, did, rows, f"单位：万元 · {esc(stage)}数")
            continue
        out += [f"### {RESOURCE_TITLES[resource]}", "", f"单位：万元 · {esc(stage)}数", "",
                render_table(site.data, resource, rows, disclosure_id=did), ""]
    if not any_statement:
        out += ['!!! warning "没有可用的报表"', "    本公开文件中的标准报表缺失或未能解析，以下数字来自情况说明和项目表。", ""]

    for resource, heading in (("facts", "情况说明中的数字"), ("budget_execution", "年初预算与决算"),
                              ("projects", "项目支出与绩效"), ("indicators", "绩效指标")):
        rows = site.data.rows(resource, did)
        if rows:
            table = render_table(site.data, resource, rows, disclosure_id=did)
            if len(rows) > LONG_TABLE:  # long lists fold away so the page stays navigable
                table = (f'<details class="table-details"><summary>展开全部 {len(rows)} 行</summary>\n'
                         f"{table}\n</details>")
            out += [f"## {heading}", "", table, ""]

    statements = site.data.rows("statements", did)
    if statements:
        out += ["## 识别出的报表", "", "生成器在来源文件中识别出的报表（“原样保留”表示该表未能完全解析，原文见数据包 raw_tables）。", "",
                render_table(site.data, "statements", statements, disclosure_id=did), ""]
    checks = site.data.rows("checks", did)
    out += ["## 数据检查 {#checks}", ""]
    if checks:
        out += ["通过 = 相等；舍入差异 = 仅在舍入容差内不同；不一致 = 来源文件本身的矛盾；不适用 = 相关数字未公开。"
                f"按结果筛选见[数据质量]({md_link(md, 'quality.md')})。", "",
                checks_summary(site, did), "", *failing_checks(site, did),
                f'<details class="table-details"><summary>全部 {len(checks)} 项检查</summary>',
                render_table(site.data, "checks", checks, disclosure_id=did), "</details>", ""]
    else:
        out += ["本数据包没有检查记录。", ""]
    problems = site.data.rows("problems", did)
    if problems:
        out += [f'<details class="problems"><summary>生成器报告的问题（{len(problems)} 条）</summary>',
                render_table(site.data, "problems", problems, disclosure_id=did), "</details>", ""]

    out += ["## 来源文件 {#source}", "", *source_list(site, did), "", "## 下载", ""]
    pkg = site.data.packages.get(did)
    if pkg:
        for f in pkg.files:
            out.append(f"- [{esc(f.path.name)}]({md_link(md, download_rel(f.rel))}) （{f.size:,} 字节）")
        out.append(f"- [整个数据包 ZIP]({md_link(md, f'downloads/{did}.zip')}) · "
                   f"[Excel 工作簿]({md_link(md, f'downloads/{did}.xlsx')})")
    else:
        out.append("本公开文件没有单独的数据包；数据见合并数据包。")
    return "\n".join(out)


def write_all(site: Site) -> list[str]:
    paths = []
    for did in site.disclosure_ids():
        site.write(path(did), render(site, did))
        paths.append(path(did))
    return paths
