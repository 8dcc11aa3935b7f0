"""Extract disclosure files into data packages: one file, or a batch in parallel.

A batch keeps a manifest (`extracted.json` in the output root) of the sha256 of every
file already extracted, so re-running over a growing folder only does the new files. Each
package is validated before it replaces anything (package/publish.py); Ctrl-C stops a batch
at once (workers ignore SIGINT and are terminated) and the manifest of what was done is saved.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .catalog import sha256_of
from .model import Disclosure, Document, InputError

MANIFEST = "extracted.json"


@dataclass(frozen=True)
class Options:
    id: str | None = None
    stage: str | None = None
    year: int | None = None
    department: str | None = None
    force: bool = False  # write into a non-empty folder that holds no package of ours


@dataclass(frozen=True)
class Outcome:
    path: str
    sha256: str
    status: str  # "extracted" | "skipped" | "failed"
    disclosure_id: str = ""
    message: str = ""


def split_id(value: str | None) -> tuple[str | None, str | None]:
    """--id is a department_id (some-bureau) or a full disclosure_id (some-bureau-2024-final)."""
    if value is None:
        return None, None
    from .catalog import DEPARTMENT_ID, DISCLOSURE_ID

    m = DISCLOSURE_ID.fullmatch(value)
    if m:
        return value, m.group("dept")
    if not DEPARTMENT_ID.fullmatch(value):
        raise InputError(f"--id {value!r}: use lowercase ASCII letters, digits and '-' (e.g. some-bureau)")
    return None, value


def _read_one(path: Path) -> Document:
    from .pipeline import read

    try:
        return read(path)
    except InputError:
        raise
    except Exception as exc:  # a reader choking on a corrupt file is bad input, not a bug report
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(f"{path}: cannot read the file: {type(exc).__name__}: {message}") from exc


def build_file(path: Path | list[Path], opts: Options) -> Disclosure:
    """One disclosure read and built (not written). Raises InputError on bad input.

    `path` may list several files of one disclosure (text and tables published apart): they are
    read as one document, the first file's cover giving the metadata.
    """
    from .pipeline import build_from_document, infer_meta
    from .read.combine import combine_documents

    paths = [Path(p) for p in path] if isinstance(path, list) else [Path(path)]
    docs = [_read_one(p) for p in paths]
    doc = combine_documents(docs)
    disclosure_id, department_id = split_id(opts.id)
    year_given, stage_given = opts.year, opts.stage
    if disclosure_id:  # a full id is taken as given: its year and stage are not inferred
        year_given = year_given or int(disclosure_id.split("-")[-2])
        stage_given = stage_given or disclosure_id.split("-")[-1]
    meta = infer_meta(
        doc, paths[0], disclosure_id=disclosure_id, department_id=department_id,
        stage=stage_given, year=year_given, department=opts.department,
    )
    meta = dataclasses.replace(
        meta, more_files=tuple(p.name for p in paths[1:]), more_sha256=tuple(d.sha256 for d in docs[1:]),
        given_paths=tuple(p.as_posix() for p in paths),
    )
    if disclosure_id:
        year, stage = int(disclosure_id.split("-")[-2]), disclosure_id.split("-")[-1]
        if (meta.year, meta.stage) != (year, stage):
            raise InputError(f"--id {disclosure_id} disagrees with year {meta.year} / stage {meta.stage}")
    return build_from_document(meta, doc)


def write_file_package(d: Disclosure, out: Path, force: bool = False) -> Path:
    """The validated package of `d` swapped into `out` (nothing changes if it is invalid)."""
    from .package.publish import Target, publish
    from .package.writer import write_disclosure_package

    out = Path(out)
    return publish([Target(out, lambda folder: write_disclosure_package(d, folder))], out.parent, force=force)[0]


def extract_file(path: Path | list[Path], out: Path, opts: Options) -> Disclosure:
    """One disclosure → one validated package in `out`. Raises InputError on bad input."""
    from .package.publish import check_target

    check_target(Path(out), force=opts.force)  # before the slow part: refuse a foreign folder now
    d = build_file(path, opts)
    write_file_package(d, Path(out), opts.force)
    return d


def _ignore_sigint() -> None:
    # Ctrl-C reaches every process of the terminal: the parent alone decides (and terminates us)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extract_into_root(job: tuple[str, str, Options]) -> Outcome:
    """Worker: build one file and publish it as root/<disclosure_id>."""
    path, root, opts = job
    sha = sha256_of(Path(path))
    try:
        d = build_file(Path(path), opts)
        write_file_package(d, Path(root) / d.meta.disclosure_id, opts.force)
        return Outcome(path, sha, "extracted", d.meta.disclosure_id,
                       f"{len(d.statements)} statements, {len(d.raw_tables)} raw tables, {len(d.problems)} problems")
    except InputError as exc:
        return Outcome(path, sha, "failed", message=" ".join(str(exc).split()))


def extract_batch(
    paths: list[Path], root: Path, opts: Options, *, workers: int | None = None, force: bool = False,
    progress: Callable[[str], None] = lambda _m: None,
) -> list[Outcome]:
    """Extract many files in parallel across cores into root/<disclosure_id>/.

    Files whose sha256 is in the manifest (and whose package still exists) are skipped
    unless `force`. A per-file --id only makes sense for one file, so opts.id is refused.
    """
    if opts.id and len(paths) > 1:
        raise InputError("--id names one disclosure: give it with a single file")
    root.mkdir(parents=True, exist_ok=True)
    manifest_path = root / MANIFEST
    manifest: dict[str, dict[str, str]] = (
        json.loads(manifest_path.read_text("utf-8")) if manifest_path.is_file() else {}
    )
    outcomes: list[Outcome] = []
    todo: list[Path] = []
    for path in paths:
        if not path.is_file():
            outcomes.append(Outcome(str(path), "", "failed", message=f"{path}: file not found"))
            continue
        sha = sha256_of(path)
        known = manifest.get(sha)
        if known and not force and (root / known["disclosure_id"] / "datapackage.json").is_file():
            outcomes.append(Outcome(str(path), sha, "skipped", known["disclosure_id"], "already extracted"))
            progress(f"{path}: skipped, already extracted as {known['disclosure_id']} (sha256 {sha[:12]}…)")
            continue
        todo.append(path)
    import multiprocessing

    workers = workers or min(len(todo), os.cpu_count() or 1) or 1
    pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_ignore_sigint)
    try:
        for outcome in pool.imap_unordered(_extract_into_root, [(str(p), str(root), opts) for p in todo]):
            outcomes.append(outcome)
            if outcome.status == "extracted":
                manifest[outcome.sha256] = {"disclosure_id": outcome.disclosure_id, "file": Path(outcome.path).name}
                progress(f"{outcome.path}: {outcome.disclosure_id}: {outcome.message}")
            else:
                progress(f"{outcome.path}: FAILED: {outcome.message}")
        pool.close()
    except BaseException:
        pool.terminate()  # Ctrl-C: stop now; a package being swapped in is old or new (publish.py)
        raise
    finally:
        pool.join()
        _save_manifest(manifest_path, manifest)
    return sorted(outcomes, key=lambda o: o.path)


def _save_manifest(path: Path, manifest: dict[str, dict[str, str]]) -> None:
    """Written beside and renamed over: an interrupted save leaves the previous manifest."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
    os.replace(tmp, path)


# Which rows a statement kind produces, to report table by table.
_KIND_ROWS = {
    "summary": ("summary", lambda r: r.statement == "overall"),
    "fiscal_summary": ("summary", lambda r: r.statement == "fiscal"),
    "income": ("income_by_function", None),
    "expenditure": ("expenditure_by_function", None),
    "general_budget": ("general_budget_expenditure", None),
    "basic_economic": ("basic_expenditure_economic", None),
    "three_public": ("three_public", None),
    "procurement": ("procurement", None),
    "fiscal_expenditure": ("fiscal_expenditure_by_function", None),
    "gov_fund": ("gov_fund_expenditure", None),
    "state_capital": ("state_capital_expenditure", None),
    "fiscal_basic_economic": ("fiscal_basic_expenditure_economic", None),
    "operating_cost": ("operating_cost_economic", None),
}


@dataclass(frozen=True)
class TableOutcome:
    label: str  # number, title and ref
    status: str  # parsed | partial | raw | empty | performance
    rows: int = 0
    reason: str = ""


def table_outcomes(d: Disclosure) -> list[TableOutcome]:
    """Per recognized statement: parsed (rows), parsed in part, empty or kept raw; then the
    tables whose title was not recognized (kept raw)."""
    raw = {(t.ref, t.title): t for t in d.raw_tables}
    out = []
    for st in d.statements:
        label = f"{st.number or '--'} {st.title} ({st.ref})"
        kept = raw.get((st.ref, st.title))
        target = _KIND_ROWS.get(st.kind.value)
        rows = []
        if target and not st.ref.startswith("narrative"):
            attr, keep = target
            rows = [r for r in getattr(d, attr) if keep is None or keep(r)]
            rows = [r for r in rows if not r.source_ref.startswith("narrative")]
        if kept is not None:
            out.append(TableOutcome(label, "partial" if rows else "raw", len(rows), kept.reason))
        elif st.empty_note:
            out.append(TableOutcome(label, "empty", 0, st.empty_note))
        elif target:
            out.append(TableOutcome(label, "parsed", len(rows)))
        else:
            out.append(TableOutcome(label, "performance"))
    for t in d.raw_tables:
        if all((t.ref, t.title) != (st.ref, st.title) for st in d.statements):
            out.append(TableOutcome(f"-- {t.title} ({t.ref})", "raw", 0, t.reason))
    return out


def table_report(d: Disclosure) -> list[str]:
    """One line per table: parsed (rows), parsed in part, empty, or kept raw."""
    text = {
        "partial": lambda o: f"{o.rows} rows, parsed in part, also kept raw: {o.reason[:160]}",
        "raw": lambda o: f"kept raw: {o.reason[:160]}",
        "empty": lambda o: f"empty ({o.reason[:60]})",
        "parsed": lambda o: f"{o.rows} rows",
        "performance": lambda o: "read with the performance tables",
    }
    return [f"  {o.label}: {text[o.status](o)}" for o in table_outcomes(d)]
