"""Shared state of one site build: the data, labels of disclosures, colours, the page writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.pages.charts import ChartWriter
from generator.pages.fmt import department_colors, stage_label
from generator.pages.load import Data, Row, dec

RESOURCE_TITLES = {
    "summary": "收支总表",
    "income_by_function": "收入表（按功能分类）",
    "expenditure_by_function": "支出表（按功能分类）",
    "general_budget_expenditure": "一般公共预算财政拨款支出表",
    "basic_expenditure_economic": "一般公共预算财政拨款基本支出表（按经济分类）",
    "three_public": "财政拨款“三公”经费支出表",
    "facts": "情况说明中的数字",
    "budget_execution": "年初预算与决算",
    "projects": "项目支出与绩效",
    "indicators": "绩效指标",
    "checks": "一致性检查",
}


@dataclass
class Site:
    data: Data
    docs: Path
    charts: ChartWriter
    pages: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # colours in the order of the departments code list (catalog order): a department added later
        # takes the next colour and nobody else's changes
        listed = [d["department_id"] for d in self.data.departments]
        self.colors = department_colors(listed + [d["department_id"] for d in self.data.disclosures])

    @property
    def sources(self) -> dict[str, list]:
        return self.data.sources

    # ------------------------------------------------------------ disclosures
    def disclosure_ids(self) -> list[str]:
        """Disclosures ordered by department (as listed), then year, budget before final."""
        order = {d["department_id"]: i for i, d in enumerate(self.data.departments)}
        return [d["disclosure_id"] for d in sorted(
            self.data.disclosures,
            key=lambda d: (order.get(d["department_id"], 99), d["department_id"], d.get("year", ""),
                           d.get("stage") != "budget"))]

    def by_department_stage(self) -> dict[tuple[str, str], list[str]]:
        """(department_id, stage) → its disclosures, oldest first."""
        out: dict[tuple[str, str], list[str]] = {}
        for did in self.disclosure_ids():
            d = self.disc(did)
            out.setdefault((d["department_id"], d.get("stage", "")), []).append(did)
        for dids in out.values():
            dids.sort(key=lambda x: self.disc(x).get("year", ""))
        return out

    def latest_ids(self) -> list[str]:
        """The most recent disclosure of each department and stage, in site order: what comparisons show."""
        latest = {dids[-1] for dids in self.by_department_stage().values()}
        return [did for did in self.disclosure_ids() if did in latest]

    def budget_final_pairs(self) -> list[tuple[str, str]]:
        """(预算, 决算) of the same department and year, in site order."""
        finals = {(self.disc(d)["department_id"], self.disc(d).get("year", "")): d
                  for d in self.disclosure_ids() if self.disc(d).get("stage") == "final"}
        return [(d, finals[key]) for d in self.disclosure_ids() if self.disc(d).get("stage") == "budget"
                and (key := (self.disc(d)["department_id"], self.disc(d).get("year", ""))) in finals]

    def disc(self, disclosure_id: str) -> Row:
        return self.data.disclosure(disclosure_id)

    def department(self, department_id: str) -> Row:
        for d in self.data.departments:
            if d.get("department_id") == department_id:
                return d
        first = next(d for d in self.data.disclosures if d["department_id"] == department_id)
        return {"department_id": department_id, "department": first.get("department", department_id),
                "short_name": first.get("short_name", ""), "province": first.get("province", ""),
                "city": first.get("city", ""), "county": first.get("county", "")}

    def department_ids(self) -> list[str]:
        seen: list[str] = []
        for did in self.disclosure_ids():
            dep = self.disc(did)["department_id"]
            if dep not in seen:
                seen.append(dep)
        return seen

    def dep_name(self, department_id: str) -> str:
        d = self.department(department_id)
        return d.get("department") or d.get("name") or department_id

    def dep_short(self, department_id: str) -> str:
        """Short place label used on charts: the county (某区), else the short name."""
        d = self.department(department_id)
        return d.get("county") or d.get("short_name") or self.dep_name(department_id)

    def label(self, disclosure_id: str) -> str:
        """'某区 2024 决算' — every chart and comparison names the stage."""
        d = self.disc(disclosure_id)
        return f"{self.dep_short(d['department_id'])} {d.get('year', '')} {stage_label(d.get('stage', ''))}"

    def color_scale(self, disclosure_ids: list[str]) -> dict[str, str]:
        """Department label → colour, for charts coloured by department."""
        out: dict[str, str] = {}
        for did in disclosure_ids:
            dep = self.disc(did)["department_id"]
            out[self.dep_short(dep)] = self.colors[dep]
        return out

    # ------------------------------------------------------------ figures
    def total_expenditure(self, disclosure_id: str) -> tuple[Decimal, str] | None:
        """Total expenditure and which table it comes from (first available)."""
        for r in self.data.rows("summary", disclosure_id):
            if r.get("statement") == "overall" and r.get("item_key") == "expenditure_subtotal":
                v = dec(r.get("amount"))
                if v is not None:
                    return v, "收支总表 本年支出合计"
        for resource, title in (("expenditure_by_function", "支出表 合计"),
                                ("general_budget_expenditure", "一般公共预算财政拨款支出表 合计")):
            for r in self.data.rows(resource, disclosure_id):
                if r.get("code") == "total":
                    v = dec(r.get("total"))
                    if v is not None:
                        return v, title
        for r in self.data.rows("summary", disclosure_id):
            if r.get("statement") == "overall" and r.get("item_key") == "expenditure_total":
                v = dec(r.get("amount"))
                if v is not None:
                    return v, "收支总表 支出总计"
        return None

    def fact(self, disclosure_id: str, topic: str) -> Row | None:
        for r in self.data.rows("facts", disclosure_id):
            if r.get("topic_key") == topic and not (r.get("year") or "").strip():
                return r
        return None

    def function_rows(self, disclosure_id: str, level: str) -> tuple[list[Row], str]:
        """Functional lines of one level and the table they come from (03表 → 05表 → 01表)."""
        for resource, title in (("expenditure_by_function", "支出表"),
                                ("general_budget_expenditure", "一般公共预算财政拨款支出表")):
            rows = [r for r in self.data.rows(resource, disclosure_id) if (r.get("level") or "").strip() == level
                    and dec(r.get("total")) is not None]
            if rows:
                return [{"code": r["code"], "name": r["name"], "amount": r["total"], "source_ref": r.get(
                    "source_ref", "")} for r in rows], title
        if level == "1":
            rows = [r for r in self.data.rows("summary", disclosure_id) if r.get("statement") == "overall"
                    and r.get("item_key") == "function_class" and dec(r.get("amount")) is not None]
            if rows:
                return [{"code": r["code"], "name": r["name"], "amount": r["amount"],
                         "source_ref": r.get("source_ref", "")} for r in rows], "收支总表"
        return [], ""

    # ------------------------------------------------------------ output
    def write(self, md_path: str, text: str, *, boost: float | None = None) -> None:
        """Write a page; `boost` weights it in the search ranking (Material front matter search.boost)."""
        if boost is not None:
            text = f"---\nsearch:\n  boost: {boost}\n---\n\n{text}"
        path = self.docs / md_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.rstrip() + "\n", encoding="utf-8")
        self.pages.append(md_path)
