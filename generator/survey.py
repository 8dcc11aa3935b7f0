"""`survey DIR`: extract every disclosure of a folder and tell, in one table, which need attention.

Each file becomes a package under the output root (`<out>/<file stem>/`), in parallel across
cores; a file whose sha256 is already in the survey's CSV (and whose package is still there) is
not extracted again. One row per file: department, year, stage, how its statements were read
(parsed / parsed in part / kept raw / empty), the checks' verdicts and the seconds it took.
"""

from __future__ import annotations

import csv
import hashlib
import io
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .extract import Options, extract_file, table_outcomes
from .model import InputError
from .package.validate import PackageInvalid

SURVEY_CSV = "survey.csv"
SUFFIXES = (".pdf", ".md", ".txt", ".docx")


@dataclass(frozen=True)
class SurveyRow:
    file: str
    sha256: str
    status: str  # ok | failed
    disclosure_id: str = ""
    department: str = ""
    year: str = ""
    stage: str = ""
    statements: int = 0
    parsed: int = 0
    partial: int = 0
    raw: int = 0
    empty: int = 0
    checks_pass: int = 0
    checks_warn: int = 0
    checks_fail: int = 0
    checks_skip: int = 0
    problems: int = 0
    seconds: float = 0.0
    message: str = ""


COLUMNS = [f.name for f in fields(SurveyRow)]
_CAST = {"int": int, "float": float}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def survey_file(path: str, root: str) -> SurveyRow:
    """Worker: extract one file into root/<stem>/ and summarize it (never raises on bad input)."""
    p = Path(path)
    sha = _sha256(p)
    started = time.perf_counter()
    try:
        d = extract_file(p, Path(root) / p.stem, Options())
    except (InputError, PackageInvalid) as exc:
        return SurveyRow(p.name, sha, "failed", seconds=round(time.perf_counter() - started, 2),
                         message=" ".join(str(exc).split())[:300])
    outcomes = Counter(o.status for o in table_outcomes(d))
    verdicts = Counter(str(c.status.value) for c in d.checks)
    return SurveyRow(
        p.name, sha, "ok", d.meta.disclosure_id, d.meta.department, str(d.meta.year), d.meta.stage,
        statements=len(d.statements), parsed=outcomes["parsed"], partial=outcomes["partial"],
        raw=outcomes["raw"], empty=outcomes["empty"], checks_pass=verdicts["pass"],
        checks_warn=verdicts["warn"], checks_fail=verdicts["fail"], checks_skip=verdicts["skip"],
        problems=len(d.problems), seconds=round(time.perf_counter() - started, 2),
    )


def _previous(csv_path: Path, root: Path) -> dict[str, SurveyRow]:
    """Rows of an earlier survey whose package is still on disk, by sha256."""
    if not csv_path.is_file():
        return {}
    out = {}
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        for rec in csv.DictReader(handle):
            try:
                row = SurveyRow(**{f.name: _CAST.get(str(f.type), str)(rec[f.name]) for f in fields(SurveyRow)})
            except (KeyError, ValueError, TypeError):
                continue  # a row of an older layout: extract again
            if row.status == "ok" and (root / Path(row.file).stem / "datapackage.json").is_file():
                out[row.sha256] = row
    return out


def survey(
    folder: Path, root: Path, *, workers: int | None = None, force: bool = False,
    progress: Callable[[str], None] = lambda _m: None,
) -> list[SurveyRow]:
    folder, root = Path(folder), Path(root)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    files = sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.upper().startswith(("README", "LICENSE", "."))
    )
    if not files:
        raise InputError(f"{folder}: no disclosure files (.pdf, .md, .txt, .docx)")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{root}: cannot create the output folder ({exc.strerror or exc})") from None
    known = {} if force else _previous(root / SURVEY_CSV, root)
    rows: dict[str, SurveyRow] = {}
    todo = []
    for p in files:
        row = known.get(_sha256(p))
        if row is not None and row.file == p.name:
            rows[p.name] = row
            progress(f"[{len(rows)}/{len(files)}] {p.name}: already surveyed")
        else:
            todo.append(p)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(survey_file, str(p), str(root)): p for p in todo}
        for future in as_completed(futures):
            row = future.result()
            rows[row.file] = row
            progress(f"[{len(rows)}/{len(files)}] {row.file}: {row.status} in {row.seconds:.1f} s")
    ordered = [rows[p.name] for p in files]
    write_csv(ordered, root / SURVEY_CSV)
    return ordered


def write_csv(rows: list[SurveyRow], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(r) for r in rows)
    tmp = path.with_suffix(".csv.tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8-sig")
    tmp.replace(path)


def render_table(rows: list[SurveyRow]) -> str:
    """The survey as a Markdown table (the README shows it)."""
    head = ("| file | department | year | stage | statements parsed / in part / raw / empty "
            "| checks pass / warn / fail | s |\n|---|---|---:|---|---|---|---:|")
    lines = [head]
    for r in rows:
        if r.status != "ok":
            lines.append(f"| {r.file} | **failed**: {r.message[:80]} | | | | | {r.seconds:.1f} |")
            continue
        lines.append(
            f"| {r.file} | {r.department or '?'} | {r.year} | {r.stage} | "
            f"{r.parsed} / {r.partial} / {r.raw} / {r.empty} | {r.checks_pass} / {r.checks_warn} / {r.checks_fail} "
            f"| {r.seconds:.1f} |"
        )
    return "\n".join(lines)
