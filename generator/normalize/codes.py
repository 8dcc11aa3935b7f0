"""The national classification code lists and lookups by code or by printed name.

Functional (支出功能分类科目): 类 3 digits, 款 5, 项 7. Economic (部门预算支出经济分类科目,
政府预算支出经济分类科目): 类 3 digits, 款 5. The lists are reference data in
generator/reference/*.csv, one row per version of a code (valid_from..valid_to): the
disclosure's year picks the version (`function_codes(2017)`); no year = the current list.

Printed names differ from the national wording: OCR typos (医疗教助), spaces inside
names, suffixes such as （类）/(款), list numbering (八、), short budget-template names
(城乡社区事务). Lookups normalize all that and accept a fuzzy match only when it is
close and unique, so a wrong code is never returned silently.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .numbers import nfkc

_LEVEL_BY_LENGTH = {3: 1, 5: 2, 7: 3}
_FUNCTION_CODE = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")
_ECONOMIC_CODE = re.compile(r"^[35]\d{2}(?:\d{2})?$")
# list numbering before a name: 一、 / 1. / 1、 / (一) / 其中：
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十百]+[、.]|\d+[、.](?!\d)|[(][一二三四五六七八九十\d]+[)]|其中[:])")
_SUFFIX = re.compile(r"[(](?:类|款|项|类级|款级|项级)[)]")
_SPACE = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    level: int
    parent: str
    category: str = ""  # economic codes only: personnel | public | ...
    valid_from: int = 0
    valid_to: int | None = None  # None: still valid
    source: str = ""

    def valid_in(self, year: int | None) -> bool:
        """In the list of `year` (None: the current list)."""
        if year is None:
            return self.valid_to is None
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


LIST_FILES = {
    "function_codes": "function_codes.csv",
    "economic_codes": "economic_codes.csv",
    "gov_economic_codes": "gov_economic_codes.csv",
}


def read_reference_csv(filename: str) -> list[dict[str, str]]:
    """Rows of a generator/reference CSV; leading `#` lines are its header comment (sources)."""
    ref = resources.files("generator.reference").joinpath(filename)
    if not ref.is_file():
        return []
    # Traversable.open() takes no newline argument; csv needs newline="" (quoted line breaks)
    with ref.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))



@cache
def versions(list_name: str) -> tuple[Code, ...]:
    """Every version of every code of a code list, in file order."""
    return tuple(
        Code(
            r["code"], r["name"], int(r["level"]), r.get("parent") or "", r.get("category") or "",
            int(r.get("valid_from") or 0), int(r["valid_to"]) if r.get("valid_to") else None, r.get("source") or "",
        )
        for r in read_reference_csv(LIST_FILES[list_name])
    )


@cache
def codes_for(list_name: str, year: int | None = None) -> dict[str, Code]:
    """The codes of a list valid in `year` (None: the current list), keyed by code."""
    return {c.code: c for c in versions(list_name) if c.valid_in(year)}


def latest(list_name: str, code: str, year: int | None = None) -> Code | None:
    """The version valid in `year`, else the latest version of the code (a code of another year)."""
    entry = codes_for(list_name, year).get(code)
    if entry is not None:
        return entry
    older = [c for c in versions(list_name) if c.code == code]
    return max(older, key=lambda c: c.valid_from) if older else None


def function_codes(year: int | None = None) -> dict[str, Code]:
    """Functional codes valid in `year` (None: the current list), keyed by code."""
    return codes_for("function_codes", year)


def economic_codes(year: int | None = None) -> dict[str, Code]:
    """部门预算 economic codes valid in `year` (None: the current list), keyed by code."""
    return codes_for("economic_codes", year)


@lru_cache(maxsize=1)
def _function_aliases() -> dict[str, str]:
    return {normalize_name(r["alias"]): r["code"] for r in read_reference_csv("function_aliases.csv")}


# ---------------------------------------------------------------- pure helpers


def is_function_code(s: str | None) -> bool:
    """True for a well-formed functional code (3/5/7 digits starting with 2)."""
    return bool(s) and bool(_FUNCTION_CODE.match(nfkc(s or "").strip()))


def is_economic_code(s: str | None) -> bool:
    return bool(s) and bool(_ECONOMIC_CODE.match(nfkc(s or "").strip()))


def level_of(code: str) -> int:
    """3 digits → 1 (类), 5 → 2 (款), 7 → 3 (项)."""
    try:
        return _LEVEL_BY_LENGTH[len(code)]
    except KeyError:
        raise ValueError(f"not a classification code: {code!r}") from None


def parent_of(code: str) -> str | None:
    """The enclosing code (款 → 类, 项 → 款); None for a 类."""
    level = level_of(code)
    return None if level == 1 else code[: 3 if level == 2 else 5]


def join_split_code(cls: str, kuan: str = "", xiang: str = "") -> str:
    """Join split 类/款/项 columns: ("210", "15", "01") → "2101501".

    Tolerates a column that already carries the full prefix ("210", "21015", "2101501").
    """
    parts = [nfkc(p or "").strip() for p in (cls, kuan, xiang)]
    code = ""
    for part, width in zip(parts, (3, 2, 2), strict=True):
        if not part:
            break
        if not part.isdigit():
            raise ValueError(f"not a code part: {part!r}")
        if len(part) == width:
            code += part
        elif len(part) == len(code) + width and part.startswith(code):
            code = part
        else:
            raise ValueError(f"code part {part!r} does not extend {code or 'nothing'!r}")
    if not code:
        raise ValueError("empty code")
    if xiang.strip() and not kuan.strip():
        raise ValueError("项 without 款")
    return code


@lru_cache(maxsize=65536)  # every lookup compares with every national name: normalize each once
def normalize_name(name: str) -> str:
    """Comparable form of a printed subject name: NFKC, no spaces/numbering/（类）."""
    s = _SPACE.sub("", nfkc(name))
    s = _SUFFIX.sub("", s)
    while True:
        t = _NUMBERING.sub("", s)
        if t == s:
            break
        s = t
    return s.strip(":：")


def function_code_name(code: str, year: int | None = None) -> str | None:
    """The national name in `year` (None: current), else the latest name the code had."""
    entry = latest("function_codes", code, year)
    return entry.name if entry else None


def economic_code_name(code: str, year: int | None = None) -> str | None:
    entry = latest("economic_codes", code, year)
    return entry.name if entry else None


def names_agree(printed: str, national: str, code: str = "") -> bool:
    """A printed name that says the same as the national one (spacing, numbering, （类）, 支出),
    or a template short name of the code (function_aliases.csv: 城乡社区事务 for 212)."""
    a, b = normalize_name(printed), normalize_name(national)
    return a == b or _strip_zhichu(a) == _strip_zhichu(b) or (bool(code) and _function_aliases().get(a) == code)


def _strip_zhichu(s: str) -> str:
    return s[:-2] if s.endswith("支出") and len(s) > 3 else s


def _near(a: str, b: str) -> float:
    """Similarity; one substituted character in a name of ≥4 characters counts as a match (OCR)."""
    if len(a) == len(b) and len(a) >= 4 and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return 0.95
    return difflib.SequenceMatcher(None, a, b).ratio()


def _lookup(
    name: str,
    table: dict[str, Code],
    parent: str | None,
    level: int | None,
    aliases: dict[str, str],
    cutoff: float,
    strict_parent: bool = False,
) -> str | None:
    target = normalize_name(name)
    if not target:
        return None
    pool = [c for c in table.values() if level is None or c.level == level]
    if parent:
        under = [c for c in pool if c.code != parent and c.code.startswith(parent)]
        # direct children first, then any descendant, then (only if nothing fits) everything
        pools = [[c for c in under if c.parent == parent], under] + ([] if strict_parent else [pool])
    else:
        pools = [pool]
    for candidates in pools:
        if not candidates:
            continue
        exact = [c for c in candidates if normalize_name(c.name) == target]
        if not exact:
            bare = _strip_zhichu(target)
            exact = [c for c in candidates if _strip_zhichu(normalize_name(c.name)) == bare]
        if not exact and target in aliases:
            exact = [c for c in candidates if c.code == aliases[target]]
        if exact:
            return _unique(exact)
        scored = sorted(((_near(target, normalize_name(c.name)), c) for c in candidates), key=lambda t: -t[0])
        scored = [(s, c) for s, c in scored if s >= cutoff]
        if scored:
            best = scored[0][0]
            return _unique([c for s, c in scored if s == best])
    return None


def _unique(found: list[Code]) -> str | None:
    """One code; for the same name at several levels (其他社会保障和就业支出) the shallowest."""
    if len(found) == 1:
        return found[0].code
    top = min(c.level for c in found)
    shallow = [c for c in found if c.level == top]
    return shallow[0].code if len(shallow) == 1 else None


@cache
def _former(list_name: str, year: int | None) -> dict[str, Code]:
    """Versions not valid in `year` whose code still is: former names (医疗卫生与计划生育支出 → 210)."""
    valid = codes_for(list_name, year)
    return {
        f"{c.code}@{c.valid_from}": c
        for c in versions(list_name)
        if not c.valid_in(year) and c.code in valid and c.name != valid[c.code].name
    }


def _lookup_versioned(
    list_name: str, name: str, parent: str | None, level: int | None, aliases: dict[str, str],
    cutoff: float, strict_parent: bool, year: int | None,
) -> str | None:
    found = _lookup(name, codes_for(list_name, year), parent, level, aliases, cutoff, strict_parent)
    if found is None:  # a former name of a code, matched exactly only
        found = _lookup(name, _former(list_name, year), parent, level, {}, 1.0, strict_parent)
    return found


def lookup_function_name(
    name: str, parent: str | None = None, level: int | None = None, cutoff: float = 0.85, strict_parent: bool = False,
    year: int | None = None,
) -> str | None:
    """The functional code for a printed name, or None if unknown or ambiguous.

    `parent` searches that code's descendants first (行政运行 exists under many 款),
    then — unless `strict_parent` — the whole list; `level` restricts to 类/款/项.
    The list of `year` (None: current) is searched, then the former names of its codes.
    """
    return _lookup_versioned(
        "function_codes", name, parent, level, _function_aliases(), cutoff, strict_parent, year
    )


def lookup_economic_name(
    name: str, parent: str | None = None, level: int | None = None, cutoff: float = 0.85, year: int | None = None
) -> str | None:
    """The economic code for a printed name, or None if unknown or ambiguous."""
    return _lookup_versioned("economic_codes", name, parent, level, {}, cutoff, False, year)
