"""Parse the basic-expenditure-by-economic-code statement (06表 基本支出（明细）表).

Two printed layouts exist:

* panels side by side (决算 template): 2 or 3 panels of 科目编码/科目名称/决算数,
  the first for 人员经费 (301, 303), the others for 公用经费 (302, 307, 310, 399…),
  closed by a row "人员经费合计 … 公用经费合计 …";
* one panel (预算 templates): 科目编码, 科目名称, [政府预算经济分类 code and name],
  合计, 人员经费, 公用经费, with a 合计 row. The 政府预算经济分类 (501xx) code and name
  printed beside a line are published with it (gov_economic_code / gov_economic_name).

Rows with known cell boundaries are read by column. Plain-text rows lost their blank
cells, so there the economic codes themselves split the token stream: a known code
followed by text starts an item. Anything that cannot be placed raises InputError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import EconomicRow, InputError, Line, Statement
from .codes import Code, latest
from .numbers import is_amount, is_blank, nfkc, parse_amount, to_wan

PERSONNEL, PUBLIC = "personnel", "public"
TOTAL_KEYS = ("total", "total_personnel", "total_public")
_TOTAL_CATEGORY = {"total": "", "total_personnel": PERSONNEL, "total_public": PUBLIC}
# Totals are identified by key; their labels are often OCR-damaged ("公用经费合证"), so publish these.
_TOTAL_NAME = {"total": "合计", "total_personnel": "人员经费合计", "total_public": "公用经费合计"}
_CATEGORY_RANK = {PERSONNEL: 0, PUBLIC: 1}

# A whole token that is a total label (text layouts); OCR variants are handled in _total_key.
_TOTAL_TOKEN = re.compile(r"^(人员经费|公用经费)?(合计|总计)$")
# OCR spaces inside numbers in plain text: "29. 78", "1, 627. 17".
_OCR_NUMBER_GAP = re.compile(r"(?<=\d)\s*([.,])\s+(?=\d)")
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- helpers


def _squash(text: str) -> str:
    return _SPACE.sub("", nfkc(text))


def _table_ref(st: Statement) -> str:
    """`T06` from the printed number ("06", "预算06"), else the national number."""
    digits = re.findall(r"\d+", st.number or "")
    return f"T{digits[-1].zfill(2)}" if digits else "T06"


def _entry(code: str) -> Code | None:
    """The listed version of a code (any year: a 2017 table prints 30104, abolished in 2018); a 款
    no list has under a listed 类 is still a code (the package keeps it as printed, warned)."""
    found = latest("economic_codes", code)
    if found is None and len(code) == 5 and code.isdigit():
        cls = latest("economic_codes", code[:3])
        if cls is not None:
            found = Code(code, "", 2, cls.code, cls.category)
    return found


def _is_code(token: str) -> bool:
    return _entry(_squash(token)) is not None


def _total_key(label: str) -> str | None:
    """total / total_personnel / total_public for a (possibly OCR-damaged) total label."""
    s = _squash(label)
    if "合" not in s and "计" not in s:
        return None
    if "人员经费" in s:
        return "total_personnel"
    if "公用经费" in s:
        return "total_public"
    if s in ("合计", "总计"):
        return "total"
    return None


@dataclass
class _Item:
    """One printed line of the table before conversion to EconomicRow."""

    key: str  # economic code or a TOTAL_KEYS entry
    ref: str
    name_parts: list[str] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)
    gov_code: str = ""  # 政府预算支出经济分类 code printed next to the line (501xx), if any
    gov_name_parts: list[str] = field(default_factory=list)
    category: str | None = None
    panel: int = 0

    @property
    def name(self) -> str:
        return "".join(_SPACE.sub("", p) for p in self.name_parts)

    @property
    def gov_name(self) -> str:
        return "".join(_SPACE.sub("", p) for p in self.gov_name_parts)


# ---------------------------------------------------------------- entry point


def parse_basic_economic(st: Statement) -> list[EconomicRow]:
    """All code lines (类 level 1, 款 level 2) and the printed totals (level 0) of a 06 statement."""
    where = f"{_table_ref(st)} {st.title} ({st.ref})"
    if any(line.cells is not None and any(_is_code(c) for c in line.cells) for line in st.lines):
        try:
            items = _parse_cells(st.lines, where)
        except InputError as by_cells:
            # cells that do not follow the header (PDF tables with shifted columns): the codes
            # themselves still delimit the items; the token parser is as strict as the cell parser
            try:
                items = _parse_text(st.lines, where)
            except InputError as by_tokens:
                raise InputError(f"{by_cells} (read as text: {by_tokens})") from by_cells
    else:
        items = _parse_text(st.lines, where)
    if not any(it.key not in TOTAL_KEYS for it in items):
        raise InputError(f"{where}: no economic code lines found")
    return _to_rows(items, st, where)


def _to_rows(items: list[_Item], st: Statement, where: str) -> list[EconomicRow]:
    prefix = _table_ref(st)
    seen: set[str] = set()
    rows: list[EconomicRow] = []
    for it in items:
        if it.key in seen:
            raise InputError(f"{where}: {it.key} printed twice ({it.ref})")
        seen.add(it.key)
        if len(it.amounts) > 1:
            raise InputError(f"{where}: {it.ref}: several amounts for {it.key}: {it.amounts}")
        raw = it.amounts[0] if it.amounts else ""
        try:
            value = parse_amount(raw)
        except ValueError as exc:
            raise InputError(f"{where}: {it.ref}: bad amount {raw!r} for {it.key}") from exc
        amount = to_wan(value if value is not None else Decimal("0"), st.unit)
        if it.key in TOTAL_KEYS:
            level, category, name = 0, _TOTAL_CATEGORY[it.key], _TOTAL_NAME[it.key]
        else:
            ref_code = _entry(it.key)
            assert ref_code is not None, it.key  # items are made only of codes
            level, name = ref_code.level, it.name
            category = it.category or ref_code.category
            if ref_code.category in _CATEGORY_RANK and category != ref_code.category:
                raise InputError(
                    f"{where}: {it.ref}: {it.key} {name} printed under {category}, "
                    f"but the code list classes it as {ref_code.category}: layout misread?"
                )
            if category not in _CATEGORY_RANK:
                raise InputError(f"{where}: {it.ref}: cannot tell whether {it.key} is 人员经费 or 公用经费")
            if not name:
                raise InputError(f"{where}: {it.ref}: code {it.key} without a name")
        if it.gov_code and not it.gov_name:
            raise InputError(
                f"{where}: {it.ref}: 政府预算经济分类 code {it.gov_code} of {it.key} without a name"
            )
        rows.append(
            EconomicRow(
                it.key,
                level,
                name,
                category,
                amount,
                f"{prefix}:{it.ref}",
                gov_economic_code=_squash(it.gov_code),
                gov_economic_name=it.gov_name,
            )
        )
    return rows


def _order(items: list[_Item], by_panel: bool) -> list[_Item]:
    """Code lines (panel by panel, personnel first, classes in printed order, when by_panel); then the totals."""
    first_seen: dict[str, int] = {}
    for n, it in enumerate(items):
        if it.key not in TOTAL_KEYS:
            first_seen.setdefault(it.key[:3], n)
    lines = [it for it in items if it.key not in TOTAL_KEYS]
    if by_panel:
        lines.sort(
            key=lambda it: (it.panel, _CATEGORY_RANK.get(it.category or "", 2), first_seen[it.key[:3]])
        )
    totals = sorted((it for it in items if it.key in TOTAL_KEYS), key=lambda it: TOTAL_KEYS.index(it.key))
    return lines + totals


# ---------------------------------------------------------------- layouts with cells


def _cell(cells: tuple[str, ...], j: int | None) -> str:
    return cells[j].strip() if j is not None and j < len(cells) else ""


def _find_col(header: list[str], *needles: str, start: int = 0) -> int | None:
    for j in range(start, len(header)):
        if any(n == header[j] or (len(n) > 2 and n in header[j]) for n in needles):
            return j
    return None


def _parse_cells(lines: list[Line], where: str) -> list[_Item]:
    hdr = next(
        (i for i, ln in enumerate(lines) if ln.cells and any("编码" in _squash(c) for c in ln.cells)), None
    )
    if hdr is None:
        raise InputError(f"{where}: no header row with 科目编码")
    header = [_squash(c) for c in lines[hdr].cells or ()]
    code_cols = [j for j, c in enumerate(header) if "编码" in c]
    if len(code_cols) == 1 and "人员经费" in header and "公用经费" in header:
        return _order(_single_panel_cells(lines[hdr + 1 :], header, code_cols[0], where), by_panel=False)
    return _order(
        _multi_panel_cells(lines[: hdr + 1], lines[hdr + 1 :], header, code_cols, where), by_panel=True
    )


def _is_page_footer(line: Line) -> bool:
    """A PDF page number printed between the rows of a table continued on the next page."""
    s = _squash(line.text).strip("-—第页")
    return line.cells is None and line.page is not None and s == str(line.page)


def _data_rows(lines: list[Line], where: str):
    """Rows with cells up to the first note line (注…); header continuation rows skipped."""
    started = False
    for line in lines:
        if _squash(line.text).startswith(("注", "说明")):
            return
        if line.cells is None:
            if _is_page_footer(line):
                continue
            if any(_is_code(t) or is_amount(t) for t in nfkc(line.text).split()):
                raise InputError(f"{where}: {line.ref}: table row without cells: {line.text!r}")
            continue  # a page header or stray caption
        if "栏次" in _squash(" ".join(line.cells)):
            continue
        has_data = any(_is_code(c) or is_amount(c) for c in line.cells)
        if not started and not has_data:
            continue  # header cells broken over several rows ("科目编码" repeated)
        started = started or has_data
        yield line


def _multi_panel_cells(
    above: list[Line], lines: list[Line], header: list[str], code_cols: list[int], where: str
) -> list[_Item]:
    bounds = list(zip(code_cols, code_cols[1:] + [len(header)], strict=True))
    for start, end in bounds:
        if end - start != 3:
            raise InputError(f"{where}: panel at column {start + 1} is not 科目编码/科目名称/amount")
    # panel titles (人员经费 / 公用经费) in the rows just above the header; a title spans to the right
    titles: dict[int, str] = {}
    for line in above[-3:-1] if len(above) > 1 else []:
        for j, c in enumerate(line.cells or ()):
            s = _squash(c)
            if "人员" in s:
                titles[j] = PERSONNEL
            elif "公用" in s:
                titles[j] = PUBLIC
    categories: list[str | None] = []
    for k, (start, end) in enumerate(bounds):
        found = [cat for j, cat in titles.items() if start <= j < end]
        categories.append(found[0] if found else (categories[k - 1] if k else None))

    items: list[_Item] = []
    for line in _data_rows(lines, where):
        cells = _join_split_codes(line.cells or (), len(bounds), len(header))
        residue: list[str] = []
        for k, (start, _end) in enumerate(bounds):
            code, name, amount = (_cell(cells, start), _cell(cells, start + 1), _cell(cells, start + 2))
            if _is_code(code):
                it = _Item(_squash(code), line.ref, [name], [] if is_blank(amount) else [amount])
                it.category, it.panel = categories[k], k
                items.append(it)
            elif not is_blank(code) and re.fullmatch(r"\d{3,7}", _squash(code)):
                raise InputError(f"{where}: {line.ref}: unknown economic code {code!r}")
            else:
                residue += [c for c in (code, name, amount) if not is_blank(c)]
        residue += [c.strip() for c in cells[bounds[-1][1] :] if not is_blank(c)]
        if residue:
            items += _label_items(residue, line.ref, where)
    return items


def _join_split_codes(cells: tuple[str, ...], panels: int, width: int) -> tuple[str, ...]:
    """Rows whose codes are split in 类 and 款 columns ("303" | "05") get one code cell per panel."""
    if len(cells) != width + panels or width != 3 * panels:
        return cells
    out: list[str] = []
    for k in range(panels):
        cls, kuan, name, amount = (c.strip() for c in cells[4 * k : 4 * k + 4])
        if re.fullmatch(r"\d{2}", _squash(kuan)) and re.fullmatch(r"\d{3}", _squash(cls)):
            cls, kuan = _squash(cls) + _squash(kuan), ""
        if not is_blank(kuan):
            return cells  # not the split-code pattern: let validation report the row
        out += [cls, name, amount]
    return tuple(out)


def _single_panel_cells(lines: list[Line], header: list[str], code_col: int, where: str) -> list[_Item]:
    name_col = _find_col(header, "科目名称", "名称", start=code_col + 1)
    total_col = _find_col(header, "合计")
    pers_col, pub_col = header.index("人员经费"), header.index("公用经费")
    items: list[_Item] = []
    for line in _data_rows(lines, where):
        cells = line.cells or ()
        code, name = _cell(cells, code_col), _cell(cells, name_col)
        total, pers, pub = (_cell(cells, j) for j in (total_col, pers_col, pub_col))
        if _is_code(code):
            it = _Item(_squash(code), line.ref, [name])
            it.category, it.amounts = _split_category(it.key, total, pers, pub, line.ref, where)
            items.append(it)
        elif is_blank(code) and _total_key(name) == "total":
            for key, cell in zip(TOTAL_KEYS, (total, pers, pub), strict=True):
                items.append(_Item(key, line.ref, [], [] if is_blank(cell) else [cell]))
        elif any(not is_blank(c) for j, c in enumerate(cells) if j >= code_col):
            raise InputError(f"{where}: {line.ref}: row not understood: {line.text!r}")
    return items


def _split_category(
    key: str, total: str, pers: str, pub: str, ref: str, where: str
) -> tuple[str | None, list[str]]:
    """Which of 人员经费/公用经费 a single-panel line belongs to; its amount is the 合计 cell."""
    p, q, t = (parse_amount(x) or Decimal(0) for x in (pers, pub, total))
    if p and q:
        raise InputError(f"{where}: {ref}: {key} split between 人员经费 and 公用经费 (one category per code)")
    if p + q != t:
        raise InputError(f"{where}: {ref}: {key}: 合计 {total!r} ≠ 人员经费 {pers!r} + 公用经费 {pub!r}")
    category = PERSONNEL if p else PUBLIC if q else None
    return category, ([] if is_blank(total) else [total])


def _label_items(tokens: list[str], ref: str, where: str) -> list[_Item]:
    """A totals row: labels each followed by at most one amount ("人员经费合计 175.92 公 用经费合证 13.74")."""
    items: list[_Item] = []
    label: list[str] = []
    for tok in tokens:
        if is_amount(tok):
            if not label:
                raise InputError(f"{where}: {ref}: amount {tok!r} without a label")
            items.append(_Item(_label_key(label, ref, where), ref, list(label), [tok]))
            label = []
        else:
            label.append(tok)
    if label:
        items.append(_Item(_label_key(label, ref, where), ref, list(label)))
    return items


def _label_key(label: list[str], ref: str, where: str) -> str:
    key = _total_key("".join(label))
    if key is None:
        raise InputError(f"{where}: {ref}: row not understood: {' '.join(label)!r}")
    return key


# ---------------------------------------------------------------- plain text (blank cells vanished)


def _tokens(line: Line) -> list[str]:
    # not NFKC'd: names keep their printed form; classification normalizes per token
    return _OCR_NUMBER_GAP.sub(r"\1", line.text).split()


def _starts_data(tokens: list[str]) -> bool:
    if len(tokens) < 2:
        return len(tokens) == 1 and _is_code(tokens[0])
    if _is_code(tokens[0]) and not is_amount(tokens[1]):
        return True
    return bool(_TOTAL_TOKEN.match(_squash(tokens[0]))) and is_amount(tokens[1])


def _parse_text(lines: list[Line], where: str) -> list[_Item]:
    start = next((i for i, ln in enumerate(lines) if _starts_data(_tokens(ln))), None)
    if start is None:
        raise InputError(f"{where}: no line starting with an economic code")
    header = _squash(" ".join(ln.text for ln in lines[:start]))
    single = "合计人员经费公用经费" in header
    has_gov = "政府预算支出经济分类" in header

    stream: list[tuple[str, str]] = []
    for line in lines[start:]:
        if _squash(line.text).startswith(("注", "说明")):
            break
        if not _is_page_footer(line):
            stream += [(tok, line.ref) for tok in _tokens(line)]

    items: list[_Item] = []
    cur: _Item | None = None
    for n, (tok, ref) in enumerate(stream):
        nxt = stream[n + 1][0] if n + 1 < len(stream) else None
        if _is_code(tok) and nxt is not None and not is_amount(nxt):
            cur = _Item(tok, ref)
            items.append(cur)
        elif _TOTAL_TOKEN.match(_squash(tok)):
            cur = _Item(_total_key(tok) or "total", ref, [tok])
            items.append(cur)
        elif cur is None:
            raise InputError(f"{where}: {ref}: {tok!r} before any code line")
        elif (
            has_gov
            and cur.key not in TOTAL_KEYS
            and not cur.gov_code
            and not cur.amounts
            and re.fullmatch(r"\d{5}", _squash(tok))
        ):
            cur.gov_code = tok  # 政府预算支出经济分类 code column
        elif is_amount(tok):
            cur.amounts.append(tok)
        elif cur.amounts:
            raise InputError(
                f"{where}: {ref}: unexpected {tok!r} after the amounts of {cur.key} (unknown code?)"
            )
        elif not cur.gov_code:
            cur.name_parts.append(tok)
        else:
            cur.gov_name_parts.append(tok)  # the 政府预算经济分类 name

    if single:
        items = _single_panel_text(items, where)
    for it in items:
        if it.key not in TOTAL_KEYS and it.category is None:
            entry = _entry(it.key)
            it.category = entry.category if entry else None
    return _order(items, by_panel=not single)


def _single_panel_text(items: list[_Item], where: str) -> list[_Item]:
    """合计 / 人员经费 / 公用经费 columns whose blank cells vanished: place the amounts."""
    out: list[_Item] = []
    for it in items:
        amounts = [parse_amount(a) or Decimal(0) for a in it.amounts]
        if it.key == "total" and len(amounts) == 3:
            for key, raw in zip(TOTAL_KEYS, it.amounts, strict=True):
                out.append(_Item(key, it.ref, [], [raw]))
            continue
        if it.key in TOTAL_KEYS:
            if len(amounts) > 1:
                raise InputError(f"{where}: {it.ref}: cannot place the amounts of {it.name}: {it.amounts}")
            out.append(it)
            continue
        if len(amounts) == 3:
            total, pers, pub = it.amounts
            it.category, it.amounts = _split_category(it.key, total, pers, pub, it.ref, where)
        elif len(amounts) == 2:
            if amounts[0] != amounts[1]:
                raise InputError(
                    f"{where}: {it.ref}: {it.key}: cannot place {it.amounts} in 合计/人员经费/公用经费"
                )
            it.amounts = it.amounts[:1]
        out.append(it)
    return out
