"""`survey DIR`: extract every disclosure of a folder and tell, in one table, which need attention.

Each file becomes a package under the output root (`<out>/<file stem>/`), in parallel across
cores; a file whose sha256 is already in the survey's CSV (and whose package is still there) is
not extracted again. A file whose name extends another's by a word naming a part of a disclosure
(`X-tables.pdf`, `X_附表.pdf` beside `X.pdf`; the words in reference/file_parts.yaml) is read with
it as one disclosure, as `extract X.pdf X-tables.pdf` would. One row per file: department, year, stage, how its statements were read
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
from importlib import resources
from pathlib import Path

import yaml

from .catalog import sha256_of
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


_PARTS = yaml.safe_load(resources.files("generator.reference").joinpath("file_parts.yaml").read_text("utf-8"))
_PART_WORDS = frozenset(str(w).lower() for w in _PARTS["parts"])


def _part_of(stem: str, head: str) -> bool:
    """`stem` is `head` + separator + a word naming a part of a disclosure (…-tables, …_附表)."""
    rest = stem[len(head):]
    if not stem.startswith(head) or not rest or rest[0] not in _PARTS["separators"]:
        return False
    return rest.strip(_PARTS["separators"] + "）)").lower() in _PART_WORDS


def group_files(files: list[Path]) -> list[list[Path]]:
    """Files of one disclosure together: a name that extends another's by a part word joins it."""
    groups: list[list[Path]] = []
    for p in sorted(files, key=lambda f: (len(f.stem), f.name)):
        head = next(
            (g for g in groups if _part_of(p.stem, g[0].stem) and p.suffix.lower() == g[0].suffix.lower()),
            None,
        )
        if head is None:
            groups.append([p])
        else:
            head.append(p)
    return sorted(groups, key=lambda g: g[0].name)


def _label(paths: list[Path]) -> str:
    return " + ".join(p.name for p in paths)


def _group_sha(paths: list[Path]) -> str:
    shas = [sha256_of(p) for p in paths]
    return shas[0] if len(shas) == 1 else hashlib.sha256(" ".join(shas).encode()).hexdigest()


def survey_file(path: str | list[str], root: str) -> SurveyRow:
    """Worker: extract one disclosure (one file or its files) into root/<stem>/ and summarize it.

    Never raises on bad input."""
    paths = [Path(x) for x in ([path] if isinstance(path, str) else path)]
    p = paths[0]
    sha = _group_sha(paths)
    started = time.perf_counter()
    try:
        d = extract_file(paths, Path(root) / p.stem, Options())
    except (InputError, PackageInvalid) as exc:
        return SurveyRow(_label(paths), sha, "failed", seconds=round(time.perf_counter() - started, 2),
                         message=" ".join(str(exc).split())[:300])
    outcomes = Counter(o.status for o in table_outcomes(d))
    verdicts = Counter(str(c.status.value) for c in d.checks)
    return SurveyRow(
        _label(paths), sha, "ok", d.meta.disclosure_id, d.meta.department, str(d.meta.year), d.meta.stage,
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
            first = Path(row.file.split(" + ")[0])
            if row.status == "ok" and (root / first.stem / "datapackage.json").is_file():
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
    groups = group_files(files)
    rows: dict[str, SurveyRow] = {}
    todo = []
    for g in groups:
        row = known.get(_group_sha(g))
        if row is not None and row.file == _label(g):
            rows[row.file] = row
            progress(f"[{len(rows)}/{len(groups)}] {row.file}: already surveyed")
        else:
            todo.append(g)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(survey_file, [str(p) for p in g], str(root)) for g in todo]
        for future in as_completed(futures):
            row = future.result()
            rows[row.file] = row
            progress(f"[{len(rows)}/{len(groups)}] {row.file}: {row.status} in {row.seconds:.1f} s")
    ordered = [rows[_label(g)] for g in groups]
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
