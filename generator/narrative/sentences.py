"""Cut the narrative (prose) of a Document into paragraphs and sentences with provenance.

Exports wrap sentences across lines (and even "0 / 万元"), and OCR puts spaces inside
numbers ("1, 627. 17"). A paragraph is the text from one numbered item / heading to
the next: its lines are joined, NFKC-normalized and stripped of all whitespace, so
"13. 96万元" reads as "13.96万元"; every character remembers the source line it came
from, so a figure reports the line where it starts.

Which parts of a document are prose worth reading (情况说明, 概况, 重点工作, 绩效评价
报告) and which are not (standard tables, 名词解释, 附件) is data: the `regions`
rules of generator/reference/fact_topics.yaml, applied to headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import Document
from ..normalize.numbers import nfkc

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# Markdown / DOCX decorations that are not text.
_DECOR = re.compile(r"\[bookmark:[^\]]*\]|</?[a-z]+>|\*\*|^\s*#+\s*|^\s*[-*]\s+(?:[-*]\s+)?")
_WS = re.compile(r"[\s\u3000\u00a0]")

# Heading / item markers on a normalized (NFKC, no-whitespace) line, by level.
PART = re.compile(r"^第([一二三四五六七八九十]+)部分")
SECTION = re.compile(r"^([一二三四五六七八九十]+)、")
SUBSECTION = re.compile(r"^\(([一二三四五六七八九十]+)\)")
ITEM = re.compile(r"^(?:\d{1,2}[.、](?!\d)|\(\d{1,2}\)|[A-Z][.、])")
_SENT_END = "。!?"


def cn_number(s: str) -> int:
    """一 → 1, 十 → 10, 十三 → 13, 二十一 → 21."""
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN_DIGITS.get(s[1:], 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return CN_DIGITS[tens] * 10 + (CN_DIGITS[ones] if ones else 0)
    return CN_DIGITS.get(s, 0)


def clean_line(text: str) -> str:
    """NFKC, no markdown decorations, no whitespace (the form all patterns apply to)."""
    text = _DECOR.sub("", nfkc(text))
    text = _DECOR.sub("", text)  # "- **x**" needs two passes
    return _WS.sub("", text)


@dataclass
class Paragraph:
    """Normalized text of joined lines; refs[i] is the source line of text[i]."""

    section: str  # "part.section[.subsection]" numbers of the enclosing headings, e.g. "3.5.2"
    mode: str  # "full" | "amounts_only"
    heading: str = ""  # the heading line that opened the enclosing section
    text: str = ""
    refs: list[str] = field(default_factory=list)

    def add(self, text: str, ref: str) -> None:
        self.text += text
        self.refs.extend([ref] * len(text))

    def ref_at(self, pos: int) -> str:
        if not self.refs:
            return ""
        return self.refs[max(0, min(pos, len(self.refs) - 1))]


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the paragraph
    paragraph: Paragraph

    def ref_at(self, pos: int) -> str:
        return self.paragraph.ref_at(self.start + pos)

    @property
    def prefix(self) -> str:
        """The paragraph text before this sentence (context for headings like "3.目标实现。得分11分")."""
        return self.paragraph.text[: self.start]


@dataclass(frozen=True)
class RegionRule:
    pattern: re.Pattern[str]
    mode: str  # "exclude" | "full" | "amounts_only"
    scope: str | None = None  # force the level ("part")
    titles: bool = False  # also applies to unnumbered title lines (附件1, …绩效评价报告)


def region_rules(raw: list[dict]) -> list[RegionRule]:
    return [RegionRule(re.compile(r["re"]), r["mode"], r.get("scope"), bool(r.get("titles"))) for r in raw]


def _level(text: str) -> tuple[int, int] | None:
    """(level, number) of a heading/item marker: part 0, section 1, subsection 2, item 3."""
    for level, rx in ((0, PART), (1, SECTION), (2, SUBSECTION)):
        m = rx.match(text)
        if m:
            return level, cn_number(m.group(1))
    if ITEM.match(text):
        return 3, 0
    return None


def _is_title(text: str) -> bool:
    """A short line without a sentence end or a figure: a title such as 附件1 or a report name.

    Wrapped prose looks alike, so titles only matter where a region rule names them.
    """
    if not 0 < len(text) <= 40:
        return False
    body = re.sub(r"20\d\d年度?|^附[件表]\d*|^第[一二三四五六七八九十]+部分|^\(?[一二三四五六七八九十]+[)、]|^\d+[.、]", "", text)
    if any(c in body for c in _SENT_END + ",;、"):
        return False
    return not re.search(r"\d", body)


def paragraphs(doc: Document, rules: list[RegionRule], initial_mode: str = "exclude") -> list[Paragraph]:
    """The prose paragraphs of `doc` in the regions the rules keep (table rows are skipped)."""
    lines = [ln for ln in doc.lines if ln.cells is None]
    texts = [clean_line(ln.text) for ln in lines]
    modes: list[str | None] = [initial_mode, None, None, None]  # per level 0..3
    numbers = [0, 0, 0]
    heading = ""
    out: list[Paragraph] = []
    current: Paragraph | None = None

    def effective() -> str:
        mode = "full"
        for m in modes:
            if m is not None:
                mode = m
        return mode

    def tag() -> str:
        parts = [numbers[0], numbers[1]] + ([numbers[2]] if numbers[2] else [])
        return ".".join(str(n) for n in parts)

    for i, (line, text) in enumerate(zip(lines, texts, strict=True)):
        if not text:
            continue
        marker = _level(text)
        ruled = False
        title = text
        if marker and marker[0] == 0 and i + 1 < len(texts) and len(texts[i + 1]) <= 40 and not _level(texts[i + 1]):
            title = text + texts[i + 1]  # "第三部分 …2023 年度" / "部门决算情况说明" on two lines
        if marker:
            level, number = marker
            if level < 3:
                numbers[level] = number
                for deeper in range(level + 1, 3):
                    numbers[deeper] = 0
                heading = title
            for deeper in range(level, 4):
                modes[deeper] = None
            if level == 0:
                modes[0] = "full"
            for rule in rules:
                if rule.pattern.search(title):
                    modes[0 if rule.scope == "part" else level] = rule.mode
                    break
            current = None
        elif _is_title(text):
            for rule in rules:
                if rule.titles and rule.pattern.search(text):
                    lvl = 0 if rule.scope == "part" or rule.scope is None else 1
                    for deeper in range(lvl, 4):
                        modes[deeper] = None
                    modes[lvl] = rule.mode
                    current = None
                    ruled = True
                    break
        mode = effective()
        if mode == "exclude":
            current = None
            continue
        if current is None or current.mode != mode:
            current = Paragraph(section=tag(), mode=mode, heading=heading)
            out.append(current)
        current.add(text, line.ref)
        if (marker and marker[0] < 3 or ruled) and _is_title(text):
            # a heading on its own line is not part of the text that follows (an unnumbered
            # short line is only a title when a region rule names it: wrapped prose looks alike)
            current = None
    return out


def sentences(paragraph: Paragraph) -> Iterator[Sentence]:
    """Sentences of a paragraph, split after 。!? (the terminator stays with its sentence)."""
    start = 0
    text = paragraph.text
    for pos, ch in enumerate(text):
        if ch in _SENT_END:
            if text[start : pos + 1].strip(_SENT_END):
                yield Sentence(text[start : pos + 1], start, paragraph)
            start = pos + 1
    if text[start:]:
        yield Sentence(text[start:], start, paragraph)

