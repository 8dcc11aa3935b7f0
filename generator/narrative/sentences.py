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

from ..model import Document, Line
from ..normalize.numbers import nfkc

# How far a figure looks around itself for its topic, qualifiers and year: a bounded window keeps
# the work per figure constant, so a sentence of any length is read in linear time and memory.
WINDOW = 500

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
        """The paragraph text before this sentence (context for headings like "3.目标实现。得分11分"),
        its last WINDOW characters: the context stays bounded however long the paragraph."""
        return self.paragraph.text[max(0, self.start - WINDOW): self.start]


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


# ---------------------------------------------------------------- PDF figures set apart from their line
#
# Some PDF producers (ONLYOFFICE, Shanghai's templates) typeset the figures of a prose line
# in another font whose baseline sits a few points lower, so pdfplumber returns them as a
# separate line right after the text: "…年度收入支出总计万元。与年度相比" / "2024 2995.39 2023".
# The figures are put back into the gaps of the text line where a figure is expected
# (before 万元 / 年 / 个, after 占 / 下降 / 预算的, …), in order, each to a gap of a
# compatible kind (a % to a share gap, a 4-digit year to a year gap). When the gaps cannot
# take the figures exactly, the lines are left as read.

_NUMBER_TOKEN = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")
_QUOTES = re.compile(r"[“”\"‘’'「」]")
# (kind, regex whose match END is the gap)
_GAPS: list[tuple[str, re.Pattern[str]]] = [
    ("amount", re.compile(r"(?<![\d.%])(?=万元)|(?<![\d.%])(?=万$)")),
    ("year", re.compile(r"(?<![\d本上当全次明今去每前后该同往历])(?=年(?![初末终]))")),
    ("month", re.compile(r"(?<=年)(?=月日)")),
    ("day", re.compile(r"(?<=月)(?=日)")),
    ("pct", re.compile(r"占(?:[^,;。\d]{0,12}?的)?(?=[,;。、]|$)")),
    ("pct", re.compile(r"(?:下降|增长|降低|上升)(?=[,;。、]|$)")),
    ("pct", re.compile(r"预算(?:数)?的(?=[,;。、]|$)")),
    ("count", re.compile(r"(?<![\d])(?=个[,;。、)])|(?<![\d])(?=辆[,;。、])|(?<![\d])(?=台\(套\))")),
    ("count", re.compile(r"(?<![\d])(?=分[,;。(])|(?<![\d])(?=人[,;。、])")),
    ("any", re.compile(r"^(?=[、,;])")),
]


def _number_tokens(text: str) -> list[str] | None:
    """The figures of a line made only of figures (quotes aside), else None."""
    tokens = _QUOTES.sub(" ", nfkc(text)).split()
    if not tokens or not all(_NUMBER_TOKEN.fullmatch(t) for t in tokens):
        return None
    return tokens


def _fits(kind: str, token: str) -> bool:
    pct = token.endswith("%")
    if kind == "any":
        return True
    if kind == "pct":
        return pct
    if pct:
        return False
    whole = token.replace(",", "")
    if kind in ("year", "month", "day"):
        if not whole.isdigit():
            return False
        n = int(whole)
        return 1990 <= n <= 2099 if kind == "year" else 1 <= n <= (12 if kind == "month" else 31)
    return True  # amount, count


def _gaps(text: str) -> list[tuple[int, str]]:
    found: dict[int, str] = {}
    for kind, rx in _GAPS:
        for m in rx.finditer(text):
            found.setdefault(m.end(), kind)
    return sorted(found.items())


def fill_gaps(text: str, tokens: list[str]) -> str | None:
    """`text` with `tokens` put into its gaps in order, or None when they do not fit.

    Every token must go to a gap of a compatible kind; among the ways to place them, the
    one leaving the fewest typed gaps (not "any") empty wins."""
    gaps = _gaps(text)
    n, m = len(tokens), len(gaps)
    if n > m:
        return None
    inf = float("inf")
    # best[i][j]: fewest typed gaps skipped placing tokens[:i] into gaps[:j]
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0
    for j in range(1, m + 1):
        best[0][j] = best[0][j - 1] + (gaps[j - 1][1] != "any")
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            skip_gap = best[i][j - 1] + (gaps[j - 1][1] != "any")
            take = best[i - 1][j - 1] if _fits(gaps[j - 1][1], tokens[i - 1]) else inf
            best[i][j] = min(skip_gap, take)
    if best[n][m] == inf:
        return None
    placed: dict[int, str] = {}
    i, j = n, m
    while i > 0:
        if _fits(gaps[j - 1][1], tokens[i - 1]) and best[i - 1][j - 1] == best[i][j]:
            placed[gaps[j - 1][0]] = tokens[i - 1]
            i -= 1
        j -= 1
    out, last = [], 0
    for pos in sorted(placed):
        out += [text[last:pos], placed[pos]]
        last = pos
    out.append(text[last:])
    return "".join(out)


def text_lines(doc: Document) -> list[tuple[str, Line]]:
    """(clean text, line) of the non-table lines; in PDFs, figures set apart from their
    line are put back into it (see fill_gaps)."""
    lines = [ln for ln in doc.lines if ln.cells is None]
    out: list[tuple[str, Line]] = []
    previous_is_text = False
    for ln in lines:
        text = clean_line(ln.text)
        tokens = _number_tokens(ln.text) if doc.format == "pdf" else None
        if tokens is not None and previous_is_text and out and out[-1][1].page == ln.page:
            filled = fill_gaps(out[-1][0], tokens)
            if filled is not None:
                out[-1] = (filled, out[-1][1])
                previous_is_text = False
                continue
        out.append((text, ln))
        previous_is_text = tokens is None and bool(_QUOTES.sub("", text))
    return out


def _width(text: str) -> float:
    """Printed width in CJK characters (a digit or Latin letter is half a character)."""
    return sum(1 if ord(c) > 0x2E80 else 0.5 for c in text)


def _wrap_width(texts: list[str]) -> float:
    """The width at which a plain-text export wrapped its lines (the 90th percentile)."""
    widths = sorted(_width(t) for t in texts if t)
    return widths[int(len(widths) * 0.9)] if widths else 0.0


def paragraphs(doc: Document, rules: list[RegionRule], initial_mode: str = "exclude") -> list[Paragraph]:
    """The prose paragraphs of `doc` in the regions the rules keep (table rows are skipped).

    In a wrapped plain-text export (or PDF) a numbered heading may run over several lines
    ("四、严厉打击…,发现问" / "题查处率100%"): it ends at its first short line without a
    sentence end, and the text after it is another paragraph (so a quote does not run a
    heading into the next sentence)."""
    pairs = text_lines(doc)
    lines = [ln for _, ln in pairs]
    texts = [text for text, _ in pairs]
    short = 0.8 * _wrap_width(texts) if doc.format in ("text", "pdf") else 0.0
    heading_open = False  # inside a wrapped heading of a plain-text export or PDF
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
        if marker and marker[0] < 3 and short:
            heading_open = True
        elif marker:
            heading_open = False
        ends_heading = False
        if heading_open and any(c in text for c in _SENT_END):
            heading_open = False  # "(一)…情况。…": a heading run into its text, as printed
        elif heading_open and _width(text) < short:
            heading_open, ends_heading = False, True
        mode = effective()
        if mode == "exclude":
            current = None
            continue
        if current is None or current.mode != mode:
            current = Paragraph(section=tag(), mode=mode, heading=heading)
            out.append(current)
        current.add(text, line.ref)
        if ends_heading:
            current = None
        elif (marker and marker[0] < 3 or ruled) and _is_title(text):
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

