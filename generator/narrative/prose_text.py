"""Cut the 情况说明 of a document into sections and paragraphs, keeping provenance.

Exports break sentences (and even "0 / 万元") across lines, so lines are joined into
paragraphs; every character of a paragraph's NFKC text still knows its source line
and its original character, so a figure reports the line it starts on and names keep
the source's own wording.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Document, Line

_TOC = re.compile(r"\.{3,}|…{2,}")
_SENTENCE_END = re.compile(r"[。!?！？]\s*$")
# a numbered list item starts a new paragraph: "1.一般公共服务…", "(2)公务用车…"
_LIST_ITEM = re.compile(r"^\s*(?:[-*]\s*)?(?:\d+[.、](?!\d)|[(（][\d一二三四五六七八九十]+[)）]|[A-Z][.、])")


def _nfkc_char(ch: str) -> str:
    out = unicodedata.normalize("NFKC", ch)
    return out.replace("\u2212", "-")


@dataclass
class Paragraph:
    """NFKC text of joined lines; `refs[i]`/`orig[i]` = source line ref / original text of char i."""

    section: str
    text: str = ""
    refs: list[str] = field(default_factory=list)
    orig: list[tuple[int, int]] = field(default_factory=list)  # (index into lines, char index)
    lines: list[Line] = field(default_factory=list)

    def add(self, line: Line) -> None:
        k = len(self.lines)
        self.lines.append(line)
        pieces = []
        for i, ch in enumerate(line.text):
            norm = _nfkc_char(ch)
            pieces.append(norm)
            self.refs.extend([line.ref] * len(norm))
            self.orig.extend([(k, i)] * len(norm))
        self.text += "".join(pieces)

    def ref_at(self, pos: int) -> str:
        return self.refs[min(pos, len(self.refs) - 1)] if self.refs else ""

    def original(self, start: int, end: int) -> str:
        """The source's own characters behind text[start:end]."""
        out: list[str] = []
        last: tuple[int, int] | None = None
        for pos in range(start, min(end, len(self.orig))):
            k, i = self.orig[pos]
            if (k, i) != last:
                out.append(self.lines[k].text[i])
                last = (k, i)
        return "".join(out).strip()


def heading_section(text: str, heading: re.Pattern[str], sections: list[tuple[str, re.Pattern[str]]]) -> str | None:
    """The section key of a heading line, "" for a heading of no known section, None if not a heading."""
    s = unicodedata.normalize("NFKC", text).strip()
    # "（三）2024 年公务用车…费 7.20 万" is a list item carrying a figure, not a heading
    if not heading.match(s) or "万" in s or len(s) > 60:
        return None
    for key, pattern in sections:
        if pattern.search(s):
            return key
    return ""


def narrative_part(
    doc: Document, start: re.Pattern[str], ends: list[re.Pattern[str]]
) -> list[Line] | None:
    """The lines of the 情况说明 part (after its heading, before the next part); None if absent."""
    begin = None
    for idx, line in enumerate(doc.lines):
        if line.cells is not None or _TOC.search(line.text):
            continue  # table rows and table-of-contents entries
        s = unicodedata.normalize("NFKC", line.text).strip()
        if begin is None:
            if start.search(s):
                begin = idx + 1
            continue
        if any(p.search(s) for p in ends):
            return doc.lines[begin:idx]
    return doc.lines[begin:] if begin is not None else None


def paragraphs(
    lines: list[Line],
    heading: re.Pattern[str],
    sections: list[tuple[str, re.Pattern[str]]],
    subheading: re.Pattern[str] | None = None,
) -> list[Paragraph]:
    """Paragraphs of the narrative, each tagged with the section whose heading precedes it.

    A sub-heading ("(一)…") refines the section it sits in and never leaves it: "(一)机关
    (事业)运行经费支出情况" under 其他重要事项 is not the 支出 section.
    """
    out: list[Paragraph] = []
    section = ""
    current: Paragraph | None = None
    for line in lines:
        if line.cells is not None:
            current = None
            continue
        key = heading_section(line.text, heading, sections)
        if key is not None:
            is_sub = subheading is not None and subheading.match(unicodedata.normalize("NFKC", line.text).strip())
            if key and not (is_sub and section):  # an unknown heading keeps the section it sits in
                section = key
            current = None
            continue
        if current is None or _SENTENCE_END.search(current.text) or _LIST_ITEM.match(line.text):
            current = Paragraph(section)
            out.append(current)
        current.add(line)
    return out
