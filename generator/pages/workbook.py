"""The Excel workbook of a data package: one sheet per CSV resource and a 数据字典 sheet.

Sheets and headers speak Chinese, as the Table Schema titles do (金额（万元）): row 1 is the
title, row 2 the field name of the CSV and datapackage.json. Numbers are stored as numbers
(typed by the schema); text from a document is never a formula.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from generator.pages.fmt import field_titles, label
from generator.pages.load import Package, dec, read_csv

FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # zip entries get a fixed time: same packages → same bytes
DICTIONARY = "数据字典"
DICTIONARY_HEADER = (("工作表", "sheet"), ("资源", "resource"), ("中文名称", "title"), ("字段名", "name"),
                     ("类型", "type"), ("单位", "unit"), ("说明", "description"))
SHEET_MAX = 31  # Excel's limit on a sheet name
# characters Excel refuses in a sheet name; "History" is reserved (case is ignored when names are compared)
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
RESERVED = frozenset({"history"})
UNIT = re.compile(r"（([^（）]+)）$")  # a title ending in its unit: 金额（万元）, 完成率（%）
BOLD, NAME_FONT = Font(bold=True), Font(italic=True, color="595959")


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid Excel sheet name for `title`, not in `taken` (casefolded names; the new one is added)."""
    name = SHEET_FORBIDDEN.sub("_", title).strip().strip("'") or "sheet"
    candidate, n = name[:SHEET_MAX], 1
    while candidate.casefold() in taken | RESERVED:
        n += 1
        suffix = f"_{n}"
        candidate = name[:SHEET_MAX - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def field_unit(field: dict) -> str:
    """The unit a number field's title names (金额（万元） → 万元); blank when it names none."""
    if field.get("type") not in ("number", "integer"):
        return ""
    m = UNIT.search(str(field.get("title") or ""))
    return m.group(1) if m else ""


def _type_label(kind: str) -> str:
    zh = label("type", kind)
    return f"{zh}（{kind}）" if zh != kind else kind


def _widths(ws: Worksheet) -> None:
    """Columns as wide as their headers (a CJK character counts two), so the Chinese titles show."""
    for cells in ws.iter_cols(min_row=1, max_row=2):
        text = max((str(c.value or "") for c in cells), key=len)
        width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) + 2
        ws.column_dimensions[cells[0].column_letter].width = min(40, max(10, width))


def _append(ws: Worksheet, values: list[object], font: Font | None = None) -> None:
    ws.append(values)
    for c in ws[ws.max_row]:
        if c.data_type == "f":  # text is never a formula (openpyxl reads "=…" as one)
            c.data_type = "s"
        if font:
            c.font = font


def write_xlsx(pkg: Package, target: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    taken = {DICTIONARY.casefold()}
    dictionary: list[list[object]] = []
    for res in pkg.descriptor.get("resources", []):
        rel = res.get("path")
        if not isinstance(rel, str) or not rel.endswith(".csv") or not (pkg.directory / rel).is_file():
            continue
        name = str(res.get("name") or rel)
        header, rows = read_csv(pkg.directory / rel)
        schema = {f.get("name"): f for f in (res.get("schema") or {}).get("fields", [])}
        ws = wb.create_sheet(sheet_name(str(res.get("title") or name), taken))
        fields = [schema.get(h) or {"name": h, "title": field_titles().get(h, h)} for h in header]
        _append(ws, [f.get("title") or h for f, h in zip(fields, header, strict=True)], BOLD)
        _append(ws, list(header), NAME_FONT)
        for row in rows:
            out: list[object] = []
            for f, h in zip(fields, header, strict=True):
                v = row.get(h, "")
                number = dec(v) if f.get("type") in ("number", "integer") else None
                out.append(number if isinstance(number, Decimal) else v)
            _append(ws, out)
        ws.freeze_panes = "A3"
        _widths(ws)
        dictionary += [[ws.title, name, f.get("title") or h, h, _type_label(str(f.get("type") or "")),
                        field_unit(f), f.get("description", "")] for f, h in zip(fields, header, strict=True)]
    ws = wb.create_sheet(DICTIONARY)
    _append(ws, [zh for zh, _ in DICTIONARY_HEADER], BOLD)
    _append(ws, [en for _, en in DICTIONARY_HEADER], NAME_FONT)
    for entry in dictionary:
        _append(ws, entry)
    ws.freeze_panes = "A3"
    _widths(ws)
    wb.properties.creator = "fiscal-disclosures"
    wb.save(target)
    _reproducible_xlsx(target)


def _reproducible_xlsx(path: Path) -> None:
    """openpyxl stamps the save time into docProps/core.xml and the zip entries: fix both,
    so the same packages give the same workbook bytes (and sha256 on the downloads page)."""
    stamp = datetime(*FIXED_TIME).strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as zf:
        entries = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries:
            if name == "docProps/core.xml":
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{stamp}\g<2>", data.decode()
                )
                data = text.encode()
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
