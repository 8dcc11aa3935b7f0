"""Package rows → readable, sortable HTML tables (every value escaped, amounts exact)."""

from __future__ import annotations

from generator.pages.fmt import esc, field_titles, label, show_value, show_wan
from generator.pages.load import Data, Row
from generator.pages.sources import ref_html

# Columns never shown in a disclosure's tables (identifiers the page already states).
HIDDEN = {"disclosure_id", "level", "item_key"}  # level is shown as indentation
# Codes shown as labels rather than raw keys.
# Long text columns: shown clamped to a few lines (full text stays in the page, for search and copy).
LONG = {"quote", "description", "reason", "text", "message", "definition", "explanation"}
LABELLED = {"statement": "statement", "side": "side", "phase": "phase", "category": "category", "status": "status"}


def schema_fields(data: Data, resource: str) -> list[dict]:
    res = data.all.resource(resource) or {}
    fields = (res.get("schema") or {}).get("fields") or []
    return [f for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)]


def numeric_fields(data: Data, resource: str) -> set[str]:
    return {f["name"] for f in schema_fields(data, resource) if f.get("type") in ("number", "integer")} - {
        "level", "year"}


def wan_fields(data: Data, resource: str) -> set[str]:
    """Amount columns: the schema titles them with their unit, （万元）."""
    return {f["name"] for f in schema_fields(data, resource)
            if f.get("type") == "number" and "万元" in str(f.get("title", ""))}


def column_title(data: Data, resource: str, name: str) -> str:
    """Chinese title: our field list first (short, uniform), else the schema's title."""
    titles = field_titles()
    if name in titles:
        return titles[name]
    for f in schema_fields(data, resource):
        if f["name"] == name and f.get("title"):
            return str(f["title"])
    return name


def visible_columns(data: Data, resource: str, rows: list[Row], hide: set[str] | None = None) -> list[str]:
    """Published columns minus identifiers and columns blank in every row (not reported)."""
    hide = HIDDEN | (hide or set())
    cols = data.columns.get(resource) or (list(rows[0]) if rows else [])
    return [c for c in cols if c not in hide and any((r.get(c) or "").strip() for r in rows)]


def is_total(row: Row) -> bool:
    """合计/总计 rows, shown bold: code "total", or an item key such as income_total / expenditure_subtotal."""
    key = row.get("item_key") or ""
    return row.get("code") == "total" or key in ("total", "grand_total") or key.endswith(("_total", "_subtotal"))


def render_table(data: Data, resource: str, rows: list[Row], *, hide: set[str] | None = None,
                 columns: list[str] | None = None, caption: str = "", filterable: bool = False,
                 disclosure_id: str = "", row_numbers: list[int] | None = None) -> str:
    """One HTML table; <th data-field> and <tr data-row> let the tests map cells back to the CSV.

    `row_numbers`: when a resource is split over several tables (the two sides of a 收支总表),
    the position of each row in the whole resource, so data-row still points at its CSV row.
    """
    if not rows:
        return ""
    # a table spanning several disclosures says which row belongs to which
    cols = columns or visible_columns(data, resource, rows, hide)
    if not columns and not disclosure_id and "disclosure_id" in (rows[0] if rows else {}):
        cols = ["disclosure_id", *cols]
    numeric = numeric_fields(data, resource)
    wan = wan_fields(data, resource)
    head = " ".join(
        f'<th scope="col" data-field="{esc(c)}"{" class=num" if c in numeric else ""}>'
        f"{esc(column_title(data, resource, c))}</th>" for c in cols)
    body = []
    for i, row in enumerate(rows):
        cells = []
        for c in cols:
            value = row.get(c, "") or ""
            if c in wan:  # amounts in 万元: one format across the site (two decimals)
                cells.append(f'<td class="num">{show_wan(value)}</td>')
            elif c in numeric:
                unit = row.get("unit", "") if c == "value" else ""
                cells.append(f'<td class="num">{show_value(value, unit)}</td>')
            elif c == "source_ref":  # each ref a link to its line or page of the published source
                cells.append(f'<td class="ref">{ref_html(data.sources, row.get("disclosure_id") or disclosure_id, value)}</td>')
            elif c in LABELLED:
                cells.append(f'<td data-value="{esc(value)}">{esc(label(LABELLED[c], value))}</td>')
            elif c in LONG and len(value) > 40:
                cells.append(f'<td class="long"><div class="clamp" title="{esc(value)}">{esc(value)}</div></td>')
            elif c == "name" and (row.get("level") or "").strip() in ("2", "3"):
                cells.append(f'<td class="lvl-{esc(row["level"].strip())}">{esc(value)}</td>')
            else:
                cells.append(f"<td>{esc(value)}</td>")
        status = row.get("status", "")
        attrs = f' data-row="{row_numbers[i] if row_numbers else i}"' + (' class="total-row"' if is_total(row) else "") + (f' data-status="{esc(status)}"' if status else "")
        attrs += f' data-disclosure="{esc(row.get("disclosure_id", ""))}"' if not disclosure_id else ""
        # a space between cells: the search index strips tags, and "T03" + "2101301" must stay two words
        body.append(f"<tr{attrs}>" + " ".join(cells) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    cls = "data-table sortable" + (" filterable" if filterable else "")
    return (f'<div class="table-wrap"><table class="{cls}" data-resource="{esc(resource)}" '
            f'data-disclosure="{esc(disclosure_id)}">{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>{" ".join(body)}</tbody></table></div>')
