"""One source document → one Disclosure: read, recognize, normalize, narrative, performance, check.

A stage that rejects its input (InputError/ValueError) on one document is recorded
as a problem and the pipeline goes on; any other exception is a bug and propagates.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import check, performance, recognize
from .model import Disclosure, DisclosureMeta, Document, InputError, Statement
from .narrative import execution, facts, glossary, profile, prose_tables
from .normalize.numbers import nfkc
from .normalize.statements import add_rows, kinds_present, normalize

# Resources that hold data read from the source (checks are derived, not read).
DATA_ATTRS = (
    "summary",
    "income_by_function",
    "expenditure_by_function",
    "general_budget_expenditure",
    "basic_expenditure_economic",
    "three_public",
    "facts",
    "budget_execution",
    "projects",
    "indicators",
)


def _run(d: Disclosure, func: Callable[..., Any], call: Callable[[Callable[..., Any]], Any]) -> Any:
    """Run one stage; input it rejects becomes a problem."""
    try:
        return call(func)
    except (InputError, ValueError) as exc:
        d.problems.append(f"{func.__module__}.{func.__name__}: {exc}")
        return None


def recognize_document(doc: Document, d: Disclosure) -> list[Statement]:
    result = _run(d, recognize.recognize, lambda f: f(doc))
    if result is None:
        return []
    statements, raw = result
    for table in raw:
        d.raw_tables.append(table)
        d.problems.append(f"{table.title} ({table.ref}): kept raw: {table.reason}")
    return list(statements)


def build_from_document(meta: DisclosureMeta, doc: Document) -> Disclosure:
    """Every stage after reading, on an already read document."""
    shell = Disclosure(meta=meta)
    statements = recognize_document(doc, shell)
    d = normalize(statements, meta)
    d.raw_tables[:0] = shell.raw_tables
    d.problems[:0] = [*doc.problems, *shell.problems]

    have = kinds_present(d)
    add_rows(d, _run(d, prose_tables.tables_from_prose, lambda f: f(doc, meta.stage, have)))
    add_rows(d, _run(d, facts.extract_facts, lambda f: f(doc, meta.stage, meta.year)))
    add_rows(d, _run(d, execution.extract_budget_execution, lambda f: f(doc)))
    add_rows(d, _run(d, performance.extract_performance, lambda f: f(doc)))
    d.glossary.extend(_run(d, glossary.extract_glossary, lambda f: f(doc)) or [])
    d.profile.extend(_run(d, profile.extract_profile, lambda f: f(doc)) or [])

    # a figure, not a note about the document: a template's placeholders (某某局) or a 目录 are no disclosure
    stated = [f for f in d.facts if f.value is not None]
    if not d.statements and not stated and not any(getattr(d, a) for a in DATA_ATTRS if a != "facts"):
        raise InputError(
            f"{doc.path}: no recognizable statement: looked for the standard 预算/决算 tables by their titles "
            "(收支总表, 收入表, 支出表, 财政拨款收支总表, 一般公共预算支出表, 基本支出表, 政府性基金, "
            "国有资本经营, “三公”经费, 绩效目标/自评表) and for figures in a 情况说明; found none"
        )
    drop_duplicates(d)
    add_rows(d, _run(d, check.run_checks, lambda f: f(d)))
    return d


# Fields that may differ between two readings of the same figure (wording, provenance).
_INCIDENTAL = frozenset({"source_ref", "quote", "label", "name", "reason"})


def drop_duplicates(d: Disclosure) -> None:
    """One row per primary key: several stages may read the same figure (a table and the
    narrative, two narrative passes). An identical reading is dropped; a conflicting one is
    dropped too, with a problem naming both values, so the package keeps a unique key."""
    from .package.schemas import row_resources, spec

    for name, attr in row_resources().items():
        key_cols = [c for c in spec()["resources"][name]["primaryKey"] if c != "disclosure_id"]
        kept: dict[tuple[object, ...], object] = {}
        rows = []
        for row in getattr(d, attr):
            key = tuple(getattr(row, c) for c in key_cols)
            first = kept.get(key)
            if first is None:
                kept[key] = row
                rows.append(row)
                continue
            diff = [
                f"{f.name} {getattr(row, f.name)} vs {getattr(first, f.name)}"
                for f in dataclasses.fields(row)
                if f.name not in _INCIDENTAL and getattr(row, f.name) != getattr(first, f.name)
            ]
            if diff:
                d.problems.append(
                    f"{name} {dict(zip(key_cols, key, strict=True))}: read twice with different values "
                    f"({'; '.join(diff)}) at {getattr(row, 'source_ref', '?')} and "
                    f"{getattr(first, 'source_ref', '?')}; the first kept"
                )
        setattr(d, attr, rows)


def read(path: Path, fmt: str | None = None) -> Document:
    from .read import read_document

    return read_document(Path(path), fmt)


def read_all(paths: Path | list[Path], fmt: str | None = None) -> Document:
    """One document from one file, or from the several files of one disclosure (in order)."""
    from .read.combine import combine_documents

    paths = [paths] if isinstance(paths, Path | str) else list(paths)
    return combine_documents([read(Path(p), fmt) for p in paths])


def build_disclosure(meta: DisclosureMeta, path: Path | list[Path]) -> Disclosure:
    """Read `path` (or the files of a disclosure in several parts, described by `meta`) and run every stage."""
    doc = read_all(path, meta.format or None)
    if not meta.sha256:
        meta.sha256 = doc.sha256
    return build_from_document(meta, doc)


# ---------------------------------------------------------------- metadata of an uncatalogued file

# `部门：` / `预算主管部门：` / `预算单位：` / `单位名称：` — the name ends at a space, punctuation or the
# `单位：万元` printed right after it
_DEPT_LINE = re.compile(
    r"(?:预算主管部门|主管部门|预算单位|部门名称|单位名称|部门|单位)[:：]\s*"
    r"(?P<name>[^\s,，。;；:：]{2,40}?)(?=\s|$|[,，。;；]|单位[:：]|金额单位)"
)
_ORG_SUFFIX = r"(?:局|委员会|委|办公厅|办公室|院|中心|部|厅|署|会|政府|所|站|队|馆|校|社)"
# greedy: 江苏省委办公厅, not 江苏省委
_DEPT_IN_TITLE = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,30}}{_ORG_SUFFIX})")
_HEADING = re.compile(r"第[一二三四五六七八九十\d]+部分|^[一二三四五六七八九十]+、|目\s*录")
_COVER_YEAR = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,40}?)\s*20\d\d\s*年")
_ORG_LINE = re.compile(rf"[\u4e00-\u9fff]{{2,30}}{_ORG_SUFFIX}")
_YEAR_LINE = re.compile(r"(?P<year>20\d\d)")
_YEAR = re.compile(r"(?P<year>20\d\d)\s*年|年度\s*[:：]\s*(?P<year2>20\d\d)")
_SLUG = re.compile(r"[^a-z0-9]+")


def infer_stage(text: str) -> str | None:
    if "决算" in text:
        return "final"
    if "预算" in text:
        return "budget"
    return None


def slugify(name: str) -> str:
    slug = _SLUG.sub("-", nfkc(name).lower()).strip("-")
    return slug


def _head(doc: Document, n: int = 60) -> list[str]:
    return [nfkc(line.text).strip(" #\t") for line in doc.lines[:n] if line.text.strip()]


_TITLE_PUNCT = re.compile(r"[,，。;；:：…]|\.\.")


def _title(head: list[str]) -> str | None:
    """The document title: a short heading line naming the 预算/决算 (best scored first)."""
    best, best_score = None, 0
    for text in head:
        if len(text) > 40 or _TITLE_PUNCT.search(text) or not ("预算" in text or "决算" in text):
            continue
        score = 1 + 2 * ("部门预算" in text or "部门决算" in text) + bool(_YEAR.search(text))
        if score > best_score:
            best, best_score = text, score
    return best


def _is_unit(name: str) -> bool:
    return name in ("元", "万元", "亿元", "千元")


def _org_name(text: str) -> str | None:
    """`text` if it names an organisation, not a heading (第二部分 …) or a unit (万元)."""
    text = text.strip()
    if not text or _is_unit(text) or _HEADING.search(text) or not re.search(f"{_ORG_SUFFIX}$", text):
        return None
    return text


def _cover(head: list[str]) -> list[str]:
    """The cover: the lines before the table of contents or the first heading."""
    out: list[str] = []
    for text in head[:8]:
        if _HEADING.search(text):
            break
        out.append(text)
    return out


def infer_department(head: list[str], title: str | None) -> str:
    """The department: a labelled line (部门： …), else the cover, else the title; never a heading."""
    for text in head:
        m = _DEPT_LINE.search(text)
        if m and (name := _org_name(m.group("name"))):
            return name
    cover = _cover(head)
    for text in cover:  # 江苏省人大常委会办公厅2018年度部门 / 预算公开: the name before the year
        m = _COVER_YEAR.match(text.replace(" ", ""))
        if m and (name := _org_name(m.group("name"))):
            return name
    name = next((t for t in cover if _ORG_LINE.fullmatch(t) and _org_name(t)), None)
    if name:
        return name
    # the title without its year and what follows the name (部门决算 …)
    bare = re.sub(r"(?:部门|单位)?(?:预算|决算).*$", "", re.sub(r"20\d\d\s*年度?", "", title or ""))
    m = _DEPT_IN_TITLE.search(bare)
    return (m and _org_name(m.group("name"))) or ""


def infer_year(doc: Document, head: list[str], title: str | None) -> int | None:
    """The year of the title or the cover; else the one most table titles name (a tables-only file)."""
    m = (
        _YEAR.search(title or "")
        or next((y for y in (_YEAR.search(t) for t in head) if y), None)
        or next((y for y in (_YEAR_LINE.fullmatch(t) for t in head) if y), None)  # cover: "2024" alone
    )
    if m is not None:
        return int(m.groupdict().get("year") or m.group("year2"))
    years = Counter(
        int(y.group("year"))
        for line in doc.lines
        if len(text := nfkc(line.text).strip()) <= 60 and text.endswith("表") and (y := _YEAR.search(text))
    )
    return years.most_common(1)[0][0] if years else None


def infer_meta(
    doc: Document,
    path: Path,
    *,
    disclosure_id: str | None = None,
    department_id: str | None = None,
    stage: str | None = None,
    year: int | None = None,
    department: str | None = None,
) -> DisclosureMeta:
    """Metadata for a file outside the catalog: given values win, the rest read from the text."""
    path = Path(path)
    head = _head(doc)
    title = _title(head)
    if title is not None:
        title = " ".join(title.split())
    if department is None:
        department = infer_department(head, title)
    if year is None:
        year = infer_year(doc, head, title)
        if year is None:
            raise InputError(f"{path}: cannot tell the year from the cover, the title or any table title; give --year")
    if stage is None:
        stage = infer_stage(title or "") or next((s for s in (infer_stage(t) for t in head) if s), None)
        if stage is None:
            raise InputError(f"{path}: cannot tell budget (预算) from final accounts (决算); give --stage")
    if stage not in ("budget", "final"):
        raise InputError(f"{path}: stage must be budget or final, not {stage!r}")
    if department_id is None:
        department_id = slugify(path.stem)
        # the file name often already carries year and stage: drop them from the slug
        department_id = re.sub(rf"-?(?:{year}|budget|final)\b", "", department_id).strip("-") or "unknown"
    if disclosure_id is None:
        disclosure_id = f"{department_id}-{year}-{stage}"
    if title is None:
        title = f"{department}{year}年{'部门预算' if stage == 'budget' else '部门决算'}"
    return DisclosureMeta(
        disclosure_id=disclosure_id,
        department_id=department_id,
        department=department,
        year=year,
        stage=stage,
        title=title,
        file=path.name,
        format=doc.format,
        sha256=doc.sha256,
        original_format=doc.format if doc.format in ("pdf", "docx") else "",
        notes="metadata inferred from the document",
    )
