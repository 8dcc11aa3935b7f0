"""The 名词解释 (glossary) of a disclosure as GlossaryEntry records.

The glossary is a section under a heading such as "第五部分 名词解释" or "十、名词解释";
each numbered item ("一、" / "(一)" / "1." / "1、") is one term: "term：definition",
"term: definition" or "term是指definition". An item without a separator that is followed
by deeper-numbered items ("(二)本部门使用的支出功能分类科目(到项级)" with 1.–11. under
it) is a group heading, not a term. Items run over several lines (wrapped text, page
breaks) until the next item or the end of the section.

The first half of this module is the outline machinery shared with profile.py: line
cleaning (NFKC, markup, page footers, CJK-aware whitespace), numbering markers, finding a
section by its heading (data: generator/reference/profile_sections.yaml) and cutting
wrapped lines into paragraphs.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..model import Document, GlossaryEntry
from ..normalize.numbers import nfkc

# ---------------------------------------------------------------- line cleaning
# (The Markdown reader already removed "#" / "- " / **, <b>; the text and DOCX exports
# keep them, hence the cleaning here.)

_MARKUP = re.compile(r"\[bookmark:[^\]]*\]|</?[A-Za-z][^>]*>|\*\*|__")
_MD_HEADING = re.compile(r"^\s*(#+)\s*")
_BULLET = re.compile(r"^\s*(?:[-*+]\s+)+")
_TOC_LEADER = re.compile(r"\s*(?:\.{3,}|…{2,}|·{3,})\s*\d*\s*$")
# Page footers/numbers of PDF exports ("─ 15 ─", "- 3 -", "第2页", a bare "17"), and a
# year the PDF text layer printed on a line of its own ("2024"): no prose line is a number.
_FOOTER = re.compile(r"[─—–\-]\s*\d{1,3}\s*[─—–\-]|第\d{1,3}页(?:共\d{1,3}页)?|\d{1,4}")
_SPACE = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_HALF_WIDTH = re.compile(r"[A-Za-z0-9.%\-+/ ]")

_CN = "一二三四五六七八九十"
# (level, marker): 第X部分 0, 一、 1, (一) 2, 1. / 1、 3, (1) 4 — on NFKC text.
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"^第[{_CN}]+部分")),
    (1, re.compile(rf"^[{_CN}]+(?:、|\.(?!\d))")),
    (2, re.compile(rf"^\([{_CN}]+\)")),
    (3, re.compile(r"^\d{1,2}(?:、|\.(?!\d)|\)(?!\d))")),
    (4, re.compile(r"^\(\d{1,2}\)")),
)
_PUNCT = re.compile(r"[,。;:、!?]")
_SENTENCE_END = re.compile(r"[。!?;:][”\"')]*$")


def squeeze(text: str) -> str:
    """Drop whitespace, except one space between two ASCII letters/digits.

    Exports wrap CJK sentences anywhere and OCR puts spaces inside words and numbers
    ("独立核算 的", "1, 627. 17"); a space only carries meaning between Latin words.
    """

    def repl(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return " " if before and after and _ASCII_WORD.match(before) and _ASCII_WORD.match(after) else ""

    return _SPACE.sub(repl, text)


def clean(text: str) -> str:
    """NFKC, no markup / heading marks / bullets / TOC leaders, CJK-aware whitespace."""
    t = nfkc(text)
    for _ in range(2):  # "- **x**", "## **(一)…**" need two passes
        t = _MARKUP.sub("", t)
        t = _MD_HEADING.sub("", t)
        t = _BULLET.sub("", t)
    t = _TOC_LEADER.sub("", t)
    return squeeze(t).strip()


def display_width(raw: str) -> int:
    """Printed width of a source line: CJK and (originally full-width) punctuation count 2."""
    return sum(1 if _HALF_WIDTH.match(c) else 2 for c in raw.strip())


@dataclass(frozen=True)
class TLine:
    """A cleaned line: `text` with its numbering marker, `body` without it."""

    text: str
    body: str
    level: int | None  # marker level (see _MARKERS), None when unnumbered
    number: int  # the marker's number (一 → 1, 12 → 12), 0 when unnumbered
    ref: str
    width: int  # display width of the raw line, for paragraph ends in wrapped text
    cells: tuple[str, ...] | None
    page: int | None = None  # PDF page
    new_page: bool = False  # the first line of a PDF page
    doc_wrap: int = 0  # the document's wrap width (see prepare)


def _number(marker_text: str) -> int:
    digits = re.sub(r"\D", "", marker_text)
    if digits:
        return int(digits)
    cn = re.sub(rf"[^{_CN}]", "", marker_text.replace("部分", ""))
    tens, sep, ones = cn.partition("十")
    if not sep:
        return _CN.index(cn) + 1 if len(cn) == 1 else 0
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


def marker(text: str) -> tuple[int, int, str] | None:
    """(level, number, text after the marker) of a numbered line."""
    for level, rx in _MARKERS:
        m = rx.match(text)
        if m:
            return level, _number(m.group(0)), text[m.end() :].lstrip(" :")
    return None


def prepare(doc: Document) -> list[TLine]:
    """The document's lines, cleaned; empty lines and page footers are dropped.

    Each line carries the wrap width of the document's prose (lines without cells that
    hold punctuation), for sections too short to tell their own (see wrap_width).
    """
    out: list[TLine] = []
    for line in doc.lines:
        text = clean(line.text)
        if not text or _FOOTER.fullmatch(text):
            continue
        mk = marker(text)
        cells = tuple(clean(c) for c in line.cells) if line.cells is not None else None
        level, number, body = mk if mk else (None, 0, text)
        page = line.page if line.page is not None else (out[-1].page if out else None)
        new_page = line.page is not None and bool(out) and out[-1].page != line.page
        out.append(
            TLine(text, body, level, number, line.ref, display_width(line.text), cells, page, new_page)
        )
    prose = [tl for tl in out if tl.cells is None and _PUNCT.search(tl.text)]
    doc_wrap = _percentile90([tl.width for tl in prose])
    return [dataclasses.replace(tl, doc_wrap=doc_wrap) for tl in out]


def _percentile90(widths: list[int]) -> int:
    widths = sorted(widths)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0


# ---------------------------------------------------------------- sections


@lru_cache(maxsize=1)
def patterns() -> dict[str, Any]:
    raw = yaml.safe_load(
        resources.files("generator.reference").joinpath("profile_sections.yaml").read_text("utf-8")
    )
    sections = {k: [re.compile(p) for p in v] for k, v in raw["sections"].items()}
    return {
        "sections": sections,
        "stop": {k: [re.compile(p) for p in raw["stop"] + raw["stop_in"].get(k, [])] for k in sections},
        "stop_titles": [re.compile(p) for p in raw["stop_titles"]],
        "units_statement": re.compile(raw["units_statement"]),
        "unit_list": re.compile(raw["unit_list"]),
        "unit_separators": re.compile(raw["unit_separators"]),
        "unit_name_header": re.compile(raw["unit_name_header"]),
    }


def title(tl: TLine) -> str:
    """A line as a heading title: no numbering, no trailing punctuation, no whitespace."""
    return re.sub(r"\s", "", tl.body).rstrip("。.:;,")


def _heading_level(lines: list[TLine], i: int) -> float:
    tl = lines[i]
    if tl.level is not None:
        return tl.level
    if i > 0 and lines[i - 1].level == 0 and not lines[i - 1].body:
        return 0.5  # "第三部分" on its own line, the title on the next
    if tl.text.endswith(":"):
        return 1.5  # a label such as "部门职责：" inside a section
    return 0.5  # an unnumbered title line


def _body(lines: list[TLine], i: int, kind: str, others: list[re.Pattern[str]]) -> list[TLine]:
    level = _heading_level(lines, i)
    pats = patterns()
    own, stop, stop_titles = pats["sections"][kind], pats["stop"][kind], pats["stop_titles"]
    body: list[TLine] = []
    for tl in lines[i + 1 :]:
        t = title(tl)
        if tl.level is not None and (tl.level == 0 or tl.level <= level):
            break
        if any(rx.match(tl.body) for rx in stop) or any(rx.fullmatch(t) for rx in others):
            break
        if is_title(tl) and any(rx.fullmatch(t) for rx in stop_titles):
            break
        if level == 0.5 and tl.new_page and is_title(tl):
            break  # an unnumbered chapter title opening a PDF page ("2025年部门预算编制说明")
        if any(rx.fullmatch(t) for rx in own):
            continue  # the heading repeated as a table caption ("部门机构设置情况")
        body.append(tl)
    return body


def is_title(tl: TLine) -> bool:
    """A short unnumbered line without punctuation: a title, not wrapped prose."""
    return tl.level is None and tl.cells is None and len(tl.text) <= 30 and not _PUNCT.search(tl.text)


def find_section(lines: list[TLine], kind: str) -> tuple[TLine, list[TLine]] | None:
    """(heading, body lines) of the first occurrence of a section that has a body."""
    sections = patterns()["sections"]
    own = sections[kind]
    others = [rx for k, rxs in sections.items() if k != kind for rx in rxs]
    for rx in own:
        for i, tl in enumerate(lines):
            if rx.fullmatch(title(tl)):
                body = _body(lines, i, kind, others)
                if body:
                    return tl, body
    return None


def blocks(body: list[TLine], every_level: bool = False) -> tuple[list[TLine], list[list[TLine]]]:
    """(intro lines, numbered blocks): a block runs from a numbered line to the next one.

    Items are the shallowest numbering found in the body (deeper numbers stay inside an
    item), or every numbered line when `every_level` (the glossary's nested terms). When the
    items' numbering starts again (1…13 then 1 again: a list printed twice) the second
    copy is not read.
    """
    levels = [tl.level for tl in body if tl.level is not None]
    if not levels:
        return body, []
    top = min(levels)
    intro: list[TLine] = []
    out: list[list[TLine]] = []
    last: dict[int, int] = {}
    for tl in body:
        if tl.level is not None and (every_level or tl.level == top):
            if tl.level == top and tl.number and tl.number <= last.get(top, 0):
                # the text between the copies (a repeated lead-in) is not the last item's
                ends = [k for k, x in enumerate(out[-1]) if x.text.endswith("。")]
                if ends:
                    del out[-1][ends[0] + 1 :]
                break
            last[tl.level] = tl.number
            out.append([tl])
        elif out:
            out[-1].append(tl)
        else:
            intro.append(tl)
    return intro, out


def join(lines: list[TLine], strip_marker: bool = True) -> str:
    """One paragraph from lines: the first without its marker, CJK joined without spaces."""
    if not lines:
        return ""
    parts = [lines[0].body if strip_marker else lines[0].text] + [tl.text for tl in lines[1:]]
    return squeeze(" ".join(parts)).strip()


def wrap_width(lines: list[TLine]) -> int:
    """The line width of wrapped text (90th percentile, robust to one over-long line); a
    few lines cannot tell it (none may wrap): then at least the document's."""
    own = _percentile90([tl.width for tl in lines])
    return own if len(lines) >= 4 else max([own] + [tl.doc_wrap for tl in lines[:1]])


def paragraphs(lines: list[TLine], fmt: str, width: int | None = None) -> list[list[TLine]]:
    """Group lines into paragraphs.

    Wrapped exports (plain text, PDF): a paragraph ends at a line clearly shorter than the
    wrap width. Markdown: a line is a paragraph, unless it stops without a sentence end
    (a page break cut it). DOCX: every line is a paragraph. A numbered line always starts one.
    """
    wrapped = fmt in ("text", "pdf")
    width = width if width is not None else wrap_width(lines)
    out: list[list[TLine]] = []
    open_ = False
    for tl in lines:
        if not open_ or tl.level is not None or tl.cells is not None:
            out.append([tl])
        else:
            out[-1].append(tl)
        if wrapped:
            open_ = tl.width >= 0.85 * width
        elif fmt == "markdown":
            open_ = tl.cells is None and not _SENTENCE_END.search(tl.text)
        else:
            open_ = False
    return out


# ---------------------------------------------------------------- glossary

_COLON = re.compile(r"^(?P<term>[^:]{1,80}?):(?P<definition>.*)$")
_ZHI = re.compile(r"^(?P<term>.{1,60}?)(?:是指|指)(?P<definition>.+)$")


def split_term(text: str) -> tuple[str, str] | None:
    """ "term:definition" / "term是指definition" → (term, definition); None without a separator."""
    m = _COLON.match(text) or _ZHI.match(text)
    if not m:
        return None
    term = m.group("term").strip()
    return (term, m.group("definition").strip()) if term else None


def extract_glossary(doc: Document) -> list[GlossaryEntry]:
    """The terms of the 名词解释 section, in order; [] when the document has none."""
    found = find_section(prepare(doc), "glossary")
    if found is None:
        return []
    _, body = found
    intro, items = blocks(body, every_level=True)
    if not items:  # unnumbered glossary: one term per paragraph
        items = paragraphs(intro, doc.format)
    entries: list[GlossaryEntry] = []
    for k, item in enumerate(items):
        text = join(item)
        split = split_term(text)
        if split is None:
            nxt = items[k + 1][0].level if k + 1 < len(items) else None
            if item[0].level is not None and nxt is not None and nxt > item[0].level:
                continue  # a group heading over deeper-numbered terms
            split = (text, "")  # kept (visible) rather than dropped: a term without definition
        entries.append(GlossaryEntry(term=split[0], definition=split[1], source_ref=item[0].ref))
    return entries
