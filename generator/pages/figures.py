"""The standard figures of a disclosure (图1–图7 of the template, lost in the exports), redrawn from its data.

Each returns None when the package lacks the rows: a figure is never invented.
"""

from __future__ import annotations

from generator.pages.charts import ChartData, Column, arc_chart, bar_chart
from generator.pages.context import Site
from generator.pages.fmt import field_titles, label, stage_label, wan
from generator.pages.load import dec

INCOME_PARTS = ("fiscal_appropriation", "upper_subsidy", "business_income", "operating_income",
                "affiliated_income", "other_income", "carryover")


def _base(site: Site, did: str, n: int, title: str, source: str, description: str, columns: list[Column],
          records: list[dict]) -> ChartData:
    d = site.disc(did)
    return ChartData(f"fig{n}", f"图{n} {title}", stage_label(d.get("stage", "")),
                     f"{d.get('title', did)}，{source}", description, columns, records, disclosure_id=did,
                     subject=site.label(did))


def _describe(records: list[dict], key: str, value: str) -> str:
    return "；".join(f"{r[key]} {wan(r[value])} 万元" for r in records)


def fig1_totals(site: Site, did: str):
    keys = {"income_total": "收入总计", "expenditure_total": "支出总计",
            "income_subtotal": "本年收入合计", "expenditure_subtotal": "本年支出合计"}
    recs = []
    for r in site.data.rows("summary", did):
        if r.get("statement") == "overall" and r.get("item_key") in keys and dec(r.get("amount")) is not None:
            recs.append({"item": keys[r["item_key"]], "amount": dec(r["amount"]), "source_ref": r.get("source_ref", "")})
    if not recs:
        return None
    cols = [Column("item", "项目"), Column("department", "部门"), Column("amount", "金额", True),
            Column("source_ref", "出处")]
    color = {site.dep_short(site.disc(did)["department_id"]): site.colors[site.disc(did)["department_id"]]}
    for rec in recs:
        rec["department"] = next(iter(color))
    data = _base(site, did, 1, "收支总体情况", "收支总表", "收支总体情况：" + _describe(recs, "item", "amount"),
                 cols, recs)
    return bar_chart(data, category="item", value="amount", color="department", colors=color, sort=False)


def fig2_income(site: Site, did: str):
    total = next((r for r in site.data.rows("income_by_function", did) if r.get("code") == "total"), None)
    if not total:
        return None
    titles = field_titles()
    recs = [{"part": titles[k], "amount": dec(total[k]), "source_ref": total.get("source_ref", "")}
            for k in INCOME_PARTS if dec(total.get(k)) not in (None, 0)]
    if not recs:
        return None
    cols = [Column("part", "收入来源"), Column("amount", "金额", True), Column("source_ref", "出处")]
    return arc_chart(_base(site, did, 2, "收入结构", "收入表合计行", "收入结构：" + _describe(recs, "part", "amount"),
                           cols, recs), category="part", value="amount")


def fig3_expenditure(site: Site, did: str):
    for resource in ("expenditure_by_function", "general_budget_expenditure"):
        total = next((r for r in site.data.rows(resource, did) if r.get("code") == "total"), None)
        if total and (dec(total.get("basic")) is not None or dec(total.get("project")) is not None):
            recs = [{"part": t, "amount": dec(total[k]), "source_ref": total.get("source_ref", "")}
                    for k, t in (("basic", "基本支出"), ("project", "项目支出")) if dec(total.get(k)) is not None]
            cols = [Column("part", "支出类型"), Column("amount", "金额", True), Column("source_ref", "出处")]
            return arc_chart(_base(site, did, 3, "支出结构（基本支出与项目支出）", "支出表合计行",
                                   "支出结构：" + _describe(recs, "part", "amount"), cols, recs),
                             category="part", value="amount")
    return None


def fig4_fiscal(site: Site, did: str):
    recs = []
    for r in site.data.rows("summary", did):
        if r.get("statement") == "fiscal" and r.get("item_key") in ("income_total", "expenditure_total") \
                and dec(r.get("amount")) is not None:
            recs.append({"item": r["name"], "amount": dec(r["amount"]), "source_ref": r.get("source_ref", "")})
    if not recs:
        return None
    cols = [Column("item", "项目"), Column("amount", "金额", True), Column("source_ref", "出处")]
    return bar_chart(_base(site, did, 4, "财政拨款收支总体情况", "财政拨款收支总表",
                           "财政拨款收支：" + _describe(recs, "item", "amount"), cols, recs),
                     category="item", value="amount", sort=False)


def fig5_classes(site: Site, did: str):
    rows, source = site.function_rows(did, "1")
    rows = [r for r in rows if dec(r["amount"])]  # 01表 lists every 类, mostly zero: plot the spending ones
    if not rows:
        return None
    recs = [{"name": f"{r['code']} {r['name']}", "amount": dec(r["amount"]), "source_ref": r["source_ref"]}
            for r in rows]
    cols = [Column("name", "功能分类（类）"), Column("amount", "金额", True), Column("source_ref", "出处")]
    return bar_chart(_base(site, did, 5, "支出按功能分类（类）", source, "按功能分类：" + _describe(recs, "name", "amount"),
                           cols, recs), category="name", value="amount")


def fig6_basic(site: Site, did: str):
    rows = [r for r in site.data.rows("basic_expenditure_economic", did)
            if (r.get("level") or "").strip() == "1" and dec(r.get("amount")) is not None]
    if not rows:
        return None
    recs = [{"name": f"{r['code']} {r['name']}", "category": label("category", r.get("category", "")),
             "amount": dec(r["amount"]), "source_ref": r.get("source_ref", "")} for r in rows]
    cols = [Column("name", "经济分类（类）"), Column("category", "类别"), Column("amount", "金额", True),
            Column("source_ref", "出处")]
    data = _base(site, did, 6, "基本支出按经济分类", "基本支出表", "基本支出：" + _describe(recs, "name", "amount"),
                 cols, recs)
    return bar_chart(data, category="name", value="amount", color="category",
                     colors={"人员经费": "#4e79a7", "公用经费": "#f28e2b"})


def fig7_three_public(site: Site, did: str):
    rows = [r for r in site.data.rows("three_public", did) if dec(r.get("amount")) is not None
            and r.get("item_key") not in ("total", "grand_total")]
    if not rows:
        return None
    recs = [{"item": r["name"], "phase": label("phase", r.get("phase", "")), "amount": dec(r["amount"]),
             "source_ref": r.get("source_ref", "")} for r in rows]
    cols = [Column("item", "项目"), Column("phase", "口径"), Column("amount", "金额", True),
            Column("source_ref", "出处")]
    data = _base(site, did, 7, "“三公”经费", "“三公”经费支出表",
                 "“三公”经费：" + "；".join(f"{r['item']}（{r['phase']}）{wan(r['amount'])} 万元" for r in recs), cols, recs)
    return bar_chart(data, category="item", value="amount", color="phase",
                     colors={"预算数": "#a0cbe8", "决算数": "#4e79a7"}, offset="phase")


FIGURES = (fig1_totals, fig2_income, fig3_expenditure, fig4_fiscal, fig5_classes, fig6_basic, fig7_three_public)


def standard_figures(site: Site, did: str) -> list[ChartData]:
    return [c for c in (f(site, did) for f in FIGURES) if c is not None]
