"""Find statement titles, classify them and cut the document into statement bodies.

A title is a short line ending in 表 (optionally followed by a parenthetical such as
（2024年度）) whose next lines look like a table (unit line, number line, cells,
amounts). Table-of-contents entries have no such body and are ignored.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from importlib import resources

import yaml

from ..model import Document, Kind, Line, RawTable, Statement
from ..normalize.numbers import is_amount, nfkc

_TITLE = re.compile(r"^.{2,60}?表(?:[(（][^)）]{0,20}[)）])?$")
_UNIT = re.compile(r"单位\s*[:：]?\s*(万元|元)")
_TOC = re.compile(r"\.{3,}|…{2,}")
_NARRATIVE_END = re.compile(r"[。；;，,]$")
_TITLE_BREAKER = re.compile(r"[,，。;；!！?？]")  # a line with these is prose, not half a title
_EMPTY = re.compile(r"(本单位|本部门|我单位|我部门)?无.{0,40}(收入|支出|预算|经费|数据).{0,20}|空表列示|本表无数据|[此本]表为空")


@lru_cache(maxsize=1)
def _rules() -> dict:
    text = resources.files("generator.reference").joinpath("statement_titles.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _squash(text: str) -> str:
    text = nfkc(text)
    return re.sub(r"[\s\"'“”‘’「」]", "", text)


def classify_title(title: str) -> Kind:
    """The statement kind for a title; Kind.OTHER if no rule matches."""
    s = _squash(title)
    for rule in _rules()["rules"]:
        if any(re.search(p, s) for p in rule["any"]) and not any(re.search(p, s) for p in rule.get("not", [])):
            return Kind(rule["kind"])
    return Kind.OTHER


def _is_title_candidate(line: Line) -> bool:
    if line.cells is not None and sum(1 for c in line.cells if c) > 1:
        return False
    s = _squash(line.text)
    # strip list numbering such as "1、" / "一、" / "(1)"
    s = re.sub(r"^(?:\d+|[一二三四五六七八九十]+)[、.．]", "", s)
    if _number_of(line) or _is_break(line):
        return False
    return bool(_TITLE.match(s)) and not _TOC.search(line.text) and not _NARRATIVE_END.search(s)


def _is_caption(lines: list[Line], i: int) -> bool:
    """A short caption without 表 (`部门政府采购预算`) directly above a ruled table's unit row."""
    line = lines[i]
    if line.cells is not None or i + 1 >= len(lines) or _is_break(line) or _number_of(line):
        return False
    s = _squash(line.text)
    if not 4 <= len(s) <= 30 or _NARRATIVE_END.search(s) or re.match(r"^(?:\d+|[一二三四五六七八九十]+)[、.．]", s):
        return False
    following = lines[i + 1]
    return following.cells is not None and bool(_UNIT.search(nfkc(following.text).replace(" ", "")))


def _number_of(line: Line) -> str | None:
    s = nfkc(line.text).strip()
    for pattern in _rules()["number_patterns"]:
        m = re.match(pattern, s)
        if m:
            return str(_numeral(m.group(1))).zfill(2)
    return None


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _numeral(text: str) -> int:
    """`12` or `十二` → 12 (statement numbers go up to the twenties)."""
    if text.isdigit():
        return int(text)
    tens, _, units = text.partition("十")
    if "十" not in text:
        return _DIGITS[text]
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def _has_table_body(lines: list[Line], start: int) -> bool:
    """True if a table follows within a few lines (units, numbering, cells or amounts)."""
    for line in lines[start : start + 8]:
        if _is_title_candidate(line) and classify_title(line.text) is not Kind.OTHER:
            return False
        if line.cells is not None and sum(1 for c in line.cells if c) >= 2:
            return True
        text = nfkc(line.text)
        if _UNIT.search(text) or _number_of(line) or "栏次" in text or text.startswith(("项目", "部门名称", "部门:", "单位:")):
            return True
        if sum(1 for tok in text.split() if is_amount(tok)) >= 2:
            return True
    return False


def _is_break(line: Line) -> bool:
    s = _squash(line.text)
    return any(re.search(p, s) for p in _rules()["section_breaks"])


def _split_inline_numbers(lines: list[Line]) -> list[Line]:
    """`公开 09 表：…title…` on one line → a number line and a title line (same provenance)."""
    out: list[Line] = []
    for line in lines:
        m = None
        if line.cells is None or sum(1 for c in line.cells if c) == 1:
            text = nfkc(line.text).strip()
            m = next((m for p in _rules()["inline_number_patterns"] if (m := re.match(p, text))), None)
        if m is None or not m.group("title").strip():
            out.append(line)
            continue
        for part in (m.group("number"), m.group("title")):
            out.append(dataclasses.replace(line, text=part.strip(), cells=None))
    return out


def _join_wrapped_titles(lines: list[Line]) -> list[Line]:
    """A title wrapped over two lines (`…“三公”经费、会议费、培训费` / `支出预算表`) → one line."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            nxt is not None
            and line.cells is None
            and nxt.cells is None
            and nxt.page == line.page
            and not _is_title_candidate(line)
            and not _number_of(line)
            and len(_squash(nxt.text)) <= 20
            and not _number_of(nxt)
            and not _TITLE_BREAKER.search(nfkc(line.text))
            # the first half already names the statement (`…“三公”经费、会议费`): a heading
            # such as 结果应用方案 above a title is not its first half
            and classify_title(line.text) is not Kind.OTHER
            and classify_title(line.text + nxt.text) is not Kind.OTHER
        ):
            joined = dataclasses.replace(line, text=nfkc(line.text).strip() + nfkc(nxt.text).strip())
            if _is_title_candidate(joined) and len(_squash(line.text)) >= 6:
                out.append(joined)
                i += 2
                continue
        out.append(line)
        i += 1
    return out


def recognize(doc: Document) -> tuple[list[Statement], list[RawTable]]:
    """Statements in document order, and tables with a title we could not classify (kept raw)."""
    lines = _join_wrapped_titles(_split_inline_numbers(doc.lines))
    starts: list[int] = []
    for i, line in enumerate(lines):
        numbered = any(_number_of(prev) for prev in lines[max(0, i - 2) : i])
        if _is_title_candidate(line) and (numbered or _has_table_body(lines, i + 1)):
            starts.append(i)
        elif _is_caption(lines, i):
            starts.append(i)

    statements: list[Statement] = []
    raw: list[RawTable] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        # a number line printed just above the next title belongs to that next table
        if n + 1 < len(starts) and end - 1 > start and _number_of(lines[end - 1]):
            end -= 1
        for j in range(start + 1, end):
            if _is_break(lines[j]):
                end = j
                break
        end = _cut_at_text_page(lines, start, end)
        title_line = lines[start]
        body = lines[start + 1 : end]
        title = re.sub(r"\s+", "", nfkc(title_line.text))
        title = re.sub(r"^(?:\d+|[一二三四五六七八九十]+)[、.．]", "", title)
        kind = classify_title(title)
        number = _find_number(lines, start, body)
        if kind is Kind.OTHER:
            raw.append(RawTable(title, kind.value, "title not recognized as a standard statement", body, title_line.ref))
            continue
        statements.append(
            Statement(
                kind=kind,
                title=title,
                number=number,
                unit=_find_unit(body),
                lines=body,
                ref=title_line.ref,
                empty_note=_find_empty_note(body),
            )
        )
    return statements, raw


def _cut_at_text_page(lines: list[Line], start: int, end: int) -> int:
    """In a PDF, a table ends before the first following page that holds no table rows."""
    if lines[start].page is None:
        return end
    pages_with_rows = {line.page for line in lines[start:end] if line.cells is not None}
    if not pages_with_rows:  # an unruled table: nothing tells table pages from text pages
        return end
    for j in range(start + 1, end):
        page = lines[j].page
        if page != lines[start].page and page not in pages_with_rows:
            return j
    return end


def _find_number(lines: list[Line], start: int, body: list[Line]) -> str | None:
    for line in list(reversed(lines[max(0, start - 2) : start])) + body[:6]:
        number = _number_of(line)
        if number:
            return number
    return None


def _find_unit(body: list[Line]) -> str:
    # the unit may be split from its label over two lines ("单位：" / "万元")
    head = "".join(nfkc(line.text) for line in body[:10]).replace(" ", "")
    m = _UNIT.search(head)
    return m.group(1) if m else "万元"


def _find_empty_note(body: list[Line]) -> str | None:
    for line in body:
        text = nfkc(line.text)
        if _EMPTY.search(text.replace(" ", "")) and not any(is_amount(c) for c in text.split()):
            # the note often shares its row with the 合计 label of the empty table
            return re.sub(r"^(?:合计\s*)+", "", re.sub(r"\s+", " ", text)).strip()
    return None
