"""`add`: a new disclosure in one command — source copied, catalog entry written, package extracted.

Nothing is changed until every check has passed (file readable, not yet catalogued, id free,
package extracted and valid): a refusal leaves sources/, the catalog and the packages as they
were. The catalog entry is appended as text, so the existing entries and comments stay exactly
as written; the new text is parsed back before it replaces the catalog.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .catalog import _date, _url, load_catalog, sha256_of
from .extract import Options, _read_one, split_id, table_report
from .model import Disclosure, DisclosureMeta, InputError
from .normalize.numbers import nfkc

# A place prefix that may stand before a department's name (安阳市 滑县医疗保障局).
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,12}(?:省|市|州|盟|地区|自治区)")
# province / city / county at the start of a department's name (武汉市江岸区医疗保障局)
_REGION = re.compile(
    r"(?P<province>[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?P<city>[\u4e00-\u9fff]{2,7}?(?:市|州|盟|地区))?"
    r"(?P<county>[\u4e00-\u9fff]{1,7}?(?:区|县|旗|市))?(?=[\u4e00-\u9fff]{2,})"
)
_DEPARTMENT_FIELDS = ("department", "short_name", "province", "city", "county")


@dataclass(frozen=True)
class Added:
    disclosure: Disclosure
    catalog: Path
    sources: tuple[Path, ...]  # the files as copied into the sources folder
    package: Path
    new_department: bool


def _norm(name: str) -> str:
    return re.sub(r"\s+", "", nfkc(name or ""))


def same_department(name: str, known: DisclosureMeta) -> bool:
    """`name` (as the document prints it) is the catalogued department: the same name or short name,
    or the same name with or without a place in front (苍溪县医疗保障局 / 广元市苍溪县医疗保障局)."""
    a = _norm(name)
    if not a:
        return False
    for b in (_norm(known.department), _norm(known.short_name)):
        if not b:
            continue
        if a == b:
            return True
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        if longer.endswith(shorter) and _PLACE.fullmatch(longer[: -len(shorter)]):
            return True
    return False


def region_of(department: str) -> dict[str, str]:
    """Province, city and county read off the front of a new department's name (may be blank)."""
    m = _REGION.match(_norm(department))
    return {k: v for k, v in (m.groupdict() if m else {}).items() if v}


def _department_fields(meta: DisclosureMeta) -> dict[str, str]:
    return {k: getattr(meta, k) for k in _DEPARTMENT_FIELDS}


def _resolve_department(
    meta: DisclosureMeta, given_department_id: str | None, given_name: str | None, known: dict[str, DisclosureMeta],
) -> tuple[str, dict[str, str], bool]:
    """(department_id, department fields, new?) — a catalogued department keeps its catalogued fields."""
    if given_department_id in known:
        k = known[given_department_id]
        if given_name and not same_department(given_name, k):
            raise InputError(f"--department {given_name!r} differs from {k.department_id}'s catalogued name "
                             f"{k.department!r}")
        return k.department_id, _department_fields(k), False
    if not given_department_id:
        matches = [k for k in known.values() if same_department(meta.department, k)]
        if len(matches) > 1:
            raise InputError(f"{meta.file}: department {meta.department!r} matches "
                             f"{', '.join(k.department_id for k in matches)}; give --id")
        if matches:
            return matches[0].department_id, _department_fields(matches[0]), False
        slug = meta.department_id  # from the file name
        if slug in known:
            if meta.department and not given_name:
                raise InputError(f"{meta.file}: the file name says {slug} ({known[slug].department}) but the document "
                                 f"names {meta.department!r}; give --id or --department")
            return slug, _department_fields(known[slug]), False
        if slug == "unknown":
            raise InputError(f"{meta.file}: a new department ({meta.department or 'name unknown'}) needs an id: "
                             "give --id (lowercase letters, digits and '-', e.g. --id putuo-caizhengju)")
    if not meta.department:
        raise InputError(f"{meta.file}: cannot tell the department from the document; give --department")
    fields = {k: "" for k in _DEPARTMENT_FIELDS} | region_of(meta.department) | {"department": meta.department}
    return given_department_id or meta.department_id, fields, True


def _check_files(paths: list[Path]) -> list[str]:
    """sha256 of each file, after checking it exists and can be read."""
    shas = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: file not found")
        if not path.is_file():
            raise InputError(f"{path}: not a file")
        try:
            shas.append(sha256_of(path))
        except OSError as exc:
            raise InputError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    for i, sha in enumerate(shas):
        if sha in shas[:i]:
            raise InputError(f"{paths[i]}: the same file is given twice ({paths[shas.index(sha)]})")
    return shas


def _catalogued(metas: list[DisclosureMeta]) -> dict[str, tuple[str, str]]:
    """sha256 → (disclosure_id, file) of every catalogued file."""
    out = {}
    for m in metas:
        for name, sha in ((m.file, m.sha256), *zip(m.more_files, m.more_sha256, strict=True)):
            out[sha] = (m.disclosure_id, name)
    return out


def source_name(sources_dir: Path, path: Path, sha: str, disclosure_id: str, taken: set[str]) -> str:
    """The file's name in the sources folder: its own, unless a different file has it already."""
    suffix = path.suffix.lower()
    candidates = [path.name, f"{disclosure_id}{suffix}"] + [f"{disclosure_id}-{n}{suffix}" for n in range(2, 100)]
    for name in candidates:
        target = sources_dir / name
        if name in taken:
            continue
        if not target.exists() or (target.is_file() and sha256_of(target) == sha):
            return name
    raise InputError(f"{path}: no free name for it in {sources_dir}")


def entry_text(entry: dict[str, Any], indent: str) -> str:
    """One catalog list item as YAML text, every value quoted/escaped by the YAML emitter."""
    dumped = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, default_flow_style=False,
                            width=10**6, indent=2)
    # safe_dump writes "- key: …" / "  key: …": shift it to the catalog's list indentation
    return "".join(indent + line for line in dumped.splitlines(keepends=True))


def _list_indent(text: str) -> str:
    m = re.search(r"^disclosures:\s*\n(?:\s*#.*\n|\s*\n)*(?P<indent>[ ]*)- ", text, re.M)
    return m.group("indent") if m else "  "


def append_entry(catalog: Path, entry: dict[str, Any], expected: list[DisclosureMeta]) -> None:
    """Append `entry` to the catalog text; the result must parse to the old entries plus the new one."""
    text = catalog.read_text(encoding="utf-8")
    new_text = text + ("" if text.endswith("\n") or not text else "\n") + entry_text(entry, _list_indent(text))
    fd, tmp_name = tempfile.mkstemp(prefix=".catalog-", suffix=".yaml", dir=catalog.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new_text)
        metas = load_catalog(tmp)
        raw = (yaml.safe_load(new_text) or {}).get("disclosures") or []
        if metas[:-1] != expected or not raw or raw[-1] != entry:
            raise InputError(f"{catalog}: cannot append an entry as text (is `disclosures:` not the last block?); "
                             "the catalog is unchanged")
        os.replace(tmp, catalog)
    finally:
        tmp.unlink(missing_ok=True)


def _entry(meta: DisclosureMeta, department: dict[str, str], files: list[str], shas: list[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": meta.disclosure_id, "department_id": meta.department_id}
    entry |= {k: v for k, v in department.items() if v}
    entry |= {"year": meta.year, "stage": meta.stage, "title": meta.title,
              "file": files[0] if len(files) == 1 else files, "format": meta.format}
    if meta.original_format:
        entry["original_format"] = meta.original_format
    entry["sha256"] = shas[0] if len(shas) == 1 else shas
    entry |= {k: v for k, v in (("source_url", meta.source_url), ("published", meta.published)) if v}
    return entry


def add_disclosure(paths: list[Path], opts: Options, *, catalog: Path, out_root: Path, source_url: str = "",
                   published: str = "") -> Added:
    """Copy `paths` (one disclosure, possibly in several files) into the catalog's folder, catalog it and
    extract its package into out_root/<disclosure_id>/. Raises InputError, changing nothing, on refusal.

    `source_url` / `published` (YYYY-MM-DD): where and when the department published it, when known."""
    from .package.publish import Target, publish
    from .package.writer import write_disclosure_package
    from .pipeline import build_from_document, infer_meta
    from .read.combine import combine_documents

    catalog = Path(catalog)
    sources_dir = catalog.parent
    metas = load_catalog(catalog)
    source_url, published = _url(source_url, "--source-url"), _date(published, "--published")
    shas = _check_files(paths)
    known_files = _catalogued(metas)
    for path, sha in zip(paths, shas, strict=True):
        if sha in known_files:
            did, name = known_files[sha]
            raise InputError(f"{path}: already catalogued as {did} ({name}, sha256 {sha[:12]}…)")
    docs = [_read_one(p) for p in paths]
    if len({d.format for d in docs}) > 1:
        raise InputError(f"{paths[0]}: the files of one disclosure must share a format (one catalog entry), "
                         f"not {', '.join(sorted({d.format for d in docs}))}")
    doc = combine_documents(docs)
    disclosure_id, department_id = split_id(opts.id)
    year, stage = opts.year, opts.stage
    if disclosure_id:  # a full id names the year and stage
        department_id = disclosure_id.rsplit("-", 2)[0]
        year = year or int(disclosure_id.split("-")[-2])
        stage = stage or disclosure_id.split("-")[-1]
    meta = infer_meta(doc, paths[0], department_id=department_id, stage=stage, year=year,
                      department=opts.department)
    known: dict[str, DisclosureMeta] = {}
    for m in metas:
        known.setdefault(m.department_id, m)
    dep_id, department, new_department = _resolve_department(meta, department_id, opts.department, known)
    did = f"{dep_id}-{meta.year}-{meta.stage}"
    if disclosure_id and disclosure_id != did:
        raise InputError(f"--id {disclosure_id} disagrees with year {meta.year} / stage {meta.stage}")
    if did in {m.disclosure_id for m in metas}:
        raise InputError(f"{paths[0]}: {did} is already in {catalog}; give --year/--stage/--id if this is another "
                         "disclosure")
    names: list[str] = []
    for path, sha in zip(paths, shas, strict=True):
        names.append(source_name(sources_dir, path, sha, did, set(names)))
    meta = dataclasses.replace(
        meta, disclosure_id=did, department_id=dep_id, file=names[0], sha256=shas[0],
        more_files=tuple(names[1:]), more_sha256=tuple(shas[1:]), notes="", source_url=source_url,
        published=published,
        department=department["department"], short_name=department["short_name"], province=department["province"],
        city=department["city"], county=department["county"],
    )
    d = build_from_document(meta, doc)
    package = out_root / did

    def catalog_it() -> None:  # once the package is valid, before it is swapped in
        copied = []
        try:
            for path, name in zip(paths, names, strict=True):
                target = sources_dir / name
                if not target.exists():
                    shutil.copyfile(path, target)
                    copied.append(target)
            append_entry(catalog, _entry(meta, department, names, shas), metas)
        except BaseException:
            for target in copied:
                target.unlink(missing_ok=True)
            raise

    # an earlier extract of an uncatalogued file into the same folder is replaced (publish.py)
    publish([Target(package, lambda folder: write_disclosure_package(d, folder))], out_root, before_swap=catalog_it)
    return Added(d, catalog, tuple(sources_dir / n for n in names), package, new_department)


def failed_checks(d: Disclosure) -> list[str]:
    """One line per failed check: what was compared, the figures, and the check's own explanation."""
    return [f"  {c.check_id}: {' '.join(c.description.split())}: expected {c.expected}, actual {c.actual} "
            f"(difference {c.difference})" + (f" — {' '.join(c.explanation.split())}" if c.explanation else "")
            for c in d.checks if c.status.value == "fail"]


def report(added: Added) -> list[str]:
    """What `add` prints: the entry, the tables one by one, the failed checks, what to do next."""
    d, m = added.disclosure, added.disclosure.meta
    lines = [f"added {m.disclosure_id}: {m.department} ({'new department' if added.new_department else 'catalogued'}"
             f" {m.department_id}), {m.year}, {m.stage}, {m.title}",
             f"  source: {', '.join(str(p) for p in added.sources)}; catalog entry appended to {added.catalog}",
             f"  package: {added.package}: {len(d.statements)} statements, {len(d.raw_tables)} raw tables, "
             f"{len(d.problems)} problems", "tables:", *table_report(d)]
    fails = failed_checks(d)
    counts = {s: sum(1 for c in d.checks if c.status.value == s) for s in ("pass", "warn", "fail", "skip")}
    lines.append("checks: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    if fails:
        lines += ["failed checks (what does not add up in the source or in the reading):", *fails]
    lines.append(f"next: check the entry in {added.catalog.name}, read {added.package / 'README.md'}, "
                 "then `make site`")
    return lines
