"""The department profile (部门概况) as ProfileItem records.

Sections (headings are data: generator/reference/profile_sections.yaml):
- "duties": one item per numbered 主要职责/主要职能 item, marker removed, lines joined. A
  lead-in such as "单位的主要职责是：" is not an item.
- "organization": the 机构设置 section as printed: one item per numbered item, else per
  paragraph; a table (DOCX "部门机构设置情况") gives one item per row, "header:cell;…".
- "units": the units the disclosure covers (单位构成 / 纳入…编制范围的单位), from the
  单位构成 section and from such statements inside 机构设置 (so a statement may appear
  both as organization text and as a unit). One item per unit name when the names are
  listed ("…包括：A、B" or a 单位名称 column), else the statement as printed.
- "key_work": one item per numbered 重点工作完成情况 item; its text is the item's
  paragraphs (title first) separated by "\n". The summary table that repeats the items
  ("序号 重要事项…") is not read.
All text is NFKC-normalized, without markup, numbering or line-wrap spaces.
"""

from __future__ import annotations

from ..model import Document, ProfileItem
from .glossary import TLine, blocks, find_section, join, paragraphs, patterns, prepare, wrap_width


def _texts(body: list[TLine], fmt: str) -> list[tuple[str, str]]:
    """(text, ref) per paragraph before the first numbered item, then per numbered item."""
    intro, items = blocks(body)
    out = [(join(p, strip_marker=False), p[0].ref) for p in paragraphs(intro, fmt)]
    return out + [(join(item), item[0].ref) for item in items]


def _duties(lines: list[TLine], fmt: str) -> list[tuple[str, str]]:
    found = find_section(lines, "duties")
    if found is None:
        return []
    intro, items = blocks(found[1])
    if items:  # the lead-in ("单位的主要职责是：", "…主要职能是:") is not a duty
        return [(join(item), item[0].ref) for item in items]
    return [(join(p, strip_marker=False), p[0].ref) for p in paragraphs(found[1], fmt)]


def _table_rows(rows: list[TLine]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(organization texts, unit names) of a table: the first row is the header."""
    header = [c for c in (rows[0].cells or ())]
    name_rx = patterns()["unit_name_header"]
    texts: list[tuple[str, str]] = []
    names: list[tuple[str, str]] = []
    if len(rows) == 1:
        return [(";".join(c for c in header if c), rows[0].ref)], []
    for row in rows[1:]:
        cells = list(row.cells or ())
        pairs = [f"{h}:{c}" if h else c for h, c in zip(header, cells, strict=False) if c]
        pairs += [c for c in cells[len(header) :] if c]
        if pairs:
            texts.append((";".join(pairs), row.ref))
        for h, c in zip(header, cells, strict=False):
            if c and name_rx.search(h):
                names.append((c, row.ref))
    return texts, names


def _runs(body: list[TLine]) -> list[list[TLine]]:
    """Consecutive lines of the same kind: prose (no cells) or table rows."""
    runs: list[list[TLine]] = []
    for tl in body:
        if runs and (tl.cells is None) == (runs[-1][-1].cells is None):
            runs[-1].append(tl)
        else:
            runs.append([tl])
    return runs


def _prose_and_tables(
    body: list[TLine], fmt: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """(texts in order, the prose ones, unit names from 单位名称 columns) of a section."""
    texts: list[tuple[str, str]] = []
    prose: list[tuple[str, str]] = []
    names: list[tuple[str, str]] = []
    for run in _runs(body):
        if run[0].cells is None:
            t = _texts(run, fmt)
            prose += t
        else:
            t, n = _table_rows(run)
            names += n
        texts += t
    return texts, prose, names


def _organization(lines: list[TLine], fmt: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(organization texts, unit names from a table)."""
    found = find_section(lines, "organization")
    if found is None:
        return [], []
    texts, _, names = _prose_and_tables(found[1], fmt)
    return texts, names


def _unit_names(statement: str) -> list[str]:
    pats = patterns()
    m = pats["unit_list"].search(statement)
    if not m:
        return []
    names = [n.strip().rstrip("等。") for n in pats["unit_separators"].split(m.group("names"))]
    return [n for n in names if n]


def _units(lines: list[TLine], fmt: str, org: list[tuple[str, str]]) -> list[tuple[str, str]]:
    statements = [(t, r) for t, r in org if patterns()["units_statement"].search(t)]
    out: list[tuple[str, str]] = []
    found = find_section(lines, "units")
    if found is not None:
        _, prose, table_names = _prose_and_tables(found[1], fmt)
        statements += prose
        out += table_names
    for text, ref in statements:
        listed = _unit_names(text)
        out += [(n, ref) for n in listed] if listed else [(text, ref)]
    return out


def _key_work(lines: list[TLine], fmt: str) -> list[tuple[str, str]]:
    found = find_section(lines, "key_work")
    if found is None:
        return []
    body = found[1]
    width = wrap_width(body)
    intro, items = blocks(body)
    if not items:
        return [(join(p, strip_marker=False), p[0].ref) for p in paragraphs(body, fmt, width)]
    out: list[tuple[str, str]] = []
    for item in items:
        paras = paragraphs(item, fmt, width)
        text = "\n".join(join(p, strip_marker=(k == 0)) for k, p in enumerate(paras))
        out.append((text, item[0].ref))
    return out


def _dedupe(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for text, ref in pairs:
        if text and text not in seen:
            seen.add(text)
            out.append((text, ref))
    return out


def extract_profile(doc: Document) -> list[ProfileItem]:
    """Duties, organization, units and key-work items, each section numbered from 1."""
    lines = prepare(doc)
    org, table_units = _organization(lines, doc.format)
    sections = {
        "duties": _duties(lines, doc.format),
        "organization": org,
        "units": _dedupe(table_units + _units(lines, doc.format, org)),
        "key_work": _key_work(lines, doc.format),
    }
    return [
        ProfileItem(section=name, seq=k, text=text, source_ref=ref)
        for name, pairs in sections.items()
        for k, (text, ref) in enumerate(pairs, start=1)
    ]
